/**
 * RFC 9293 §3.10.7 "SEGMENT ARRIVES", rule by rule, in scenarios written as a user writes them:
 * the diagnostics (CODE@LINE:COL), the segment's outcome at its receiver, and, for a wrong
 * segment, the reading the lines after it chose (typo: 'intended'; as sent: 'asSent'). The
 * `expect` lines in each scenario check the end states (a wrong one is an HS501). Rules that
 * receive.test.ts already tests in both readings are not repeated here.
 */
import { describe } from 'node:test';
import { lines } from '../../helpers';
import { arrivalTests } from '../../support/arrivalCases';

const CLIENT = 'endpoint client 10.0.0.1:50000';
const SERVER = 'endpoint server 10.0.0.2:80';
/** An attacker that forges segments with the client's address and port. */
const MALLORY = 'attacker mallory 10.0.0.1:50000';

/** The client sent its SYN; the server's SYN ACK is on its way: the server is SYN_RECEIVED. */
const SYN_RECEIVED = [
  CLIENT,
  SERVER,
  'server listen',
  'client -> server SYN seq=1000',
  'server -> client SYN ACK seq=5000 ack=1001',
];

/** Both ESTABLISHED: the client's SND.NXT is 1001, the server's 5001. */
const ESTABLISHED = [...SYN_RECEIVED, 'client -> server ACK seq=1001 ack=5001'];

/** The server aborts and its RST is lost: it is CLOSED, the client still ESTABLISHED. */
const SERVER_GONE = [...ESTABLISHED, 'server -x client RST seq=5001'];

describe('§3.10.7.1 CLOSED', () => {
  arrivalTests([
    {
      name: 'data reaching a CLOSED endpoint is answered <SEQ=SEG.ACK><CTL=RST>, which resets its sender (§3.10.7.1)',
      text: lines(
        ...SERVER_GONE,
        'client -> server PSH ACK seq=1001 ack=5001 len=10',
        'server -> client RST seq=5001',
        'expect client CLOSED',
      ),
      codes: [],
      line: 8,
      outcome: 'refused',
    },
    {
      name: 'a reset to a CLOSED endpoint with a wrong seq, then the next segment refused again: a typo for SEG.ACK (§3.10.7.1)',
      text: lines(
        ...SERVER_GONE,
        'client -> server PSH ACK seq=1001 ack=5001 len=10',
        'server -> client RST seq=5011',
        'expect client CLOSED',
      ),
      codes: ['HS102@9:26'],
      line: 9,
      outcome: 'reset',
      reading: 'intended',
    },
    {
      name: 'a reset to a CLOSED endpoint with a wrong seq, as sent: challenged by the client, whose challenge ACK is refused again (§3.10.7.1, RFC 5961 §3.2)',
      text: lines(
        ...SERVER_GONE,
        'client -> server PSH ACK seq=1001 ack=5001 len=10',
        'server -> client RST seq=5011',
        'client -> server ACK seq=1011 ack=5001',
        'server -> client RST seq=5001',
        'expect client CLOSED',
      ),
      codes: ['HS102@9:26'],
      line: 9,
      outcome: 'challenged',
      reading: 'asSent',
    },
    {
      name: 'a RST reaching a CLOSED endpoint is discarded: nothing answers it (§3.10.7.1)',
      text: lines(
        ...SERVER_GONE,
        'client -> server RST seq=1001',
        'server -> client RST seq=0', // nothing to answer
      ),
      codes: ['HS201@9:18'],
      line: 8,
      outcome: 'ignored',
    },
    {
      name: "a segment without ACK forged to a port nobody listens on is answered <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, to the client's address (§3.10.7.1)",
      text: lines(
        CLIENT,
        SERVER,
        MALLORY,
        'mallory -> server PSH seq=1000 len=5',
        'server -> client RST ACK seq=0 ack=1005',
        'expect client CLOSED',
      ),
      codes: [],
      line: 4,
      outcome: 'refused',
    },
  ]);
});

describe('§3.10.7.2 LISTEN', () => {
  arrivalTests([
    {
      name: 'LISTEN ignores a RST (§3.10.7.2)',
      text: lines(
        CLIENT,
        SERVER,
        MALLORY,
        'server listen',
        'mallory -> server RST seq=1000',
        'expect server LISTEN',
        'client -> server SYN seq=1000',
        'server -> client SYN ACK seq=5000 ack=1001',
      ),
      codes: [],
      line: 5,
      outcome: 'ignored',
    },
    {
      name: "LISTEN answers an ACK with <SEQ=SEG.ACK><CTL=RST>, to the address it came from: the client's (§3.10.7.2)",
      text: lines(
        CLIENT,
        SERVER,
        MALLORY,
        'server listen',
        'mallory -> server ACK seq=1000 ack=7000',
        'server -> client RST seq=7000',
        'expect server LISTEN',
        'expect client CLOSED',
      ),
      codes: [],
      line: 5,
      outcome: 'refused',
    },
    {
      name: 'LISTEN drops data without SYN or ACK (§3.10.7.2: "drop the segment and return")',
      text: lines(
        CLIENT,
        SERVER,
        MALLORY,
        'server listen',
        'mallory -> server PSH seq=1000 len=5',
        'server -> client RST seq=0', // nothing to answer
        'expect server LISTEN',
      ),
      codes: ['HS201@6:18'],
      line: 5,
      outcome: 'ignored',
    },
    {
      name: 'LISTEN answers a SYN with a SYN ACK: RCV.NXT = SEG.SEQ+1, and data on the SYN only queued (§3.10.7.2)',
      text: lines(
        CLIENT,
        SERVER,
        'server listen',
        'client -> server SYN seq=1000 len=20',
        'server -> client SYN ACK seq=5000 ack=1001',
        'expect server SYN_RECEIVED',
        'client -> server PSH ACK seq=1001 ack=5001 len=20',
        'server -> client ACK seq=5001 ack=1021',
        'expect server ESTABLISHED',
      ),
      codes: ['HS305@4:18'],
      line: 4,
      outcome: 'delivered',
    },
  ]);
});

describe('§3.10.7.3 SYN-SENT', () => {
  arrivalTests([
    {
      name: "SYN_SENT answers a forged ACK that does not acknowledge its SYN with <SEQ=SEG.ACK><CTL=RST>, to the server's address, and stays (§3.10.7.3)",
      text: lines(
        CLIENT,
        SERVER,
        'attacker mallory 10.0.0.2:80',
        'server listen',
        'client -x server SYN seq=1000',
        'mallory -> client ACK seq=5001 ack=7777',
        'client -> server RST seq=7777', // LISTEN ignores it
        'expect client SYN_SENT',
        'expect server LISTEN',
      ),
      codes: [],
      line: 6,
      outcome: 'refused',
    },
    {
      name: 'SYN data refused: RST ACK ack=ISS+1+len resets the client (§3.10.7.1, §3.10.7.3)',
      text: lines(
        CLIENT,
        SERVER,
        'client -> server SYN seq=1000 len=86',
        'server -> client RST ACK seq=0 ack=1087',
        'expect client CLOSED',
      ),
      codes: ['HS305@3:18'],
      line: 4,
      outcome: 'reset',
    },
    {
      name: 'SYN data refused by a RST ACK that acknowledges only the SYN: wrong, yet SYN_SENT accepts it in either reading (§3.10.7.3: ISS < SEG.ACK =< SND.NXT)',
      text: lines(
        CLIENT,
        SERVER,
        'client -> server SYN seq=1000 len=86',
        'server -> client RST ACK seq=0 ack=1001',
        'expect client CLOSED',
      ),
      codes: ['HS305@3:18', 'HS101@4:36'],
      line: 4,
      outcome: 'reset',
      reading: 'intended',
    },
  ]);
});

describe('§3.10.7.4 acceptability and trimming', () => {
  /** 700 bytes accepted by the server, whose ACK of them is lost. */
  const SEVEN_HUNDRED = [
    ...ESTABLISHED,
    'client -> server PSH ACK seq=1001 ack=5001 len=700',
    'server -x client ACK seq=5001 ack=1701',
  ];
  arrivalTests([
    {
      name: 'an overlapping retransmission seq=1001 len=800 after len=700 was accepted: only the new 100 bytes are taken, as sent (§3.10.7.4)',
      text: lines(
        ...SEVEN_HUNDRED,
        'client -> server PSH ACK seq=1001 ack=5001 len=800',
        'server -> client ACK seq=5001 ack=1801',
      ),
      codes: [],
      line: 9,
      outcome: 'delivered',
      reading: 'asSent',
    },
    {
      name: 'the same segment acknowledged as 800 new bytes: a typo for seq=SND.NXT (§3.10.7.4)',
      text: lines(
        ...SEVEN_HUNDRED,
        'client -> server PSH ACK seq=1001 ack=5001 len=800',
        'server -> client ACK seq=5001 ack=2501',
      ),
      codes: ['HS102@9:30'],
      line: 9,
      outcome: 'delivered',
      reading: 'intended',
    },
    {
      name: 'resending acknowledged data with new data: the receiver trims it and takes the new bytes, as sent (§3.10.7.4; RFC 1122 §4.2.2.15)',
      text: lines(
        ...ESTABLISHED,
        'client -> server PSH ACK seq=1001 ack=5001 len=700',
        'server -> client ACK seq=5001 ack=1701',
        'client -> server PSH ACK seq=1001 ack=5001 len=800',
        'server -> client ACK seq=5001 ack=1801',
      ),
      codes: [],
      line: 9,
      outcome: 'delivered',
      reading: 'asSent',
    },
    {
      name: 'a pure ACK below RCV.NXT is not acceptable, as sent: dropped with its ACK field unread, SYN_RECEIVED stays (§3.10.7.4, SEG.LEN = 0)',
      text: lines(
        ...SYN_RECEIVED,
        'client -> server ACK seq=1000 ack=5001',
        'expect server SYN_RECEIVED',
        'client -> server ACK seq=1001 ack=5001',
        'expect server ESTABLISHED',
      ),
      codes: ['HS102@6:26'],
      line: 6,
      outcome: 'challenged',
      reading: 'asSent',
    },
    {
      name: 'the same ACK, then ESTABLISHED: a typo for seq=SND.NXT (§3.10.7.4)',
      text: lines(
        ...SYN_RECEIVED,
        'client -> server ACK seq=1000 ack=5001',
        'expect server ESTABLISHED',
      ),
      codes: ['HS102@6:26'],
      line: 6,
      outcome: 'delivered',
      reading: 'intended',
    },
    {
      name: 'a segment wholly below RCV.NXT is not acceptable: dropped as a duplicate and acknowledged again (§3.10.7.4)',
      text: lines(
        ...ESTABLISHED,
        'client ~> server PSH ACK seq=1001 ack=5001 len=10 as d1',
        'deliver d1',
        'server -> client ACK seq=5001 ack=1011',
        'deliver d1 again',
        'server -> client ACK seq=5001 ack=1011',
      ),
      codes: [],
      line: 10,
      outcome: 'duplicate',
    },
  ]);
});

describe('§3.10.7.4 the SYN bit in SYN-RECEIVED', () => {
  arrivalTests([
    {
      name: 'a SYN inside the window returns a passive SYN_RECEIVED to LISTEN, which then refuses the ACK (§3.10.7.4 "fourth, check the SYN bit")',
      text: lines(
        CLIENT,
        SERVER,
        MALLORY,
        'server listen',
        'client -> server SYN seq=1000',
        'server -> client SYN ACK seq=5000 ack=1001',
        'mallory -> server SYN seq=1200',
        'expect server LISTEN',
        'client -> server ACK seq=1001 ack=5001',
        'server -> client RST seq=5001',
        'expect client CLOSED',
      ),
      codes: [],
      line: 7,
      outcome: 'ignored',
    },
    {
      name: 'a SYN outside the window is not acceptable: answered (the SYN ACK again) and dropped, SYN_RECEIVED stays (§3.10.7.4 "first, check sequence number")',
      text: lines(
        CLIENT,
        SERVER,
        MALLORY,
        'server listen',
        'client -> server SYN seq=1000',
        'server -> client SYN ACK seq=5000 ack=1001 win=1000',
        'mallory -> server SYN seq=900',
        'server -> client SYN ACK seq=5000 ack=1001 win=1000',
        'expect server SYN_RECEIVED',
        'client -> server ACK seq=1001 ack=5001',
        'expect server ESTABLISHED',
      ),
      codes: [],
      line: 7,
      outcome: 'challenged',
    },
  ]);
});

describe('§3.10.7.4 the ACK field', () => {
  arrivalTests([
    {
      name: 'an older ACK delivered after a newer one is ignored: SEG.ACK < SND.UNA (§3.10.7.4)',
      text: lines(
        ...ESTABLISHED,
        'client -> server PSH ACK seq=1001 ack=5001 len=100',
        'server ~> client ACK seq=5001 ack=1101 as old',
        'client -> server PSH ACK seq=1101 ack=5001 len=100',
        'server -> client ACK seq=5001 ack=1201',
        'deliver old',
        'client -> server FIN ACK seq=1201 ack=5001',
        'server -> client ACK seq=5001 ack=1202',
        'expect client FIN_WAIT_2',
      ),
      codes: [],
      line: 11,
      outcome: 'delivered',
    },
    {
      name: 'SYN_RECEIVED drops data without the ACK bit and stays, as sent (§3.10.7.4: "if the ACK bit is off drop the segment")',
      text: lines(
        ...SYN_RECEIVED,
        'client -> server PSH seq=1001 len=5',
        'expect server SYN_RECEIVED',
        'client -> server PSH ACK seq=1001 ack=5001 len=5',
        'server -> client ACK seq=5001 ack=1006',
      ),
      codes: ['HS112@6:18'],
      line: 6,
      outcome: 'ignored',
      reading: 'asSent',
    },
    {
      name: 'data without the ACK bit, then acknowledged: a typo for PSH ACK (§3.10.7.4)',
      text: lines(
        ...SYN_RECEIVED,
        'client -> server PSH seq=1001 len=5',
        'server -> client ACK seq=5001 ack=1006',
        'expect server ESTABLISHED',
      ),
      codes: ['HS112@6:18'],
      line: 6,
      outcome: 'delivered',
      reading: 'intended',
    },
  ]);
});

describe('§3.6.1 data after CLOSE', () => {
  arrivalTests([
    {
      name: "data reaching FIN_WAIT_2 after the peer's FIN was acknowledged may be answered <SEQ=SEG.ACK><CTL=RST> (§3.6.1, §3.10.7.4)",
      text: lines(
        ...ESTABLISHED,
        'client -> server FIN ACK seq=1001 ack=5001',
        'server -> client ACK seq=5001 ack=1002',
        'server -> client PSH ACK seq=5001 ack=1002 len=10',
        'client -> server RST seq=1002',
        'expect server CLOSED',
        'expect client CLOSED',
      ),
      codes: [],
      line: 10,
      outcome: 'reset',
    },
  ]);
});

describe('a warning never changes what the receiver does', () => {
  arrivalTests([
    {
      name: 'an ACK flag without ack= (a warning) carries the expected ack and has no reading',
      text: lines(...SYN_RECEIVED, 'client -> server ACK seq=1001', 'expect server ESTABLISHED'),
      codes: ['HS104@6:18'],
      line: 6,
      outcome: 'delivered',
    },
    {
      name: 'a flag written twice (a warning) is sent once and has no reading',
      text: lines(
        ...ESTABLISHED,
        'client -> server PSH ACK ACK seq=1001 ack=5001 len=5',
        'server -> client ACK seq=5001 ack=1006',
      ),
      codes: ['HS304@7:26'],
      line: 7,
      outcome: 'delivered',
    },
    {
      name: 'a RST ACK with seq other than 0 to SYN_SENT (a warning: the seq goes unchecked) resets it as written (§3.10.7.3)',
      text: lines(
        CLIENT,
        SERVER,
        'client -> server SYN seq=1000',
        'server -> client RST ACK seq=9 ack=1001',
        'expect client CLOSED',
      ),
      codes: ['HS116@4:30'],
      line: 4,
      outcome: 'reset',
    },
  ]);
});
