import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { formatValue } from '../../../src/core/tcp/seqValue';
import type { SegmentStep } from '../../../src/core/tcp/trace';
import { parse } from '../../../src/core/syntax/parser';
import type { DeliverStatement } from '../../../src/core/syntax/tree';
import { newPending, Network, spoofedPeer, type Pending } from '../../../src/core/tcp/network';
import type { EndpointInfo } from '../../../src/core/tcp/trace';
import { LineMap } from '../../../src/core/text/lineMap';
import { codesAt, lines } from '../../helpers';

/** The handshake of client (ISS 1000) and server (ISS 5000), lines 1-6. */
const OPEN = [
  'endpoint client 10.0.0.1:50000',
  'endpoint server 10.0.0.2:80',
  'server listen',
  'client -> server  SYN      seq=1000',
  'server -> client  SYN ACK  seq=5000  ack=1001',
  'client -> server  ACK      seq=1001  ack=5001',
];

function segments(text: string): SegmentStep[] {
  return analyze(text).trace.steps.filter((s): s is SegmentStep => s.kind === 'segment');
}

/** `LINE outcome [network]` of every segment step after the handshake, in trace order. */
function arrivals(text: string): string[] {
  const analysis = analyze(text);
  return segments(text)
    .slice(3)
    .map((s) =>
      [analysis.lines.lineOf(s.span) + 1, s.outcome, s.network].filter(Boolean).join(' '),
    );
}

function problems(text: string): string[] {
  return codesAt(analyze(text), ['error', 'warning']);
}

test('three segments in flight at once arrive reordered: the early ones are queued until the gap is filled', () => {
  const text = lines(
    ...OPEN,
    'client ~> server  PSH ACK  seq=1001  ack=5001  len=100  as d1',
    'client ~> server  PSH ACK  seq=1101  ack=5001  len=100  as d2',
    'client ~> server  PSH ACK  seq=1201  ack=5001  len=100  as d3',
    'deliver d3',
    'deliver d2',
    'server -> client  ACK      seq=5001  ack=1001', // a duplicate ACK: 1001 is still missing
    'deliver d1',
    'server -> client  ACK      seq=5001  ack=1301',
    'expect server ESTABLISHED',
  );
  assert.deepEqual(problems(text), []);
  assert.deepEqual(arrivals(text), [
    '10 queued later',
    '11 queued later',
    '12 delivered',
    '13 delivered later',
    '14 delivered',
  ]);
  // HS111 (info) at each early arrival, on its deliver line.
  assert.deepEqual(codesAt(analyze(text), ['info']), ['HS111@10:9', 'HS111@11:9']);
});

test("the sender's SND.NXT moves when it sends, not when its segment arrives", () => {
  const text = lines(
    ...OPEN,
    'client ~> server  PSH ACK  seq=1001  ack=5001  len=100  as d1',
    'client -> server  PSH ACK  seq=1101  ack=5001  len=10',
    'deliver d1',
    'server -> client  ACK      seq=5001  ack=1111',
  );
  assert.deepEqual(problems(text), []);
  const [, , , second, first] = segments(text);
  assert.equal(first?.network, 'later');
  assert.equal(formatValue(first?.sender.after.sndNxt ?? { offset: 0 }), '1101');
  assert.equal(second?.outcome, 'queued');
  // Writing the next segment as if d1 had not been sent is the usual mistake.
  const wrong = lines(
    ...OPEN,
    'client ~> server  PSH ACK  seq=1001  ack=5001  len=100  as d1',
    'client -> server  PSH ACK  seq=1001  ack=5001  len=10  "x"',
  );
  assert.deepEqual(
    codesAt(analyze(wrong), ['info']).map((c) => c.replace(/:\d+$/, '')),
    ['HS214@7', 'HS110@8'],
  );
});

test('segments in flight both ways carry the acks of the moment they were sent', () => {
  const text = lines(
    ...OPEN,
    'client ~> server  PSH ACK  seq=1001  ack=5001  len=10  as request',
    'server ~> client  PSH ACK  seq=5001  ack=1001  len=20  as push',
    'deliver request',
    'deliver push',
    'client -> server  ACK      seq=1011  ack=5021',
    'server -> client  ACK      seq=5021  ack=1011',
  );
  assert.deepEqual(problems(text), []);
  assert.deepEqual(arrivals(text), [
    '9 delivered later',
    '10 delivered later',
    '11 delivered',
    '12 delivered',
  ]);
});

test('deliver again: a duplicate is dropped as already received (RFC 9293 §3.10.7.4)', () => {
  const text = lines(
    ...OPEN,
    'client -> server  PSH ACK  seq=1001  ack=5001  len=100  as d1',
    'server -> client  ACK      seq=5001  ack=1101',
    'deliver d1 again',
    'server -> client  ACK      seq=5001  ack=1101',
  );
  assert.deepEqual(problems(text), []);
  assert.deepEqual(arrivals(text), [
    '7 delivered',
    '8 delivered',
    '9 duplicate again',
    '10 delivered',
  ]);
});

test('an old segment arriving late is judged by the state of its receiver on arrival', () => {
  // The first copy of the data is delayed; the retransmission arrives first and is acknowledged;
  // the old copy then arrives as a duplicate and changes nothing.
  const text = lines(
    ...OPEN,
    'client ~> server  PSH ACK  seq=1001  ack=5001  len=100  as slow',
    'client -> server  PSH ACK  seq=1001  ack=5001  len=100',
    'server -> client  ACK      seq=5001  ack=1101',
    'deliver slow',
    'expect server ESTABLISHED',
  );
  assert.deepEqual(problems(text), []);
  assert.deepEqual(arrivals(text), ['8 delivered', '9 delivered', '10 duplicate later']);
  // An old ACK arriving after a newer one changes nothing (SEG.ACK < SND.UNA: "it can be ignored").
  const ack = lines(
    ...OPEN,
    'server -> client  PSH ACK  seq=5001  ack=1001  len=100',
    'client ~> server  ACK      seq=1001  ack=5101  as old',
    'server -> client  PSH ACK  seq=5101  ack=1001  len=100',
    'client -> server  ACK      seq=1001  ack=5201',
    'deliver old',
  );
  assert.deepEqual(problems(ack), []);
  const old = segments(ack).at(-1);
  assert.equal(old?.network, 'later');
  assert.equal(formatValue(old?.receiver.before.sndUna ?? { offset: 0 }), '5201');
  assert.equal(formatValue(old?.receiver.after.sndUna ?? { offset: 0 }), '5201');
});

test('a FIN in flight reaches the receiver later, and moves its state then', () => {
  const text = lines(
    ...OPEN,
    'client ~> server  FIN ACK  seq=1001  ack=5001  as fin',
    'expect client FIN_WAIT_1',
    'expect server ESTABLISHED',
    'deliver fin',
    'expect server CLOSE_WAIT',
  );
  assert.deepEqual(problems(text), []);
});

test('a stray segment delivered to a CLOSED endpoint is refused: a reset is due (RFC 9293 §3.10.7.1)', () => {
  const text = lines(
    'endpoint client 10.0.0.1:50000',
    'endpoint server 10.0.0.2:80',
    'client -> server  SYN      seq=1000',
    'client ~> server  SYN      seq=1000  as dup', // a retransmission, delayed in the network
    'server -> client  RST ACK  seq=0  ack=1001',
    'deliver dup',
    'server -> client  RST ACK  seq=0  ack=1001',
  );
  assert.deepEqual(problems(text), []);
  assert.deepEqual(
    segments(text).map((s) => s.outcome),
    ['refused', 'reset', 'refused', 'ignored'],
  );
});

test('a stray ACK delivered to a listening endpoint is refused with RST seq=SEG.ACK (RFC 9293 §3.10.7.2)', () => {
  const text = lines(
    'endpoint client 10.0.0.1:50000',
    'endpoint server 10.0.0.2:80',
    'server listen',
    'client -> server  SYN      seq=1000',
    'server -> client  SYN ACK  seq=5000  ack=1001',
    'client ~> server  ACK      seq=1001  ack=5001  as late',
    'server -> client  RST      seq=5001', // the server aborts before the ACK arrives
    'expect server CLOSED',
    'deliver late',
    'server -> client  RST      seq=5001', // <SEQ=SEG.ACK><CTL=RST>
  );
  assert.deepEqual(problems(text), []);
  assert.equal(segments(text).at(-2)?.outcome, 'refused');
});

test("a RST injected by an attacker with the client's address is judged on arrival: late, it is below the window (RFC 5961 §3.2)", () => {
  const text = lines(
    ...OPEN,
    'attacker mallory 10.0.0.1:50000',
    'mallory ~> server  RST  seq=1001  as blind', // exactly RCV.NXT when sent...
    'client -> server  PSH ACK  seq=1001  ack=5001  len=10',
    'server -> client  ACK      seq=5001  ack=1011',
    'deliver blind', // ...but RCV.NXT moved on: below the window, dropped silently
    'expect server ESTABLISHED',
  );
  assert.deepEqual(problems(text), []);
  assert.equal(segments(text).find((s) => s.network)?.outcome, 'ignored');
  // In the window but not RCV.NXT when it arrives: challenged.
  const ahead = text.replace('RST  seq=1001', 'RST  seq=1500');
  assert.equal(segments(ahead).find((s) => s.network)?.outcome, 'challenged');
  // Delivered at once, the same RST resets the server.
  const now = text.replace('as blind', '').replace('deliver blind', 'expect server CLOSED');
  assert.equal(segments(now)[3]?.outcome, 'reset');
});

test("data injected with the client's address while the client's own segment is in flight", () => {
  const text = lines(
    ...OPEN,
    'attacker mallory 10.0.0.1:50000',
    'client ~> server  PSH ACK  seq=1001  ack=5001  len=10  "real"',
    'mallory -> server  PSH ACK  seq=1001  ack=5001  len=10  "fake"', // arrives first, accepted
    'server -> client  ACK      seq=5001  ack=1011',
    'deliver real', // the real data is now a duplicate: dropped
  );
  // `as` is missing on the client's segment: an unfinished line (HS016 at its end), and
  // nothing can deliver it.
  assert.deepEqual(problems(text), ['HS016@8:62', 'HS405@11:9']);
  const fixed = text.replace('"real"', '"real"  as real');
  assert.deepEqual(problems(fixed), []);
  assert.deepEqual(
    segments(fixed)
      .slice(3)
      .map((s) => s.outcome),
    ['delivered', 'delivered', 'duplicate'],
  );
});

test('a segment never delivered stays in flight: an info, and its step where it was sent', () => {
  const text = lines(
    ...OPEN,
    'client ~> server  PSH ACK  seq=1001  ack=5001  len=10  as d1',
    'expect client ESTABLISHED',
  );
  const analysis = analyze(text);
  assert.deepEqual(codesAt(analysis), ['HS214@7:59']);
  const steps = analysis.trace.steps;
  const index = steps.findIndex((s) => s.kind === 'segment' && s.outcome === 'inFlight');
  assert.equal(steps[index + 1]?.kind, 'expect');
  const step = steps[index] as SegmentStep;
  assert.equal(step.receiver.after.state, 'ESTABLISHED');
});

test('a wrong segment in flight is read at its arrival by the lines after the deliver: typo or as sent (§3.10.7.4)', () => {
  const sent = [
    ...OPEN,
    'client ~> server  PSH ACK  seq=1001  ack=5002  len=10  as d1', // HS105: ack of unsent data
    'client ~> server  PSH ACK  seq=1011  ack=5001  len=10  as d2',
    'deliver d2',
    'deliver d1',
  ];
  // The server acknowledges both: the writer meant ack=5001.
  const typo = lines(...sent, 'server -> client  ACK  seq=5001  ack=1021');
  // The server answers an ACK of unsent data with an ACK and drops the segment.
  const asSent = lines(...sent, 'server -> client  ACK  seq=5001  ack=1001');
  for (const [text, reading, outcome] of [
    [typo, 'intended', 'delivered'],
    [asSent, 'asSent', 'challenged'],
  ] as const) {
    assert.deepEqual(problems(text), ['HS105@7:42']);
    const late = segments(text).find((s) => s.statement.labelText === 'd1');
    assert.deepEqual([late?.reading, late?.outcome, late?.network], [reading, outcome, 'later']);
  }
});

test('a second segment under a taken label is reported, and drawn as still in flight where it was sent', () => {
  const text = lines(
    ...OPEN,
    'client ~> server  PSH ACK  seq=1001  ack=5001  len=10  as d1',
    'client ~> server  PSH ACK  seq=1011  ack=5001  len=10  as d1',
    'client ~> server  PSH ACK  seq=1021  ack=5001  len=10  as d2',
    'deliver d1',
    'deliver d2',
  );
  assert.deepEqual(problems(text), ['HS406@8:59']);
  const steps = segments(text).slice(3);
  assert.deepEqual(
    steps.map((s) => `${s.statement.seqOffset} ${s.outcome}`),
    ['1011 inFlight', '1001 delivered', '1021 queued'],
  );
});

// The Network class on its own: the bookkeeping of labelled segments, with no engine behind it.

function network(...text: string[]): { book: Network; reported: string[]; pending: Pending[] } {
  const source = lines(...text);
  const reported: string[] = [];
  const book = new Network(new LineMap(source), (d) => reported.push(d.code));
  const pending = parse(source)
    .document.statements.filter((s) => s.kind === 'segment')
    .map((statement) => ({ ...newPending(statement), to: statement.toText }));
  return { book, reported, pending };
}

function deliverStatement(text: string): DeliverStatement {
  return parse(lines(text)).document.statements[0] as DeliverStatement;
}

test('Network: a `~>` segment waits for its deliver; a second deliver needs `again`', () => {
  const { book, reported, pending } = network('client ~> server  ACK  seq=1  ack=1  as d1');
  const flight = book.sent(pending[0] as Pending, 'd1', 0, 0);
  assert.equal(flight.deliveries, 0);
  assert.equal(book.deliver(deliverStatement('deliver d1'))?.first, true);
  assert.equal(book.deliver(deliverStatement('deliver d1')), undefined);
  assert.equal(book.deliver(deliverStatement('deliver d1 again'))?.first, false);
  assert.equal(book.deliver(deliverStatement('deliver d9')), undefined);
  assert.deepEqual(reported, ['HS212', 'HS405']);
  assert.deepEqual([...book.undelivered()], []);
});

test('Network: `->` and `-x` arrive as sent; a lost segment cannot be delivered', () => {
  const { book, reported, pending } = network(
    'client -> server  ACK  seq=1  ack=1  as a',
    'client -x server  ACK  seq=1  ack=1  as b',
  );
  assert.equal(book.sent(pending[0] as Pending, 'a', 0, 0).deliveries, 1);
  book.sent(pending[1] as Pending, 'b', 1, 0);
  assert.equal(book.deliver(deliverStatement('deliver b')), undefined);
  assert.deepEqual(reported, ['HS213']);
});

test('Network: undelivered segments come in the order sent, a stranded one without its own info', () => {
  const { book, reported, pending } = network(
    'client ~> server  ACK  seq=1  ack=1  as d1',
    'client ~> server  ACK  seq=1  ack=1  as d1',
    'client ~> server  ACK  seq=1  ack=1  as d2',
  );
  pending.forEach((each, i) => book.sent(each, i === 2 ? 'd2' : 'd1', i, 0));
  assert.deepEqual(reported, ['HS406']);
  assert.deepEqual(
    [...book.undelivered()].map((flight) => flight.stepIndex),
    [0, 1, 2],
  );
  assert.deepEqual(reported, ['HS406', 'HS214', 'HS214']);
});

test('spoofedPeer: an attacker with the peer address and port passes for the peer', () => {
  const endpoints = new Map<string, EndpointInfo>([
    ['client', endpoint('client', '10.0.0.1', 50000)],
    ['server', endpoint('server', '10.0.0.2', 80)],
    ['mallory', { ...endpoint('mallory', '10.0.0.1', 50000), attacker: true }],
    ['eve', { ...endpoint('eve', '10.0.0.9', 50000), attacker: true }],
  ]);
  assert.equal(spoofedPeer(endpoints, 'mallory', 'client'), 'client');
  assert.equal(spoofedPeer(endpoints, 'eve', 'client'), undefined);
  assert.equal(spoofedPeer(endpoints, 'client', 'client'), undefined);
  // Without a connection at the receiver, the endpoint with that address: its reset goes there.
  assert.equal(spoofedPeer(endpoints, 'mallory', undefined, 'server'), 'client');
  assert.equal(spoofedPeer(endpoints, 'mallory', undefined, 'client'), undefined);
  assert.equal(spoofedPeer(endpoints, 'eve', undefined, 'server'), undefined);
});

function endpoint(name: string, host: string, port: number): EndpointInfo {
  const span = { start: 0, end: 0 };
  return {
    name,
    span,
    declared: true,
    address: { text: `${host}:${port}`, host, port, family: 4, ...span },
  };
}
