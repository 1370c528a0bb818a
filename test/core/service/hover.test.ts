import { word } from '../../../src/core/text/words';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { hover } from '../../../src/core/service/hover';
import { explainReason } from '../../../src/core/tcp/explain';
import type { SegmentStep } from '../../../src/core/tcp/trace';
import { lines, OPEN } from '../../helpers';

const example = (name: string): string => readFileSync(`examples/${name}.handshake`, 'utf8');

/** With `let x = 1000`, so symbolic values also have numbers. */
const LET = lines(
  'endpoint a',
  'endpoint b',
  'let x = 1000',
  'b listen',
  'a -> b SYN seq=x',
  'b -> a SYN ACK seq=y ack=x+1',
  'expect a OPEN',
  'a close',
  'expect nobody CLOSED',
);

const REFUSED = lines('endpoint a', 'endpoint b', 'a -> b SYN seq=x');

interface Case {
  readonly name: string;
  readonly text: string;
  /** 1-based line, the text to find on it, and how far into that text the pointer is. */
  readonly line: number;
  readonly find: string;
  readonly into?: number;
  /** The text the hover's span covers. */
  readonly covers: string;
  /** What the Markdown starts with, and what else it must (not) contain. */
  readonly startsWith?: string;
  readonly includes?: readonly string[];
  readonly excludes?: readonly string[];
}

const CASES: readonly Case[] = [
  // The explicit network: a segment in flight, its label and its arrival.
  {
    name: 'hover on a ~> segment says where it arrives',
    text: example('reordering'),
    line: 15,
    find: 'client',
    covers: 'client ~> server  PSH ACK  seq=1001  ack=5001  len=100 as d1',
    includes: ['In flight; it arrives at line 20, 25.'],
  },
  {
    name: 'hover on the label of a deliver shows the segment as it arrives there',
    text: example('reordering'),
    line: 18,
    find: 'd2',
    covers: 'd2',
    startsWith: '**client** → **server**',
    includes: [
      'Sent at line 16 and left in flight',
      'Arrived out of order',
      '- **server** (receiver): `ESTABLISHED` (unchanged)',
    ],
  },
  {
    name: 'hover on a duplicate delivery says it is one',
    text: example('reordering'),
    line: 25,
    find: 'd1',
    covers: 'd1',
    includes: ['A duplicate of the segment sent at line 15', 'Duplicate: everything in it'],
  },
  {
    name: 'hover on deliver, again and as explains the keywords',
    text: example('reordering'),
    line: 25,
    find: 'deliver',
    covers: 'deliver',
    startsWith: '```handshake\ndeliver NAME [again]\n```',
  },
  {
    name: 'hover on again explains a duplicate',
    text: example('reordering'),
    line: 25,
    find: 'again',
    covers: 'again',
    includes: ['one more copy'],
  },
  {
    name: 'hover on as explains the label',
    text: example('reordering'),
    line: 15,
    find: ' as ',
    into: 1,
    covers: 'as',
    includes: ['`deliver NAME`'],
  },
  // Segments: the engine's view of the line.
  {
    name: 'hover on ack explains the SYN consumes one',
    text: example('four-way-close'),
    line: 9,
    find: 'x+1',
    covers: 'x+1',
    startsWith:
      '**ack** = `x+1`: the SYN client sent at line 8 (seq=x) consumes one sequence number',
    includes: ["`x`: client's initial sequence number, chosen by the SYN at line 8."],
  },
  {
    name: 'hover on the seq= name covers the whole field and leads with its expectation',
    text: example('four-way-close'),
    line: 10,
    find: 'seq=',
    covers: 'seq=x+1',
    startsWith:
      '**seq** = `x+1`: the SYN client sent at line 8 (seq=x) consumes one sequence number',
  },
  {
    name: "hover on a SYN ACK's seq says it chooses the ISS",
    text: example('four-way-close'),
    line: 9,
    find: 'seq=y',
    into: 4,
    covers: 'y',
    startsWith: '**seq** = `y`: server chooses its initial sequence number (ISS) here',
  },
  {
    name: 'hover on a segment shows sender and receiver before and after',
    text: example('four-way-close'),
    line: 9,
    find: 'server',
    covers: 'server -> client  SYN ACK  seq=y      ack=x+1',
    startsWith: '**server** → **client**',
    includes: [
      '```handshake\nserver -> client  SYN ACK  seq=y      ack=x+1\n```',
      '- **server** (sender): `SYN_RECEIVED` (unchanged) · SND.NXT `y+1` · RCV.NXT `x+1`',
      '- **client** (receiver): `SYN_SENT` → `ESTABLISHED` · SND.NXT `x+1` · RCV.NXT `y+1`',
      'Delivered: client accepted it in order.',
      '- **ack** = `x+1`: the SYN client sent at line 8 (seq=x) consumes one sequence number',
    ],
    excludes: ['Problems on this line'],
  },
  {
    name: 'hover between the words of a segment still explains the segment',
    text: example('four-way-close'),
    line: 22,
    find: '  seq=',
    covers: 'client -> server  ACK      seq=x+20   ack=y+2',
    includes: ['`LAST_ACK` → `CLOSED`', '- **ack** = `y+2`: the FIN server sent at line 20'],
  },
  {
    name: 'hover shows the number a let gives the symbol',
    text: LET,
    line: 6,
    find: 'x+1',
    covers: 'x+1',
    startsWith: '**ack** = `x+1 = 1001`: the SYN a sent at line 5 (seq=x) consumes one',
    includes: ['`x` = `1000`, bound by `let` at line 3.', 'RCV.NXT `x+1 = 1001`'],
  },
  {
    name: 'hover on a wrong ack shows what was written and the diagnostic',
    text: example('mistakes'),
    line: 8,
    find: 'ack=',
    into: 6,
    covers: '3626544836',
    startsWith: '**ack** = `3626544837` (written: `3626544836`): the SYN client sent at line 7',
    includes: ['Problems on this line:', '- `HS101` error: ack should be 3626544837'],
  },
  {
    name: 'hover on a segment without seq= shows the value the engine used',
    text: readFileSync('docs/language.md', 'utf8')
      .split('<!-- check: relative.handshake -->')[1]
      ?.split('```handshake\n')[1]
      ?.split('```')[0] as string,
    line: 10,
    find: 'client',
    covers: 'client -> server  ACK               ack=y+1',
    includes: ['- **seq** = `x+1 = 3626544837` (not written; the engine uses this value)'],
  },
  {
    name: 'hover on a lost segment says it never arrives',
    text: example('lost-segment'),
    line: 12,
    find: 'len=',
    covers: 'client -x server  PSH ACK  seq=1001  ack=5001  len=100',
    startsWith: '**client** -x **server**',
    includes: ['Lost in the network (`-x`): server never sees it.', 'SND.NXT `1101`'],
  },
  {
    name: 'hover on out-of-order data says it is queued',
    text: example('lost-segment'),
    line: 13,
    find: 'client',
    covers: 'client -> server  PSH ACK  seq=1101  ack=5001  len=100',
    includes: ['Arrived out of order: server queues it', '- `HS111` info:'],
  },
  {
    name: 'hover on a retransmission says it is one',
    text: example('lost-segment'),
    line: 15,
    find: '1001',
    covers: '1001',
    startsWith: '**seq** = `1201` (written: `1001`, a retransmission of data sent before)',
    includes: ['A retransmission of data already sent.', '- `HS110` info:', 'RCV.NXT `1201`'],
  },
  {
    name: 'hover on a duplicate ACK is an ordinary delivery',
    text: example('lost-segment'),
    line: 14,
    find: 'server',
    covers: 'server -> client  ACK      seq=5001  ack=1001',
    includes: ['Delivered: client accepted it in order.'],
    excludes: ['retransmission'],
  },
  {
    name: 'hover on a reset says it closed the receiver and why seq is 0',
    text: example('connection-refused'),
    line: 8,
    find: 'seq=0',
    into: 4,
    covers: '0',
    startsWith: '**seq** = `0`: the reset answers the segment at line 7 (RFC 9293 §3.10.7.1)',
    includes: ["Reset: this RST closed client's connection.", '`SYN_SENT` → `CLOSED`'],
  },
  {
    name: 'hover on a SYN nobody listens for says it is refused',
    text: REFUSED,
    line: 3,
    find: 'a ->',
    covers: 'a -> b SYN seq=x',
    includes: ['Refused: b has no connection for it', '- **b** (receiver): `CLOSED` (unchanged)'],
  },
  {
    name: 'hover on an invalid segment lists its problems',
    text: example('mistakes'),
    line: 16,
    find: 'client',
    covers: 'client -> server  SYN FIN  seq=1',
    includes: ['Not played', '- `HS301` error: SYN+FIN'],
  },
  {
    name: 'hover on a SYN in a synchronized state: challenged, and its problem listed',
    text: example('mistakes'),
    line: 12,
    find: 'seq',
    covers: 'seq=3626544842',
    startsWith: '**seq**: the engine has no expected value here.',
    includes: ['Challenged: server does not act on it', '- `HS203` error: client is ESTABLISHED'],
  },
  {
    name: 'hover on a segment in a simultaneous block says the segments cross',
    text: example('simultaneous-close'),
    line: 14,
    find: 'server',
    covers: 'server -> client  FIN ACK  seq=y+1  ack=x+1',
    includes: [
      'Sent in a `simultaneous` block',
      '- **client** (receiver): `FIN_WAIT_1` → `CLOSING`',
    ],
  },
  // Flags.
  {
    name: 'hover on a flag wins over the segment: SYN consumes one',
    text: example('four-way-close'),
    line: 9,
    find: 'SYN',
    into: 1,
    covers: 'SYN',
    startsWith: '**SYN** (synchronize sequence numbers)',
    includes: ['consumes one sequence number', 'RFC 9293 §3.1'],
    excludes: ['**server** → **client**'],
  },
  {
    name: 'hover on ACK says the acknowledgment field is valid',
    text: example('four-way-close'),
    line: 9,
    find: 'ACK',
    covers: 'ACK',
    includes: ['acknowledgment field is significant', 'RFC 9293 §3.1'],
  },
  {
    name: 'hover on FIN says no more data and consumes one',
    text: example('four-way-close'),
    line: 15,
    find: 'FIN',
    covers: 'FIN',
    includes: ['no more data from the sender', 'consumes one sequence number', '§3.6'],
  },
  {
    name: 'hover on RST cites reset processing',
    text: example('connection-refused'),
    line: 8,
    find: 'RST',
    covers: 'RST',
    includes: ['resets the connection', '§3.5.3', 'RFC 5961'],
  },
  {
    name: 'hover on PSH explains push',
    text: example('four-way-close'),
    line: 11,
    find: 'PSH',
    covers: 'PSH',
    includes: ['push', '§3.9.1.2'],
  },
  {
    name: 'hover on URG, ECE and CWR cite their RFCs',
    text: lines(...OPEN, 'client -> server URG ECE CWR ACK seq=x+1 ack=y+1'),
    line: 7,
    find: 'ECE',
    covers: 'ECE',
    includes: ['ECN-Echo', 'RFC 3168'],
  },
  // States.
  {
    name: 'hover on an expect state shows the state the engine computed',
    text: example('four-way-close'),
    line: 16,
    find: 'FIN_WAIT_1',
    covers: 'FIN_WAIT_1',
    startsWith: '**FIN_WAIT_1**: the endpoint sent its FIN',
    includes: ['Here the engine has client in `FIN_WAIT_1`.', 'The expectation holds.'],
  },
  {
    name: 'hover on a wrong segment read as sent says so (RFC 9293 §3.10.7.3)',
    text: lines(
      'endpoint a',
      'endpoint b',
      'b listen',
      'a -> b SYN seq=100',
      'b -> a SYN ACK seq=300 ack=100',
      'a -> b RST seq=100',
      'expect a SYN_SENT',
    ),
    line: 5,
    find: 'b ->',
    covers: 'b -> a SYN ACK seq=300 ack=100',
    includes: [
      'Refused: a has no connection for it',
      'Read as sent: the lines after it show the receiver’s reaction',
    ],
  },
  {
    name: 'hover on a wrong segment read as a typo says so',
    text: lines(
      'endpoint a',
      'endpoint b',
      'b listen',
      'a -> b SYN seq=100',
      'b -> a SYN ACK seq=300 ack=100',
      'a -> b ACK seq=101 ack=301',
    ),
    line: 5,
    find: 'b ->',
    covers: 'b -> a SYN ACK seq=300 ack=100',
    includes: ['Read as a typo: the lines after it go on as if the expected values'],
    excludes: ['Read as sent'],
  },
  {
    name: 'hover on a failed expect says what the engine computed instead',
    text: example('mistakes'),
    line: 15,
    find: 'ESTABLISHED',
    covers: 'ESTABLISHED',
    startsWith: '**ESTABLISHED**',
    includes: [
      'Here the engine has client in `FIN_WAIT_1`.',
      'The expectation (`ESTABLISHED`) does not hold.',
    ],
  },
  {
    name: 'hover on TIME_WAIT explains 2MSL, the 2-minute MSL and Linux 60 s',
    text: example('four-way-close'),
    line: 23,
    find: 'TIME_WAIT',
    covers: 'TIME_WAIT',
    includes: [
      'waits 2MSL so that a lost final ACK can be sent again',
      'old duplicate segments',
      'The MSL is 2 minutes in RFC 9293',
      'Linux uses 60 s',
      'Here the engine has client in `TIME_WAIT`.',
    ],
  },
  {
    name: 'hover on an unknown state still shows the computed state',
    text: LET,
    line: 7,
    find: 'OPEN',
    covers: 'OPEN',
    startsWith: '`OPEN` is not a TCP state (HS010).',
    includes: ['Here the engine has a in `ESTABLISHED`.'],
  },
  {
    name: 'hover on a state word in a comment explains the state',
    text: example('four-way-close'),
    line: 26,
    find: 'TIME_WAIT',
    covers: 'TIME_WAIT',
    startsWith: '**TIME_WAIT**',
  },
  {
    name: 'hover on a state written with hyphens in a comment',
    text: lines('endpoint a # from SYN-SENT on'),
    line: 1,
    find: 'SYN-SENT',
    into: 5,
    covers: 'SYN-SENT',
    startsWith: '**SYN_SENT**',
  },
  // Keywords.
  {
    name: 'hover on scenario explains it with syntax',
    text: example('four-way-close'),
    line: 3,
    find: 'scenario',
    covers: 'scenario',
    startsWith: '```handshake\nscenario "TITLE"\n```',
  },
  {
    name: 'hover on endpoint explains it with syntax',
    text: example('four-way-close'),
    line: 4,
    find: 'endpoint',
    covers: 'endpoint',
    startsWith: '```handshake\nendpoint NAME [ADDRESS]\n```',
  },
  {
    name: 'hover on let explains it with syntax',
    text: LET,
    line: 3,
    find: 'let',
    covers: 'let',
    startsWith: '```handshake\nlet NAME = NUMBER\n```',
  },
  {
    name: 'hover on expect explains it with syntax',
    text: example('four-way-close'),
    line: 16,
    find: 'expect',
    covers: 'expect',
    startsWith: '```handshake\nexpect NAME STATE\n```',
  },
  {
    name: 'hover on simultaneous explains crossing segments',
    text: example('simultaneous-close'),
    line: 12,
    find: 'simultaneous',
    covers: 'simultaneous',
    startsWith: '```handshake\nsimultaneous {',
    includes: ['sent before any of them arrives'],
  },
  {
    name: 'hover on listen shows the state change it made',
    text: example('four-way-close'),
    line: 7,
    find: 'listen',
    covers: 'listen',
    startsWith: '```handshake\nNAME listen\n```',
    includes: ['passive OPEN', 'Here: server `CLOSED` → `LISTEN`.'],
  },
  {
    name: 'hover on close shows the state change it made',
    text: lines('endpoint b', 'b listen', 'b close'),
    line: 3,
    find: 'close',
    covers: 'close',
    startsWith: '```handshake\nNAME close\n```',
    includes: ['Here: b `LISTEN` → `CLOSED`.'],
  },
  {
    name: 'hover on a close the engine refused says it changes nothing, and why',
    text: LET,
    line: 8,
    find: 'close',
    covers: 'close',
    includes: ['Here: a `ESTABLISHED` (unchanged).', '- `HS208` error: a is ESTABLISHED'],
  },
  {
    name: 'hover on wait shows who left TIME_WAIT',
    text: example('four-way-close'),
    line: 27,
    find: 'wait',
    covers: 'wait',
    startsWith: '```handshake\nwait 2MSL | wait 30s\n```',
    includes: ['Here: client `TIME_WAIT` → `CLOSED`.'],
  },
  {
    name: 'hover on a wait with nothing in TIME_WAIT says it changes nothing, and why',
    text: lines(...OPEN, 'wait 2MSL'),
    line: 7,
    find: '2MSL',
    covers: '2MSL',
    includes: ['Here it changes no state.', '- `HS209` warning: No endpoint is in TIME_WAIT'],
  },
  {
    name: 'hover on 2MSL explains the MSL',
    text: example('four-way-close'),
    line: 27,
    find: '2MSL',
    covers: '2MSL',
    includes: ['MSL is 2 minutes in RFC 9293', 'Linux uses a fixed 60 s'],
  },
  // Lines the parser could not read: their words still explain themselves.
  {
    name: 'hover on the keyword of an unfinished expect line',
    text: lines(...OPEN, 'expect client'),
    line: 7,
    find: 'expect',
    covers: 'expect',
    startsWith: '```handshake\nexpect NAME STATE\n```',
  },
  {
    name: 'hover on the endpoint of an unfinished expect line',
    text: lines(...OPEN, 'expect client'),
    line: 7,
    find: 'client',
    covers: 'client',
    startsWith: '**endpoint** `client`, declared at line 1',
  },
  // Names.
  {
    name: 'hover on an endpoint name shows its address and final state',
    text: example('four-way-close'),
    line: 4,
    find: 'client',
    covers: 'client',
    startsWith: '**endpoint** `client`, declared at line 4: `10.0.0.1:50000`.',
    includes: ['Final state: `CLOSED`.'],
  },
  {
    name: 'hover on an address shows its endpoint',
    text: example('half-close'),
    line: 5,
    find: '[2001',
    covers: '[2001:db8::2]:8080',
    startsWith: '**endpoint** `server`, declared at line 5: `[2001:db8::2]:8080`.',
  },
  {
    name: 'hover on the endpoint of an expect adds its state there',
    text: example('four-way-close'),
    line: 19,
    find: 'server',
    covers: 'server',
    includes: ['Final state: `CLOSED`.', 'Here the engine has server in `CLOSE_WAIT`.'],
  },
  {
    name: 'hover on an undeclared endpoint says to declare it',
    text: LET,
    line: 9,
    find: 'nobody',
    covers: 'nobody',
    startsWith: '**nobody** is not declared: add `endpoint nobody` (HS401).',
  },
  {
    name: 'hover on a let symbol shows its number and the SYN that made it an ISS',
    text: LET,
    line: 3,
    find: 'x',
    covers: 'x',
    startsWith: '`x` = `1000`, bound by `let` at line 3.',
    includes: ["`x`: a's initial sequence number, chosen by the SYN at line 5."],
  },
  {
    name: 'hover on wscale= says what the window scale option does, above the segment',
    text: lines(...OPEN.slice(0, 3), 'client -> server SYN seq=x win=64240 wscale=7'),
    line: 4,
    find: 'wscale',
    covers: 'wscale=7',
    startsWith: 'The Window Scale option of a SYN or SYN ACK (RFC 7323 §2.2)',
    includes: ['**client** → **server**'],
  },
];

for (const c of CASES) {
  test(c.name, () => {
    const analysis = analyze(c.text);
    const lineStart = analysis.lines.lineStart(c.line - 1);
    const index = c.text.indexOf(c.find, lineStart);
    assert.ok(index >= 0 && index < analysis.lines.lineEnd(c.line - 1), `'${c.find}' on line`);
    const found = hover(analysis, index + (c.into ?? 0));
    assert.ok(found, 'a hover');
    assert.equal(c.text.slice(found.span.start, found.span.end), c.covers);
    if (c.startsWith) assert.ok(found.markdown.startsWith(c.startsWith), found.markdown);
    for (const part of c.includes ?? []) assert.ok(found.markdown.includes(part), part);
    for (const part of c.excludes ?? []) assert.ok(!found.markdown.includes(part), part);
  });
}

test('no hover on blank lines, titles and comments without a state', () => {
  const text = example('four-way-close');
  const analysis = analyze(text);
  for (const [line, find] of [
    [6, ''],
    [1, 'Open'],
    [3, 'Three-way'],
    [14, 'nothing'],
  ] as const) {
    const offset = text.indexOf(find, analysis.lines.lineStart(line - 1));
    assert.equal(hover(analysis, offset), undefined, `line ${line}`);
  }
});

test('hover on every seq and ack of the examples quotes the engine’s reason', () => {
  for (const name of [
    'four-way-close',
    'half-close',
    'lost-segment',
    'simultaneous-open',
    'simultaneous-close',
    'connection-refused',
    'tcpdump-handshake',
    'mistakes',
  ]) {
    const text = example(name);
    const analysis = analyze(text);
    const steps = analysis.trace.steps.filter((s): s is SegmentStep => s.kind === 'segment');
    for (const step of steps) {
      for (const field of ['seq', 'ack'] as const) {
        const written = step.statement[field];
        const why = step.why[field];
        if (!written || !why) continue;
        const found = hover(analysis, written.value.start);
        assert.ok(
          found?.markdown.includes(word(explainReason(why, analysis.lines), 'en')),
          `${name} ${field}`,
        );
      }
    }
  }
});

test('hover on a payload with backticks keeps the code block closed', () => {
  const text = lines(...OPEN, 'client -> server PSH ACK seq=x+1 ack=y+1 "```"');
  const analysis = analyze(text);
  const found = hover(analysis, text.indexOf('PSH') - 2);
  assert.ok(found?.markdown.includes('````handshake\nclient -> server PSH ACK'));
});

test('hover never throws and stays inside the text at any offset of the examples', () => {
  for (const file of readdirSync('examples').filter((f) => f.endsWith('.handshake'))) {
    const text = readFileSync(`examples/${file}`, 'utf8');
    const analysis = analyze(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const found = hover(analysis, offset);
      if (found)
        assert.ok(found.span.start <= offset && offset <= found.span.end, `${file}@${offset}`);
    }
  }
});
