import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { renderMermaid } from '../../../src/core/render/mermaid';
import { LOCALES } from '../../../src/core/text/locale';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../../src/core/check/codes';
import { applyEdits } from '../../../src/core/text/textEdits';
import { CAPTURED, covered, lines, OPEN } from '../../helpers';
import { pki, TLS_CASES } from './tlsCodeCases';

/** The opening plus an orderly active close by the client. */
const CLOSE = [
  'client -> server FIN ACK seq=x+1 ack=y+1',
  'server -> client ACK seq=y+1 ack=x+2',
  'server -> client FIN ACK seq=y+1 ack=x+2',
  'client -> server ACK seq=x+2 ack=y+2',
];
const AB = ['endpoint a 10.0.0.1:1', 'endpoint b 10.0.0.2:2', 'b listen'];
/** Captured segments (HS7xx): `# frame N t=SECONDS` after each line. */
const DATA = (seq: number, len: number, frame: number, t: string, arrow = '->'): string =>
  `client ${arrow} server PSH ACK seq=${seq} ack=5001 win=65535 len=${len} # frame ${frame} t=${t}`;
const ACK = (ack: number, frame: number, t: string, win = 65535): string =>
  `server -> client ACK seq=5001 ack=${ack} win=${win} # frame ${frame} t=${t}`;
const LOST = [
  'client -x server PSH ACK seq=x+1 ack=y+1 len=10',
  'client -> server PSH ACK seq=x+11 ack=y+1 len=10',
];

interface Case {
  /** A scenario that must report the code... */
  readonly bad: readonly string[];
  /** ...on this 1-based line... */
  readonly line: number;
  /** ...covering exactly this text. */
  readonly text: string;
  /** The nearest correct scenario, which must not report it. */
  readonly good: readonly string[];
}

const CASES: Record<DiagnosticCode, Case> = {
  HS001: {
    bad: ['endpoint a', 'a @ listen'],
    line: 2,
    text: '@',
    good: ['endpoint a', 'a listen'],
  },
  HS002: { bad: ['scenario "open'], line: 1, text: '"open', good: ['scenario "open"'] },
  HS003: { bad: ['scenario "a\\qb"'], line: 1, text: '\\q', good: ['scenario "a\\tb"'] },
  HS004: { bad: ['endpoint "a"'], line: 1, text: '"a"', good: ['endpoint a'] },
  HS005: { bad: ['hello'], line: 1, text: 'hello', good: ['endpoint hello'] },
  HS006: {
    bad: [...OPEN, 'client -> server ACK SYNACK seq=x+1 ack=y+1'],
    line: 7,
    text: 'SYNACK',
    good: [...OPEN, 'client -> server ACK seq=x+1 ack=y+1'],
  },
  HS007: {
    bad: [...OPEN, 'client -> server ACK seq=x+1 ack=y+1 mss=1460'],
    line: 7,
    text: 'mss',
    good: [...OPEN, 'client -> server ACK seq=x+1 ack=y+1 win=1460'],
  },
  HS008: {
    bad: [...OPEN, 'client -> server ACK seq=x+1 seq=x+1 ack=y+1'],
    line: 7,
    text: 'seq',
    good: [...OPEN, 'client -> server ACK seq=x+1 ack=y+1'],
  },
  HS009: {
    bad: ['endpoint a 10.0.0.256:80'],
    line: 1,
    text: '10.0.0.256:80',
    good: ['endpoint a 10.0.0.255:80'],
  },
  HS010: {
    bad: [...OPEN, 'expect client OPEN'],
    line: 7,
    text: 'OPEN',
    good: [...OPEN, 'expect client ESTABLISHED'],
  },
  HS011: {
    bad: [...OPEN, 'simultaneous {', '  expect client ESTABLISHED', '}'],
    line: 8,
    text: 'expect client ESTABLISHED',
    good: [...OPEN, 'simultaneous {', '  client -> server ACK seq=x+1 ack=y+1', '}'],
  },
  HS012: {
    bad: [...OPEN, 'simultaneous {', '  client -> server ACK seq=x+1 ack=y+1'],
    line: 7,
    text: 'simultaneous',
    good: [...OPEN, 'simultaneous {', '  client -> server ACK seq=x+1 ack=y+1', '}'],
  },
  HS013: { bad: [...OPEN, '}'], line: 7, text: '}', good: OPEN },
  HS014: {
    bad: [...OPEN, ...CLOSE, 'wait 5sec'],
    line: 11,
    text: '5sec',
    good: [...OPEN, ...CLOSE, 'wait 2MSL'],
  },
  HS015: { bad: ['endpoint expect'], line: 1, text: 'expect', good: ['endpoint expected'] },

  HS016: {
    bad: [...OPEN, 'client -> server'],
    line: 7,
    text: '',
    good: [...OPEN, 'client -> server ACK seq=x+1 ack=y+1'],
  },
  HS017: {
    bad: [...OPEN.slice(0, 5), 'client -> server ACK seq＝x＋1 ack=y+1'],
    line: 6,
    text: '＝x＋',
    good: OPEN,
  },
  HS018: {
    bad: [...OPEN.slice(0, 5), 'client -> server ACK seq=x+1 ack=y+1 (第三次握手)'],
    line: 6,
    text: '(第三次握手)',
    good: [...OPEN.slice(0, 5), 'client -> server ACK seq=x+1 ack=y+1 # (第三次握手)'],
  },
  HS019: {
    bad: [...pki(), 'client -> server Client Hello random=r1 sni=bank.example'],
    line: 7,
    text: 'Client Hello',
    good: [...pki(), 'client -> server ClientHello random=r1 sni=bank.example'],
  },
  HS020: {
    bad: [...AB, 'IP 10.0.0.1.1 > 10.0.0.2.2: S 100:100(0) win 8192'],
    line: 4,
    text: 'IP 10.0.0.1.1 > 10.0.0.2.2: S 100:100(0) win 8192',
    good: [...AB, 'a -> b SYN seq=100 win=8192'],
  },
  HS101: {
    bad: [...OPEN.slice(0, 4), 'server -> client SYN ACK seq=y ack=x', OPEN[5] as string],
    line: 5,
    text: 'x',
    good: OPEN,
  },
  HS102: {
    bad: [...OPEN.slice(0, 5), 'client -> server ACK seq=x+2 ack=y+1'],
    line: 6,
    text: 'x+2',
    good: OPEN,
  },
  HS103: {
    bad: [...OPEN, 'client -> server PSH seq=x+1 ack=y+1 "a"'],
    line: 7,
    text: 'y+1',
    good: [...OPEN, 'client -> server PSH ACK seq=x+1 ack=y+1 "a"'],
  },
  HS104: {
    bad: [...OPEN, 'client -> server ACK seq=x+1'],
    line: 7,
    text: 'ACK',
    good: [...OPEN, 'client -> server ACK seq=x+1 ack=y+1'],
  },
  HS105: {
    bad: [...OPEN, 'client -> server ACK seq=x+1 ack=y+5'],
    line: 7,
    text: 'y+5',
    good: [...OPEN, 'client -> server ACK seq=x+1 ack=y+1'],
  },
  HS106: {
    bad: [...OPEN, 'client -> server ACK seq=x+1 ack=z+1'],
    line: 7,
    text: 'z',
    good: [...OPEN, 'client -> server ACK seq=x+1 ack=y+1'],
  },
  HS107: { bad: [...AB, 'a -> b SYN'], line: 4, text: 'SYN', good: [...AB, 'a -> b SYN seq=1'] },
  HS108: {
    bad: [...AB, 'a -> b SYN seq=1', 'a -> b SYN seq=2'],
    line: 5,
    text: '2',
    good: [...AB, 'a -> b SYN seq=1', 'a -> b SYN seq=1'],
  },
  HS109: {
    bad: [...OPEN, 'client -> server RST seq=x+5'],
    line: 7,
    text: 'x+5',
    good: [...OPEN, 'client -> server RST seq=x+1'],
  },
  HS110: {
    bad: [...OPEN, ...LOST, 'client -> server PSH ACK seq=x+1 ack=y+1 len=10'],
    line: 9,
    text: 'x+1',
    good: [...OPEN, 'client -> server PSH ACK seq=x+1 ack=y+1 len=10'],
  },
  HS111: {
    bad: [...OPEN, ...LOST],
    line: 8,
    text: 'x+11',
    good: [...OPEN, 'client -> server PSH ACK seq=x+1 ack=y+1 len=10', LOST[1] as string],
  },
  HS112: {
    bad: [...OPEN, 'client -> server PSH seq=x+1 "a"'],
    line: 7,
    text: 'PSH',
    good: [...OPEN, 'client -> server PSH ACK seq=x+1 ack=y+1 "a"'],
  },
  HS113: {
    bad: [...AB.slice(0, 2), 'a -> b SYN seq=x', 'b -> a RST seq=0'],
    line: 4,
    text: 'RST',
    good: [...AB.slice(0, 2), 'a -> b SYN seq=x', 'b -> a RST ACK seq=0 ack=x+1'],
  },

  HS114: {
    bad: [
      ...OPEN,
      'client -> server PSH ACK seq=x+1 ack=y+1 len=10',
      'server -> client ACK seq=y+1 ack=x+11',
      'client -> server PSH ACK seq=x+1 ack=y+1 len=10',
    ],
    line: 9,
    text: 'x+1',
    good: [
      ...OPEN,
      'client -> server PSH ACK seq=x+1 ack=y+1 len=10',
      'server -> client ACK seq=y+1 ack=x+11',
      'client -> server PSH ACK seq=x+11 ack=y+1 len=10',
    ],
  },
  HS115: {
    bad: [
      ...OPEN,
      'client -> server PSH ACK seq=x+1 ack=y+1 len=10',
      'server -> client ACK seq=y+1 ack=x+11',
      'client -> server ACK seq=x+10 ack=y+1',
    ],
    line: 9,
    text: 'x+10',
    good: [
      ...OPEN,
      'client -> server PSH ACK seq=x+1 ack=y+1 len=10',
      'server -> client ACK seq=y+1 ack=x+11',
      'client -> server ACK seq=x+11 ack=y+1',
    ],
  },

  HS116: {
    bad: [...AB.slice(0, 2), 'a -> b SYN seq=x', 'b -> a RST ACK seq=5 ack=x+1'],
    line: 4,
    text: '5',
    good: [...AB.slice(0, 2), 'a -> b SYN seq=x', 'b -> a RST ACK seq=0 ack=x+1'],
  },
  HS117: {
    bad: [...OPEN, 'client -> server RST ACK seq=x+1 ack=y+7'],
    line: 7,
    text: 'y+7',
    good: [...OPEN, 'client -> server RST ACK seq=x+1 ack=y+1'],
  },
  HS201: {
    bad: [...AB, 'a -> b ACK seq=1 ack=1'],
    line: 4,
    text: 'ACK',
    good: [...AB, 'a -> b SYN seq=1'],
  },
  HS202: {
    bad: [...AB, 'a -> b SYN seq=1', 'a -> b PSH ACK seq=2 ack=1 "x"'],
    line: 5,
    text: 'PSH ACK',
    good: [
      ...AB,
      'a -> b SYN seq=1',
      'b -> a SYN ACK seq=9 ack=2',
      'a -> b PSH ACK seq=2 ack=10 "x"',
    ],
  },
  HS203: {
    bad: [...OPEN, 'client -> server SYN seq=x+1'],
    line: 7,
    text: 'SYN',
    good: OPEN,
  },
  HS204: {
    bad: [...OPEN, CLOSE[0] as string, 'client -> server FIN ACK seq=x+2 ack=y+1'],
    line: 8,
    text: 'FIN ACK',
    good: [...OPEN, CLOSE[0] as string, 'client -> server FIN ACK seq=x+1 ack=y+1'],
  },
  HS205: {
    bad: [
      'endpoint client',
      'endpoint server',
      'client -> server SYN seq=x',
      'server -> client SYN ACK seq=y ack=x+1',
    ],
    line: 4,
    text: 'SYN ACK',
    good: [
      'endpoint client',
      'endpoint server',
      'client -> server SYN seq=x',
      'server -> client RST ACK seq=0 ack=x+1',
    ],
  },
  HS206: {
    bad: [...OPEN, CLOSE[0] as string, 'client -> server PSH ACK seq=x+2 ack=y+1 "late"'],
    line: 8,
    text: 'PSH ACK',
    good: [...OPEN, 'client -> server PSH ACK seq=x+1 ack=y+1 "sent in time"'],
  },
  HS207: { bad: [...AB, 'b listen'], line: 4, text: 'b listen', good: AB },
  HS208: {
    bad: [...OPEN, 'client close'],
    line: 7,
    text: 'client close',
    good: [...AB, 'b close'],
  },
  HS209: {
    bad: [...OPEN, 'wait 2MSL'],
    line: 7,
    text: 'wait 2MSL',
    good: [...OPEN, ...CLOSE, 'wait 2MSL'],
  },
  HS210: {
    bad: [...AB, 'a -> a SYN seq=1'],
    line: 4,
    text: 'a -> a SYN seq=1',
    good: [...AB, 'a -> b SYN seq=1'],
  },
  HS211: {
    bad: [...OPEN, 'endpoint third', 'client -> third ACK seq=x+1 ack=y+1'],
    line: 8,
    text: 'third',
    good: [...OPEN, 'endpoint third', 'client -> server ACK seq=x+1 ack=y+1'],
  },
  HS212: {
    bad: [
      ...OPEN,
      'client ~> server PSH ACK seq=x+1 ack=y+1 len=10 as d1',
      'deliver d1',
      'deliver d1',
    ],
    line: 9,
    text: 'd1',
    good: [
      ...OPEN,
      'client ~> server PSH ACK seq=x+1 ack=y+1 len=10 as d1',
      'deliver d1',
      'deliver d1 again',
    ],
  },
  HS213: {
    bad: [...OPEN, 'client -x server PSH ACK seq=x+1 ack=y+1 len=10 as d1', 'deliver d1'],
    line: 8,
    text: 'd1',
    good: [...OPEN, 'client ~> server PSH ACK seq=x+1 ack=y+1 len=10 as d1', 'deliver d1'],
  },
  HS214: {
    bad: [...OPEN, 'client ~> server PSH ACK seq=x+1 ack=y+1 len=10 as d1'],
    line: 7,
    text: 'd1',
    good: [...OPEN, 'client ~> server PSH ACK seq=x+1 ack=y+1 len=10 as d1', 'deliver d1'],
  },

  HS301: {
    bad: [...AB, 'a -> b SYN RST seq=1'],
    line: 4,
    text: 'SYN RST',
    good: [...AB, 'a -> b SYN seq=1'],
  },
  HS302: { bad: [...AB, 'a -> b seq=1'], line: 4, text: '->', good: [...AB, 'a -> b SYN seq=1'] },
  HS303: {
    bad: [...AB, 'a -> b SYN seq=4294967296'],
    line: 4,
    text: '4294967296',
    good: [...AB, 'a -> b SYN seq=4294967295'],
  },
  HS304: {
    bad: [...AB, 'a -> b SYN SYN seq=1'],
    line: 4,
    text: 'SYN',
    good: [...AB, 'a -> b SYN seq=1'],
  },
  HS305: {
    bad: [...AB, 'a -> b SYN seq=1 "data"'],
    line: 4,
    text: 'SYN',
    good: [...AB, 'a -> b SYN seq=1'],
  },
  HS306: {
    bad: [...OPEN, 'client -> server ACK seq=x+1 ack=y+1 wscale=7'],
    line: 7,
    text: 'wscale=7',
    good: [...OPEN, 'client -> server ACK seq=x+1 ack=y+1 win=512'],
  },
  HS307: {
    bad: [...AB, 'a -> b SYN seq=1 wscale=15'],
    line: 4,
    text: '15',
    good: [...AB, 'a -> b SYN seq=1 wscale=14'],
  },

  HS401: {
    bad: [...AB, 'a -> nobody SYN seq=1'],
    line: 4,
    text: 'nobody',
    good: [...AB, 'a -> b SYN seq=1'],
  },
  HS402: {
    bad: ['endpoint a', 'endpoint a'],
    line: 2,
    text: 'a',
    good: ['endpoint a', 'endpoint b'],
  },
  HS403: { bad: ['let x = 1', 'let x = 2'], line: 2, text: 'x', good: ['let x = 1', 'let y = 2'] },
  HS404: {
    bad: ['scenario "a"', 'scenario "b"'],
    line: 2,
    text: 'scenario "b"',
    good: ['scenario "a"'],
  },
  HS405: {
    bad: [...OPEN, 'client ~> server PSH ACK seq=x+1 ack=y+1 len=10 as d1', 'deliver d2'],
    line: 8,
    text: 'd2',
    good: [...OPEN, 'client ~> server PSH ACK seq=x+1 ack=y+1 len=10 as d1', 'deliver d1'],
  },
  HS406: {
    bad: [
      ...OPEN,
      'client ~> server PSH ACK seq=x+1 ack=y+1 len=10 as d1',
      'client ~> server PSH ACK seq=x+11 ack=y+1 len=10 as d1',
      'deliver d1',
    ],
    line: 8,
    text: 'd1',
    good: [
      ...OPEN,
      'client ~> server PSH ACK seq=x+1 ack=y+1 len=10 as d1',
      'client ~> server PSH ACK seq=x+11 ack=y+1 len=10 as d2',
      'deliver d1',
      'deliver d2',
    ],
  },

  HS501: {
    bad: [...OPEN, 'expect client SYN_SENT'],
    line: 7,
    text: 'SYN_SENT',
    good: [...OPEN, 'expect client ESTABLISHED'],
  },

  ...TLS_CASES,

  HS701: {
    bad: [...CAPTURED, DATA(1001, 10, 4, '0.100'), DATA(1001, 10, 5, '0.400')],
    line: 8,
    text: 'seq=1001',
    good: [...CAPTURED, DATA(1001, 10, 4, '0.100'), DATA(1011, 10, 5, '0.400')],
  },
  HS702: {
    bad: [
      ...CAPTURED,
      DATA(1001, 10, 4, '0.100', '-x'),
      DATA(1011, 10, 5, '0.101'),
      ACK(1001, 6, '0.110'),
      ACK(1001, 7, '0.111'),
      DATA(1001, 10, 8, '0.112'),
    ],
    line: 11,
    text: 'seq=1001',
    good: [
      ...CAPTURED,
      DATA(1001, 10, 4, '0.100', '-x'),
      DATA(1011, 10, 5, '0.101'),
      ACK(1001, 6, '0.110'),
      DATA(1001, 10, 8, '0.112'),
    ],
  },
  HS703: {
    bad: [
      ...CAPTURED,
      DATA(1001, 10, 4, '0.100'),
      ACK(1011, 5, '0.110'),
      DATA(1001, 10, 6, '0.400'),
    ],
    line: 9,
    text: 'seq=1001',
    good: [...CAPTURED, DATA(1001, 10, 4, '0.100'), DATA(1001, 10, 6, '0.400')],
  },
  HS704: {
    bad: [
      ...CAPTURED,
      'client -x server PSH ACK seq=1001 ack=5001 win=65535 len=10',
      DATA(1011, 10, 4, '0.100'),
      DATA(1001, 10, 5, '0.101'),
    ],
    line: 9,
    text: 'seq=1001',
    good: [
      ...CAPTURED,
      'client -x server PSH ACK seq=1001 ack=5001 win=65535 len=10',
      DATA(1011, 10, 4, '0.100'),
      DATA(1001, 10, 5, '0.300'),
    ],
  },
  HS705: {
    bad: [
      ...CAPTURED,
      'client -x server PSH ACK seq=1001 ack=5001 len=10',
      DATA(1011, 10, 4, '0.1'),
    ],
    line: 8,
    text: 'seq=1011',
    good: [...CAPTURED, DATA(1001, 10, 4, '0.100'), DATA(1011, 10, 5, '0.110')],
  },
  HS706: {
    bad: [...CAPTURED, 'client -> server PSH ACK seq=1001 ack=5001 len=10', ACK(1011, 4, '0.100')],
    line: 8,
    text: 'ack=1011',
    good: [...CAPTURED, DATA(1001, 10, 4, '0.090'), ACK(1011, 5, '0.100')],
  },
  HS707: {
    bad: [...CAPTURED, DATA(1001, 10, 4, '0.100'), ACK(1011, 5, '0.110'), ACK(1011, 6, '0.120')],
    line: 9,
    text: 'ack=1011',
    good: [...CAPTURED, DATA(1001, 10, 4, '0.100'), ACK(1011, 5, '0.110')],
  },
  HS708: {
    bad: [...CAPTURED, ACK(1001, 4, '0.100', 0)],
    line: 7,
    text: 'win=0',
    good: [...CAPTURED, ACK(1001, 4, '0.100', 100)],
  },
  HS709: {
    bad: [...CAPTURED, DATA(1001, 65535, 4, '0.100')],
    line: 7,
    text: 'PSH ACK',
    good: [...CAPTURED, DATA(1001, 1000, 4, '0.100')],
  },
  HS710: {
    bad: [
      ...CAPTURED,
      DATA(1001, 1, 4, '0.100'),
      ACK(1002, 5, '0.110'),
      'client -> server ACK seq=1001 ack=5001 win=65535 # frame 6 t=60.000',
    ],
    line: 9,
    text: 'seq=1001',
    good: [
      ...CAPTURED,
      DATA(1001, 1, 4, '0.100'),
      ACK(1002, 5, '0.110'),
      'client -> server ACK seq=1002 ack=5001 win=65535 # frame 6 t=60.000',
    ],
  },
  HS711: {
    bad: [
      ...CAPTURED,
      'endpoint client2 10.0.0.1:50000',
      'endpoint server2 10.0.0.2:80',
      'server2 listen',
      'client2 -> server2 SYN seq=9000 win=65535 # frame 4 t=1.000',
    ],
    line: 10,
    text: 'SYN',
    good: [
      ...CAPTURED,
      'endpoint client2 10.0.0.1:50001',
      'endpoint server2 10.0.0.2:80',
      'server2 listen',
      'client2 -> server2 SYN seq=9000 win=65535 # frame 4 t=1.000',
    ],
  },
  // One more diagnostic than analyze reports (MAX_DIAGNOSTICS): HS901 stands on the first left out.
  HS901: {
    bad: Array<string>(1001).fill('@'),
    line: 1001,
    text: '@',
    good: Array<string>(1000).fill('@'),
  },
};

test('every diagnostic code has a case below', () => {
  const all = Object.values(DIAGNOSTIC_CODES)
    .map((entry) => entry.code)
    .sort();
  assert.deepEqual(Object.keys(CASES).sort(), all);
});

/** One mistake, one diagnostic: cases where a second, derived one used to appear. */
const SINGLE_DIAGNOSTIC: Record<string, { text: string[]; codes: string[] }> = {
  'a pure ACK with a wrong seq is not a retransmission': {
    text: [
      ...OPEN,
      'client -> server PSH ACK seq=x+1 ack=y+1 "hello"',
      'client -> server ACK seq=x+3 ack=y+1',
    ],
    codes: ['HS102'],
  },
  'an unreadable seq is not also a missing seq': {
    text: [...AB, 'a -> b SYN seq=0x10'],
    codes: ['HS004'],
  },
  'an out-of-range seq is not also a missing seq': {
    text: [...AB, 'a -> b SYN seq=4294967296'],
    codes: ['HS303'],
  },
  'an unknown wait is not also a wait with nothing in TIME_WAIT': {
    text: [...OPEN, 'wait forever'],
    codes: ['HS014'],
  },
  'time that passes with nothing in TIME_WAIT is no mistake': {
    text: [...OPEN, 'wait 30s'],
    codes: [],
  },
  'a segment to an undeclared endpoint is not also another connection': {
    text: [...OPEN, 'client -> nobody ACK seq=x+1 ack=y+1'],
    codes: ['HS401'],
  },
  'a line stopped before its receiver is unfinished, not also a segment without flags': {
    text: [...OPEN, 'client ->'],
    codes: ['HS016'],
  },
  'a line stopped before its flags is unfinished, not also a segment without flags': {
    text: [...OPEN, 'client -> server'],
    codes: ['HS016'],
  },
  'a SYN whose seq is still being typed is unfinished, not also a SYN without seq': {
    text: [...AB, 'a -> b SYN seq'],
    codes: ['HS016'],
  },
  'a simultaneous line without its brace is unfinished, not also an unclosed block': {
    text: [...OPEN, 'simultaneous'],
    codes: ['HS016'],
  },
  'a refused SYN followed by a SYN of its own is a missing reset': {
    text: ['endpoint a', 'endpoint b', 'a -> b SYN seq=100', 'b -> a SYN seq=300'],
    codes: ['HS205'],
  },
};

for (const [name, c] of Object.entries(SINGLE_DIAGNOSTIC)) {
  test(name, () => {
    const found = analyze(lines(...c.text)).diagnostics.filter((d) => d.severity !== 'info');
    assert.deepEqual(
      found.map((d) => d.code),
      c.codes,
    );
  });
}

test('codes are unique', () => {
  const all = Object.values(DIAGNOSTIC_CODES).map((entry) => entry.code);
  assert.equal(new Set(all).size, all.length);
});

for (const [code, c] of Object.entries(CASES)) {
  test(`${code}: reported on the exact range`, () => {
    const text = lines(...c.bad);
    const analysis = analyze(text);
    const hits = analysis.diagnostics.filter((d) => d.code === code);
    assert.ok(
      hits.length > 0,
      `${code} not reported; got ${analysis.diagnostics.map((d) => d.code).join(', ')}`,
    );
    const on = hits.find((d) => analysis.lines.positionAt(d.span.start).line + 1 === c.line);
    assert.ok(on, `${code} not on line ${c.line}`);
    assert.equal(covered(text, on), c.text);
  });
  test(`${code}: not reported on the correct variant`, () => {
    const analysis = analyze(lines(...c.good));
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.code === code).map((d) => d.message),
      [],
    );
  });
}

test('every code is worded in both languages, with no [object or undefined left in', () => {
  for (const [code, c] of Object.entries(CASES)) {
    for (const locale of LOCALES) {
      const analysis = analyze(lines(...c.bad), { locale });
      const texts = analysis.diagnostics.flatMap((d) => [
        d.message,
        ...d.related.map((r) => r.message),
        ...(d.fix ? [d.fix.title] : []),
      ]);
      for (const text of [...texts, renderMermaid(analysis).text]) {
        assert.doesNotMatch(text, /\[object |undefined/, `${code} (${locale}): ${text}`);
      }
    }
  }
});

test('a stray word on a segment line does not hide the fields after it', () => {
  const text = lines(...OPEN, 'client -> server PSH ACK 5 seq=x+1 ack=y+2 "hi"');
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    ['HS004', 'HS105'],
  );
});

test('a misspelled flag is one diagnostic, and the SYN ACK it was meant to be goes on', () => {
  const text = lines(
    ...OPEN.slice(0, 4),
    'server -> client SYN AKC seq=y ack=x+1',
    OPEN[5] as string,
    'expect client ESTABLISHED',
  );
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    ['HS006'],
  );
  assert.deepEqual(
    analyze(lines(...OPEN, 'client -> server AKC seq=x+1 ack=y+1')).diagnostics.map((d) => d.code),
    ['HS006'],
  );
});

test('the fix for a missing ACK flag also adds the ack, so nothing is left to fix', () => {
  const text = lines(...OPEN, 'client -> server PSH seq=x+1 "a"');
  const [d] = analyze(text).diagnostics;
  const fixed = applyEdits(text, d?.fix?.edits ?? []);
  assert.deepEqual(analyze(fixed).diagnostics, []);
});

test('the fix for a SYN to an endpoint that never listened inserts the listen', () => {
  const text = lines(
    'endpoint client',
    'endpoint server',
    'client -> server SYN seq=x',
    'server -> client SYN ACK seq=y ack=x+1',
    'client -> server ACK seq=x+1 ack=y+1',
  );
  const [d] = analyze(text).diagnostics;
  assert.equal(d?.code, 'HS205');
  assert.deepEqual(analyze(applyEdits(text, d?.fix?.edits ?? [])).diagnostics, []);
});

test('every fix a diagnostic offers makes that diagnostic go away', () => {
  let fixes = 0;
  for (const [code, c] of Object.entries(CASES)) {
    const text = lines(...c.bad);
    const found = analyze(text).diagnostics.filter((x) => x.code === code);
    for (const d of found.filter((x) => x.fix)) {
      fixes++;
      const fixed = analyze(applyEdits(text, d.fix?.edits ?? []));
      const left = fixed.diagnostics.filter((x) => x.code === code);
      assert.ok(left.length < found.length, `${code}: ${d.fix?.title} left ${left.length}`);
    }
  }
  assert.ok(fixes >= 15, `only ${fixes} fixes`);
});
