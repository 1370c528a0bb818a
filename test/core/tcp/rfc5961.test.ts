/**
 * RFC 5961 (blind in-window attacks), as RFC 9293 §3.10.7.4 adopts it: resets (§3), SYNs (§4)
 * and ACKs (§5) in a synchronized state, from a writer's mistake and from an attacker that
 * forges the client's address and port. Rules receive.test.ts already tests in both readings
 * (a RST in the window, a forged RST at RCV.NXT or in the window) are not repeated here.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import type { SegmentStep } from '../../../src/core/tcp/trace';
import { codesAt, lines } from '../../helpers';
import { arrivalTests } from '../../support/arrivalCases';

const CLIENT = 'endpoint client 10.0.0.1:50000';
const SERVER = 'endpoint server 10.0.0.2:80';

/** Both ESTABLISHED, the server with win=100: its RCV.NXT is 1001, its SND.NXT 5001. */
const ESTABLISHED = [
  CLIENT,
  SERVER,
  'server listen',
  'client -> server SYN seq=1000',
  'server -> client SYN ACK seq=5000 ack=1001 win=100',
  'client -> server ACK seq=1001 ack=5001',
];

/** The same, with an attacker that forges the client's address and port. */
const ATTACKED = [CLIENT, SERVER, 'attacker mallory 10.0.0.1:50000', ...ESTABLISHED.slice(2)];

describe('RFC 5961 §3.2 RST', () => {
  arrivalTests([
    {
      name: 'a RST outside the window, then CLOSED: a typo for SND.NXT (RFC 5961 §3.2)',
      text: lines(...ESTABLISHED, 'client -> server RST seq=1000000', 'expect server CLOSED'),
      codes: ['HS109@7:26'],
      line: 7,
      outcome: 'reset',
      reading: 'intended',
    },
    {
      name: 'a RST outside the window, as sent: dropped silently, the server sends nothing and stays (RFC 5961 §3.2)',
      text: lines(
        ...ESTABLISHED,
        'client -> server RST seq=1000000',
        'expect server ESTABLISHED',
        'server -> client PSH ACK seq=5001 ack=1001 len=10', // the client, CLOSED, refuses it
        'client -> server RST seq=1001', // <SEQ=SEG.ACK>: the server's RCV.NXT
        'expect server CLOSED',
      ),
      codes: ['HS109@7:26'],
      line: 7,
      outcome: 'ignored',
      reading: 'asSent',
    },
    {
      name: "an injected RST at RCV.NXT resets the server; the client's next segments are each answered <SEQ=SEG.ACK><CTL=RST> (RFC 5961 §3.2, RFC 9293 §3.10.7.1)",
      text: lines(
        ...ATTACKED,
        'mallory -> server RST seq=1001',
        'expect server CLOSED',
        'client -> server PSH ACK seq=1001 ack=5001 len=10',
        'client -> server PSH ACK seq=1011 ack=5001 len=10',
        'server -> client RST seq=5001',
        'server -> client RST seq=5001', // the second answer finds the client CLOSED
        'expect client CLOSED',
      ),
      codes: [],
      line: 10,
      outcome: 'refused',
    },
    {
      name: "an injected RST, then ACKs forged with the same address: the server's resets go to that address, the client's (RFC 9293 §3.10.7.1)",
      text: lines(
        ...ATTACKED,
        'mallory -> server RST seq=1001',
        'mallory -> server ACK seq=1001 ack=5001',
        'server -> client RST seq=5001', // at the client's RCV.NXT: it resets the client too
        'expect client CLOSED',
        'expect server CLOSED',
      ),
      codes: [],
      line: 9,
      outcome: 'refused',
    },
  ]);
});

describe('RFC 5961 §3.2 RST: the ack of a reset goes unchecked', () => {
  arrivalTests([
    {
      name: "a RST ACK at RCV.NXT with an ack other than the sender's RCV.NXT resets all the same: a warning, played as written (RFC 5961 §3.2)",
      text: lines(
        ...ESTABLISHED,
        'client -> server RST ACK seq=1001 ack=5007',
        'expect server CLOSED',
      ),
      codes: ['HS117@7:39'],
      line: 7,
      outcome: 'reset',
    },
    {
      name: 'a RST ACK in the window with a wrong ack is challenged for its seq alone (RFC 5961 §3.2)',
      text: lines(
        ...ESTABLISHED,
        'client -> server RST ACK seq=1050 ack=5007',
        'server -> client ACK seq=5001 ack=1001', // challenge ACK; the client is CLOSED
        'client -> server RST seq=1001',
        'expect server CLOSED',
      ),
      codes: ['HS109@7:30', 'HS117@7:39'],
      line: 7,
      outcome: 'challenged',
      reading: 'asSent',
    },
  ]);
});

describe('RFC 5961 §4.2 SYN', () => {
  arrivalTests([
    {
      name: 'a forged SYN in a synchronized state gets a challenge ACK, which the client takes as a duplicate ACK (RFC 5961 §4.2)',
      text: lines(
        ...ATTACKED,
        'mallory -> server SYN seq=1050',
        'server -> client ACK seq=5001 ack=1001', // challenge ACK
        'expect server ESTABLISHED',
        'expect client ESTABLISHED',
        'client -> server PSH ACK seq=1001 ack=5001 len=10',
        'server -> client ACK seq=5001 ack=1011',
      ),
      codes: [],
      line: 8,
      outcome: 'challenged',
    },
  ]);
});

describe('RFC 5961 §5.2 ACK', () => {
  /** The server's ISS is 3000000000; an ack of 1500000001 is 1.5e9 behind its SND.UNA. */
  const FAR = [
    CLIENT,
    SERVER,
    'server listen',
    'client -> server SYN seq=1000',
    'server -> client SYN ACK seq=3000000000 ack=1001',
    'client -> server ACK seq=1001 ack=3000000001',
  ];
  arrivalTests([
    {
      name: 'an ACK before SND.UNA - MAX.SND.WND drops its segment, data with it, and gets an ACK (RFC 5961 §5.2)',
      text: lines(
        ...FAR,
        'client -> server PSH ACK seq=1001 ack=1500000001 len=10',
        'server -> client ACK seq=3000000001 ack=1001', // the data was not taken
        'client -> server PSH ACK seq=1001 ack=3000000001 len=10',
        'server -> client ACK seq=3000000001 ack=1011',
      ),
      codes: ['HS101@7:39'],
      line: 7,
      outcome: 'challenged',
      reading: 'asSent',
    },
    {
      name: 'the same ACK, then the data acknowledged: a typo for RCV.NXT (RFC 5961 §5.2)',
      text: lines(
        ...FAR,
        'client -> server PSH ACK seq=1001 ack=1500000001 len=10',
        'server -> client ACK seq=3000000001 ack=1011',
      ),
      codes: ['HS101@7:39'],
      line: 7,
      outcome: 'delivered',
      reading: 'intended',
    },
    {
      name: 'an ACK past SND.NXT is answered with an ACK and dropped with its data (RFC 5961 §5.2, RFC 9293 §3.10.7.4)',
      text: lines(
        ...ESTABLISHED,
        'client -> server PSH ACK seq=1001 ack=5100 len=10',
        'server -> client ACK seq=5001 ack=1001',
        'client -> server PSH ACK seq=1001 ack=5001 len=10',
        'server -> client ACK seq=5001 ack=1011',
      ),
      codes: ['HS105@7:39'],
      line: 7,
      outcome: 'challenged',
      reading: 'asSent',
    },
  ]);
});

test('a forged RST in the lines after a wrong segment is judged there as it will arrive: as from the client (RFC 5961 §3.2)', () => {
  // The client's ACK forgot the +1: as sent, the server answers it with a reset and stays in
  // SYN_RECEIVED, where mallory's RST at RCV.NXT returns it to LISTEN; as a typo the server
  // would be ESTABLISHED, and the same RST would leave it CLOSED.
  const analysis = analyze(
    lines(
      CLIENT,
      SERVER,
      'attacker mallory 10.0.0.1:50000',
      'server listen',
      'client -> server SYN seq=1000',
      'server -> client SYN ACK seq=5000 ack=1001',
      'client -> server ACK seq=1001 ack=5000',
      'mallory -> server RST seq=1001',
      'expect server LISTEN',
    ),
  );
  assert.deepEqual(codesAt(analysis, ['error', 'warning']), ['HS101@7:35']);
  const ack = analysis.trace.steps.filter((s): s is SegmentStep => s.kind === 'segment')[2];
  assert.equal(ack?.reading, 'asSent');
  assert.equal(ack?.outcome, 'refused');
});
