/**
 * Segments arrive as sent (RFC 9293 §3.10.7, RFC 5961): a wrong segment is reported once, at
 * its line, and then reaches its receiver either as its writer meant it (a typo, the lines
 * after it go on as if the expected value had been written) or exactly as written (the lines
 * after it show the receiver's reaction by the RFC). Each rule has both readings where both
 * apply.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import type { SegmentStep } from '../../../src/core/tcp/trace';
import { codesAt, lines, OPEN } from '../../helpers';

interface Case {
  readonly name: string;
  readonly text: string;
  /** Errors and warnings, CODE@LINE:COL. */
  readonly codes: readonly string[];
  /** The 1-based line of the wrong segment, and how it reached its receiver. */
  readonly line: number;
  readonly reading: 'intended' | 'asSent';
  /** Its outcome at the receiver. */
  readonly outcome?: SegmentStep['outcome'];
}

/** A before the SYN ACK: a sent SYN seq=100 to b, which listens. */
const SYN_SENT = ['endpoint a', 'endpoint b', 'b listen', 'a -> b SYN seq=100'];

/** b in SYN_RECEIVED: its SYN ACK seq=300 ack=101 sent, waiting for a's ACK. */
const SYN_RECEIVED = [...SYN_SENT, 'b -> a SYN ACK seq=300 ack=101'];

const CASES: readonly Case[] = [
  {
    name: 'SYN_RECEIVED answers an ACK below its ISS+1 by RST seq=SEG.ACK and stays (§3.10.7.4)',
    text: lines(
      ...SYN_RECEIVED,
      'a -> b ACK seq=101 ack=300',
      'b -> a RST seq=300', // <SEQ=SEG.ACK><CTL=RST>: below a's window, a drops it
      'expect b SYN_RECEIVED',
      'a -> b ACK seq=101 ack=301',
      'expect b ESTABLISHED',
    ),
    codes: ['HS101@6:24'],
    line: 6,
    reading: 'asSent',
    outcome: 'refused',
  },
  {
    name: 'an ACK to SYN_RECEIVED that forgot the +1, then data: a typo (§3.10.7.4)',
    text: lines(
      ...SYN_RECEIVED,
      'a -> b ACK seq=101 ack=300',
      'a -> b PSH ACK seq=101 ack=301 len=10',
      'expect b ESTABLISHED',
    ),
    codes: ['HS101@6:24'],
    line: 6,
    reading: 'intended',
    outcome: 'delivered',
  },
  {
    name: 'SYN_RECEIVED answers an ACK of data not sent by RST seq=SEG.ACK, which a challenges (§3.10.7.4, RFC 5961 §3.2)',
    text: lines(
      ...SYN_RECEIVED,
      'a -> b ACK seq=101 ack=302',
      'b -> a RST seq=302', // in a's window but not RCV.NXT (301)
      'a -> b ACK seq=101 ack=301', // a's challenge ACK, which b accepts
      'expect b ESTABLISHED',
      'expect a ESTABLISHED',
    ),
    codes: ['HS105@6:24'],
    line: 6,
    reading: 'asSent',
    outcome: 'refused',
  },
  {
    name: 'SYN_SENT answers a SYN ACK with an unacceptable ack by RST seq=SEG.ACK and stays (§3.10.7.3)',
    text: lines(
      ...SYN_SENT,
      'b -> a SYN ACK seq=300 ack=100',
      'a -> b RST seq=100',
      'expect a SYN_SENT',
      'b -> a SYN ACK seq=300 ack=101', // b retransmits its SYN ACK, now right
      'a -> b ACK seq=101 ack=301',
      'expect a ESTABLISHED',
      'expect b ESTABLISHED',
    ),
    codes: ['HS101@5:28'],
    line: 5,
    reading: 'asSent',
    outcome: 'refused',
  },
  {
    name: 'a SYN ACK whose ack forgot the +1, then a normal ACK: a typo (§3.10.7.3)',
    text: lines(
      ...SYN_SENT,
      'b -> a SYN ACK seq=300 ack=100',
      'a -> b ACK seq=101 ack=301',
      'expect a ESTABLISHED',
    ),
    codes: ['HS101@5:28'],
    line: 5,
    reading: 'intended',
    outcome: 'delivered',
  },
  {
    name: 'SYN_SENT drops a RST ACK whose ack does not acknowledge its SYN and stays (§3.10.7.3)',
    text: lines(
      ...SYN_SENT.filter((l) => l !== 'b listen'),
      'b -> a RST ACK seq=0 ack=100',
      'expect a SYN_SENT',
      'a -> b SYN seq=100', // a retransmits its SYN: it still waits
    ),
    codes: ['HS101@4:26'],
    line: 4,
    reading: 'asSent',
    outcome: 'ignored',
  },
  {
    name: 'a RST ACK whose ack forgot the +1, then CLOSED: a typo, connection refused (§3.10.7.3)',
    text: lines(
      ...SYN_SENT.filter((l) => l !== 'b listen'),
      'b -> a RST ACK seq=0 ack=100',
      'expect a CLOSED',
    ),
    codes: ['HS101@4:26'],
    line: 4,
    reading: 'intended',
    outcome: 'reset',
  },
  {
    name: 'SYN_SENT drops a RST without ACK: it is acceptable only if it acknowledges the SYN (§3.10.7.3)',
    text: lines(
      ...SYN_SENT.filter((l) => l !== 'b listen'),
      'b -> a RST seq=0',
      'expect a SYN_SENT',
    ),
    codes: ['HS113@4:8'],
    line: 4,
    reading: 'asSent',
    outcome: 'ignored',
  },
  {
    name: 'a RST without ACK, then CLOSED: a typo for RST ACK (§3.10.7.1)',
    text: lines(...SYN_SENT.filter((l) => l !== 'b listen'), 'b -> a RST seq=0', 'expect a CLOSED'),
    codes: ['HS113@4:8'],
    line: 4,
    reading: 'intended',
    outcome: 'reset',
  },
  {
    name: 'an in-window RST whose seq is not RCV.NXT gets a challenge ACK; the connection survives (RFC 5961 §3.2)',
    text: lines(
      ...OPEN,
      'client -> server RST seq=x+5', // the client aborts, with a wrong seq
      'expect server ESTABLISHED',
      'server -> client ACK seq=y+1 ack=x+1', // challenge ACK
      'client -> server RST seq=x+1', // the client, CLOSED, answers it: <SEQ=SEG.ACK><CTL=RST>
      'expect server CLOSED',
    ),
    codes: ['HS109@7:26'],
    line: 7,
    reading: 'asSent',
    outcome: 'challenged',
  },
  {
    name: 'a RST whose seq is off, then CLOSED: a typo for SND.NXT (RFC 9293 §3.10.7.4)',
    text: lines(...OPEN, 'client -> server RST seq=x+5', 'expect server CLOSED'),
    codes: ['HS109@7:26'],
    line: 7,
    reading: 'intended',
    outcome: 'reset',
  },
  {
    name: 'a RST outside the window is dropped silently (RFC 5961 §3.2)',
    text: lines(
      ...OPEN.slice(0, 5),
      'client -> server ACK seq=x+1 ack=y+1 win=100',
      'server -> client ACK seq=y+1 ack=x+1 win=100',
      'client -> server RST seq=x+500',
      'expect server ESTABLISHED',
      'client -> server ACK seq=x+1 ack=y+1', // not a challenge ACK: nothing to answer
    ),
    codes: ['HS109@8:26', 'HS201@10:18'],
    line: 8,
    reading: 'asSent',
    outcome: 'ignored',
  },
  {
    name: 'an ACK of data not yet sent is answered with an ACK and dropped, with its FIN (§3.10.7.4)',
    text: lines(
      ...OPEN,
      'client -> server FIN ACK seq=x+1 ack=y+5',
      'server -> client ACK seq=y+1 ack=x+1', // the FIN was not accepted
      'expect server ESTABLISHED',
      'client -> server FIN ACK seq=x+1 ack=y+1', // retransmitted, right
      'server -> client ACK seq=y+1 ack=x+2',
      'expect server CLOSE_WAIT',
    ),
    codes: ['HS105@7:38'],
    line: 7,
    reading: 'asSent',
    outcome: 'challenged',
  },
  {
    name: 'an ack past SND.NXT, then the FIN acknowledged: a typo (§3.10.7.4)',
    text: lines(
      ...OPEN,
      'client -> server FIN ACK seq=x+1 ack=y+5',
      'server -> client ACK seq=y+1 ack=x+2',
      'expect server CLOSE_WAIT',
    ),
    codes: ['HS105@7:38'],
    line: 7,
    reading: 'intended',
    outcome: 'delivered',
  },
];

for (const c of CASES) {
  test(c.name, () => {
    const analysis = analyze(c.text);
    assert.deepEqual(codesAt(analysis, ['error', 'warning']), c.codes);
    const step = analysis.trace.steps.find(
      (s): s is SegmentStep => s.kind === 'segment' && analysis.lines.lineOf(s.span) === c.line - 1,
    );
    assert.ok(step, `a segment at line ${c.line}`);
    assert.equal(step.reading, c.reading);
    if (c.outcome) assert.equal(step.outcome, c.outcome);
  });
}

test('a wrong segment with nothing after it is read as the writer meant it', () => {
  const analysis = analyze(lines(...SYN_SENT, 'b -> a SYN ACK seq=300 ack=100'));
  const step = analysis.trace.steps.at(-1);
  assert.ok(step?.kind === 'segment');
  assert.equal(step.reading, 'intended');
  assert.equal(step.receiver.after.state, 'ESTABLISHED');
});

test('a right segment has no reading', () => {
  const step = analyze(lines(...OPEN)).trace.steps.at(-1);
  assert.ok(step?.kind === 'segment');
  assert.equal(step.reading, undefined);
});

test('read as sent, the trace keeps the written values and what was expected', () => {
  const synAck = CASES.find((c) => c.name.startsWith('SYN_SENT answers a SYN ACK'));
  const analysis = analyze(synAck?.text ?? '');
  const step = analysis.trace.steps.find(
    (s) => s.kind === 'segment' && s.flags.includes('SYN') && s.from === 'b',
  );
  assert.ok(step?.kind === 'segment');
  assert.deepEqual(step.ack, { offset: 100 });
  assert.deepEqual(step.expected.ack, { offset: 101 });
  assert.deepEqual(step.corrected, { seq: false, ack: true });
  assert.equal(step.receiver.after.state, 'SYN_SENT');
});

test('a RST ACK with seq other than 0 still refuses a SYN: SYN_SENT checks only the ack (§3.10.7.3)', () => {
  const analysis = analyze(
    lines(
      'endpoint a',
      'endpoint b',
      'a -> b SYN seq=100',
      'b -> a RST ACK seq=7 ack=101',
      'expect a CLOSED',
    ),
  );
  assert.deepEqual(codesAt(analysis, ['error', 'warning']), ['HS116@4:20']);
  const step = analysis.trace.steps.find((s) => s.kind === 'segment' && s.from === 'b');
  assert.ok(step?.kind === 'segment');
  // Not an error to repair: it travels as written and has no reading to choose.
  assert.deepEqual(step.seq, { offset: 7 });
  assert.equal(step.reading, undefined);
  assert.equal(step.outcome, 'reset');
});

test('a SYN in a synchronized state reaches the peer, which challenges it and changes nothing (RFC 5961 §4)', () => {
  const analysis = analyze(
    lines(
      ...OPEN,
      'client -> server SYN seq=x+1',
      'server -> client ACK seq=y+1 ack=x+1', // challenge ACK
      'client -> server FIN ACK seq=x+1 ack=y+1',
      'server -> client ACK seq=y+1 ack=x+2',
      'server -> client FIN ACK seq=y+1 ack=x+2',
      'client -> server ACK seq=x+2 ack=y+2',
      'expect server CLOSED',
    ),
  );
  assert.deepEqual(codesAt(analysis, ['error', 'warning']), ['HS203@7:18']);
  const syn = analysis.trace.steps.find(
    (s) =>
      s.kind === 'segment' && s.flags.includes('SYN') && s.sender.before.state === 'ESTABLISHED',
  );
  assert.ok(syn?.kind === 'segment');
  assert.equal(syn.outcome, 'challenged');
  assert.equal(syn.receiver.after.state, 'ESTABLISHED');
});

/** An attacker with the client's address and port, and the server's RCV.NXT is x+1. */
const SPOOFED = [
  'endpoint client 10.0.0.1:50000',
  'endpoint server 10.0.0.2:80',
  'attacker mallory 10.0.0.1:50000',
  ...OPEN.slice(2),
];

test('a forged RST in the window is challenged and the connection survives (RFC 5961 §3.2)', () => {
  const analysis = analyze(
    lines(
      ...SPOOFED,
      'mallory -> server RST seq=x+100',
      'server -> client ACK seq=y+1 ack=x+1',
      'expect server ESTABLISHED',
      'expect client ESTABLISHED',
    ),
  );
  assert.deepEqual(codesAt(analysis, ['error', 'warning']), []);
  const rst = analysis.trace.steps.find((s) => s.kind === 'segment' && s.from === 'mallory');
  assert.ok(rst?.kind === 'segment');
  assert.equal(rst.outcome, 'challenged');
});

test('a forged RST at exactly RCV.NXT resets the connection: the blind attack guessed right', () => {
  const text = lines(...SPOOFED, 'mallory -> server RST seq=x+1', 'expect server CLOSED');
  assert.deepEqual(codesAt(analyze(text), ['error', 'warning']), []);
});

test('a forged RST from another address is not part of the connection', () => {
  const text = lines(
    ...SPOOFED.map((l) =>
      l.replace('attacker mallory 10.0.0.1:50000', 'attacker mallory 10.0.0.9:50000'),
    ),
    'mallory -> server RST seq=x+1',
    'expect server ESTABLISHED',
  );
  assert.deepEqual(codesAt(analyze(text), ['error', 'warning']), []);
});

/** The client has closed (its FIN lost, so it is FIN_WAIT_1) when the server's data arrives. */
const CLOSED_THEN_DATA = [
  ...OPEN,
  'client -x server FIN ACK seq=x+1 ack=y+1',
  'server -> client PSH ACK seq=y+1 ack=x+1 len=10',
];

test('data after CLOSE may be answered by RST seq=SEG.ACK, which resets the sender (RFC 9293 §3.6.1)', () => {
  const text = lines(
    ...CLOSED_THEN_DATA,
    'client -> server RST seq=x+1', // SEG.ACK of the data, not SND.NXT (x+2)
    'expect client CLOSED',
    'expect server CLOSED',
  );
  assert.deepEqual(codesAt(analyze(text), ['error', 'warning']), []);
  const rst = analyze(text).trace.steps.find(
    (s) => s.kind === 'segment' && s.flags.includes('RST'),
  );
  assert.ok(rst?.kind === 'segment');
  assert.equal(rst.why.seq?.kind, 'lateData');
});

test('data after a half-close is read: the FIN_WAIT side acknowledges it (RFC 9293 §3.6.1)', () => {
  const text = lines(
    ...CLOSED_THEN_DATA,
    'client -> server ACK seq=x+2 ack=y+11',
    'expect client FIN_WAIT_1',
  );
  assert.deepEqual(codesAt(analyze(text), ['error', 'warning']), []);
});

test('an abort after data after CLOSE still carries SND.NXT', () => {
  const text = lines(...CLOSED_THEN_DATA, 'client -> server RST seq=x+7');
  assert.deepEqual(codesAt(analyze(text), ['error', 'warning']), ['HS109@9:26']);
});

/** The handshake, in numbers: the client's ISS is 1000, the server's 5000. */
const NUMBERED = [
  'endpoint client',
  'endpoint server',
  'server listen',
  'client -> server SYN seq=1000',
  'server -> client SYN ACK seq=5000 ack=1001',
  'client -> server ACK seq=1001 ack=5001',
];

/** Two data segments from the client, acknowledged together by the server (ack=1111). */
const TWO_SEGMENTS_ACKED = [
  ...NUMBERED,
  'client -> server PSH ACK seq=1001 ack=5001 len=100',
  'client -> server PSH ACK seq=1101 ack=5001 len=10',
  'server -> client ACK seq=5001 ack=1111',
];

interface ValidCase {
  readonly name: string;
  readonly text: string;
  /** Errors and warnings, CODE@LINE:COL. */
  readonly codes: readonly string[];
  /** The 1-based line of the segment in question, its outcome and its reading. */
  readonly line: number;
  readonly outcome: SegmentStep['outcome'];
  readonly reading: 'intended' | 'asSent' | undefined;
}

const DUPLICATE_ACKS: readonly ValidCase[] = [
  {
    name: 'an older ACK arriving after a newer one is ignored, not an error (§3.10.7.4: SEG.ACK =< SND.UNA)',
    text: lines(
      ...TWO_SEGMENTS_ACKED,
      'server -> client ACK seq=5001 ack=1101', // sent after the first segment, arrives last
      'expect client ESTABLISHED',
      'client -> server FIN ACK seq=1111 ack=5001',
      'server -> client ACK seq=5001 ack=1112',
    ),
    codes: [],
    line: 10,
    outcome: 'delivered',
    reading: undefined,
  },
  {
    name: 'an older ACK leaves SND.UNA where the newer one put it (§3.10.7.4)',
    text: lines(
      ...TWO_SEGMENTS_ACKED,
      'server -> client ACK seq=5001 ack=1101',
      'client -> server PSH ACK seq=1101 ack=5001 len=10', // a retransmission would be spurious
    ),
    codes: [],
    line: 10,
    outcome: 'delivered',
    reading: undefined,
  },
  {
    name: 'an ack equal to what the peer already has, below RCV.NXT, is still a mistake: it forgot the latest data',
    text: lines(
      ...NUMBERED,
      'client -> server PSH ACK seq=1001 ack=5001 len=100',
      'server -> client ACK seq=5001 ack=1101',
      'client -> server PSH ACK seq=1101 ack=5001 len=10',
      'server -> client ACK seq=5001 ack=1101',
      'client -> server FIN ACK seq=1111 ack=5001',
      'server -> client ACK seq=5001 ack=1112',
    ),
    codes: ['HS101@10:35'],
    line: 10,
    outcome: 'delivered',
    reading: 'intended',
  },
  {
    name: 'an old ack on a segment that carries data is still a mistake (RCV.NXT does not go back)',
    text: lines(
      ...TWO_SEGMENTS_ACKED,
      'server -> client PSH ACK seq=5001 ack=1101 len=10',
      'client -> server ACK seq=1111 ack=5011',
    ),
    codes: ['HS101@10:39'],
    line: 10,
    outcome: 'delivered',
    reading: 'intended',
  },
];

for (const c of DUPLICATE_ACKS) {
  test(c.name, () => {
    const analysis = analyze(c.text);
    assert.deepEqual(codesAt(analysis, ['error', 'warning']), c.codes);
    const step = analysis.trace.steps.find(
      (s): s is SegmentStep => s.kind === 'segment' && analysis.lines.lineOf(s.span) === c.line - 1,
    );
    assert.ok(step, `a segment at line ${c.line}`);
    assert.equal(step.outcome, c.outcome);
    assert.equal(step.reading, c.reading);
  });
}

/**
 * The server sent 5001..7000 in two segments; the second is lost and the client has
 * acknowledged the first (RCV.NXT 6001, the server's SND.UNA 6001, SND.NXT 7001).
 */
const SECOND_SEGMENT_LOST = [
  ...NUMBERED,
  'server -> client ACK seq=5001 ack=1001 len=1000',
  'server -x client ACK seq=6001 ack=1001 len=1000',
  'client -> server ACK seq=1001 ack=6001',
];

interface OverlapCase {
  readonly name: string;
  readonly text: string;
  /** Every diagnostic, CODE@LINE:COL. */
  readonly codes: readonly string[];
  /** The resent segment's 1-based line, and the receiver's RCV.NXT after it. */
  readonly line: number;
  readonly rcvNxt: number;
  /** How it reached the receiver: undefined when nothing in it was wrong. */
  readonly reading?: 'intended' | 'asSent';
}

/** The server sent 5001..5700, lost: SND.UNA 5001, SND.NXT 5701, the client's RCV.NXT 5001. */
const FIRST_DATA_LOST = [...NUMBERED, 'server -x client ACK seq=5001 ack=1001 len=700'];

const OVERLAPS: readonly OverlapCase[] = [
  {
    name: 'a re-segmented retransmission that starts in acknowledged data is trimmed to the new part and accepted (§3.10.7.4)',
    text: lines(
      ...SECOND_SEGMENT_LOST,
      'server -> client ACK seq=5501 ack=1001 len=1000', // 5501..6000 again, then 6001..6500
      'client -> server ACK seq=1001 ack=6501',
      'server -> client ACK seq=6501 ack=1001 len=500',
      'client -> server ACK seq=1001 ack=7001',
    ),
    codes: ['HS110@10:26', 'HS110@12:26'],
    line: 10,
    rcvNxt: 6501,
  },
  {
    name: 'a retransmission need not line up with the segments first sent: half of the lost one is accepted',
    text: lines(
      ...SECOND_SEGMENT_LOST,
      'server -> client ACK seq=6001 ack=1001 len=500',
      'client -> server ACK seq=1001 ack=6501',
    ),
    codes: ['HS110@10:26'],
    line: 10,
    rcvNxt: 6501,
  },
  {
    name: 'a resend of acknowledged data only is spurious, and the receiver drops it as a duplicate',
    text: lines(
      ...SECOND_SEGMENT_LOST,
      'server -> client ACK seq=5501 ack=1001 len=500',
      'client -> server ACK seq=1001 ack=6001',
    ),
    codes: ['HS114@10:26'],
    line: 10,
    rcvNxt: 6001,
  },
  {
    name: 'a seq inside what was sent that runs past SND.NXT is still HS102: a typo for SND.NXT when the lines go on from there',
    text: lines(
      ...NUMBERED,
      'server -> client ACK seq=5001 ack=1001 len=1000',
      'client -> server ACK seq=1001 ack=6001',
      'server -> client ACK seq=6001 ack=1001 len=1000',
      'client -x server ACK seq=1001 ack=7001', // lost: SND.UNA 6001, SND.NXT 7001
      'server -> client ACK seq=6501 ack=1001 len=1000', // meant 7001: new data
      'client -> server ACK seq=1001 ack=8001',
    ),
    codes: ['HS102@11:26'],
    line: 11,
    rcvNxt: 8001,
    reading: 'intended',
  },
  {
    name: 'a resend that runs past SND.NXT is valid as written: only the bytes past SND.NXT are new (§3.10.7.4)',
    text: lines(
      ...FIRST_DATA_LOST,
      'server -> client ACK seq=5001 ack=1001 len=800', // 5001..5700 again, 5701..5800 new
      'client -> server ACK seq=1001 ack=5801',
      'server -> client ACK seq=5801 ack=1001 len=100', // its SND.NXT is 5801
      'client -> server ACK seq=1001 ack=5901',
    ),
    codes: [],
    line: 8,
    rcvNxt: 5801,
    reading: 'asSent',
  },
  {
    name: 'a resend past SND.NXT, then a duplicate ACK and the lost data again: a typo for SND.NXT',
    text: lines(
      ...FIRST_DATA_LOST,
      'server -> client ACK seq=5001 ack=1001 len=800', // meant 5701: queued behind the hole
      'client -> server ACK seq=1001 ack=5001',
      'server -> client ACK seq=5001 ack=1001 len=700',
      'client -> server ACK seq=1001 ack=6501',
    ),
    codes: ['HS102@8:26', 'HS111@8:26', 'HS110@10:26'],
    line: 8,
    rcvNxt: 5001,
    reading: 'intended',
  },
  {
    name: 'a resend of unacknowledged data with a new FIN is valid as written: the FIN is accepted (§3.10.7.4)',
    text: lines(
      ...NUMBERED,
      'server -x client ACK seq=5001 ack=1001 len=100',
      'server -> client FIN ACK seq=5001 ack=1001 len=100',
      'client -> server ACK seq=1001 ack=5102',
      'expect client CLOSE_WAIT',
      'expect server FIN_WAIT_2',
    ),
    codes: [],
    line: 8,
    rcvNxt: 5102,
    reading: 'asSent',
  },
];

for (const c of OVERLAPS) {
  test(c.name, () => {
    const analysis = analyze(c.text);
    assert.deepEqual(codesAt(analysis), c.codes);
    const step = analysis.trace.steps.find(
      (s): s is SegmentStep => s.kind === 'segment' && analysis.lines.lineOf(s.span) === c.line - 1,
    );
    assert.ok(step, `a segment at line ${c.line}`);
    assert.deepEqual(step.receiver.after.rcvNxt, { offset: c.rcvNxt });
    assert.equal(step.reading, c.reading);
  });
}

test('a resend past SND.NXT read as written is shown as a retransmission, not as a corrected seq', () => {
  const analysis = analyze(
    lines(
      ...FIRST_DATA_LOST,
      'server -> client ACK seq=5001 ack=1001 len=800',
      'client -> server ACK seq=1001 ack=5801',
    ),
  );
  const step = analysis.trace.steps.find(
    (s): s is SegmentStep => s.kind === 'segment' && analysis.lines.lineOf(s.span) === 7,
  );
  assert.ok(step);
  assert.equal(step.retransmission, true);
  assert.deepEqual(step.corrected, { seq: false, ack: false });
  assert.deepEqual(step.seq, { offset: 5001 });
  assert.deepEqual(step.sender.after.sndNxt, { offset: 5801 });
  assert.equal(step.faulty, false);
});

/** A client whose SYN carries 86 bytes of data (TCP Fast Open), to a server that listens. */
const TFO = [
  'endpoint client 10.0.0.1:50000',
  'endpoint server 10.0.0.2:80',
  'server listen',
  'client -> server SYN seq=1000 len=86',
];

test('TCP Fast Open: a SYN ACK that acknowledges the SYN and its data (RFC 7413 §4.2; RFC 9293 §3.4)', () => {
  const text = lines(
    ...TFO,
    'server -> client SYN ACK seq=5000 ack=1087',
    'client -> server ACK seq=1087 ack=5001',
    'client -> server PSH ACK seq=1087 ack=5001 len=10',
    'server -> client ACK seq=5001 ack=1097',
    'expect client ESTABLISHED',
    'expect server ESTABLISHED',
  );
  // Only the warning that data on a SYN needs TCP Fast Open.
  assert.deepEqual(codesAt(analyze(text)), ['HS305@4:18']);
});

test('a SYN ACK that acknowledges only the SYN: the client sends the data again (RFC 9293 §3.10.7.2)', () => {
  const text = lines(
    ...TFO,
    'server -> client SYN ACK seq=5000 ack=1001',
    'client -> server PSH ACK seq=1001 ack=5001 len=86',
    'server -> client ACK seq=5001 ack=1087',
  );
  assert.deepEqual(codesAt(analyze(text)), ['HS305@4:18', 'HS110@6:30']);
});

test('a SYN ACK that acknowledges part of the SYN data is wrong: the SYN, or the SYN and all its data', () => {
  const text = lines(...TFO, 'server -> client SYN ACK seq=5000 ack=1050');
  assert.deepEqual(codesAt(analyze(text), ['error']), ['HS101@5:39']);
});

test('a SYN with data to a closed port is refused by RST ACK ack=ISS+1+len, which its sender accepts (§3.10.7.1, §3.10.7.3)', () => {
  const text = lines(
    'endpoint client 10.0.0.1:50000',
    'endpoint server 10.0.0.2:80',
    'client -> server SYN seq=1000 len=86',
    'server -> client RST ACK seq=0 ack=1087',
    'expect client CLOSED',
  );
  assert.deepEqual(codesAt(analyze(text)), ['HS305@3:18']);
  // ack=ISS+1 does not acknowledge the data sent: a wrong reply, which SYN_SENT still accepts.
  const short = text.replace('ack=1087', 'ack=1001');
  assert.deepEqual(codesAt(analyze(short), ['error']), ['HS101@4:36']);
});

/**
 * A capture that starts after the handshake (the importer assumed it): the server advertises
 * `win=1`, 1 byte without window scaling, 16 KiB at the largest scale (2^14, RFC 7323 §2.3).
 * The SYNs were not seen, so the scale is unknown, and the engine drops only what lies past any
 * window `win=1` can mean.
 */
const WINDOW_1 = [
  'endpoint client 10.0.0.1:50000',
  'endpoint server 10.0.0.2:80',
  'server listen',
  'client -> server SYN seq=1000  # not in the capture: assumed',
  'server -> client SYN ACK seq=5000 ack=1001  # not in the capture: assumed',
  'client -> server ACK seq=1001 ack=5001  # not in the capture: assumed',
  'server -> client ACK seq=5001 ack=1001 win=1',
  'client -x server PSH ACK seq=1001 ack=5001 len=16384',
];

test('data past the right edge of any window the written win= can mean is dropped and acknowledged (RFC 9293 §3.10.7.4, first check)', () => {
  const text = lines(
    ...WINDOW_1,
    'client -> server PSH ACK seq=17385 ack=5001 len=100', // starts at RCV.NXT + 1 × 2^14
    'server -> client ACK seq=5001 ack=1001 win=1',
    'client -> server PSH ACK seq=1001 ack=5001 len=16384',
    'server -> client ACK seq=5001 ack=17385 win=1', // 17385.. was dropped, not queued
    'client -> server PSH ACK seq=17385 ack=5001 len=100',
    'server -> client ACK seq=5001 ack=17485 win=1',
  );
  assert.deepEqual(codesAt(analyze(text), ['error', 'warning']), []);
  const steps = analyze(text).trace.steps.filter((s): s is SegmentStep => s.kind === 'segment');
  assert.equal(steps[5]?.outcome, 'challenged');
  // `win=` matters: with win=2 (at most 32 KiB) the same segment is queued, and the ACK after
  // the retransmission covers it.
  const wide = text.replaceAll('win=1', 'win=2');
  const queued = analyze(wide).trace.steps.filter((s): s is SegmentStep => s.kind === 'segment');
  assert.equal(queued[5]?.outcome, 'queued');
  assert.deepEqual(codesAt(analyze(wide), ['error']), ['HS101@12:35']);
});

test('a small written window never drops data a scaled window takes: a capture with loss, win=502 at a shift of 7', () => {
  const text = lines(
    'endpoint client 10.0.0.1:50000',
    'endpoint server 10.0.0.2:80',
    'server listen',
    // The SYNs' capture annotations carry the shift (RFC 7323 §2.2): 502 << 7 = 64256 bytes.
    'client -> server SYN seq=1000 win=64240 # frame 1 t=0.000000 mss=1460 wscale=7',
    'server -> client SYN ACK seq=5000 ack=1001 win=65160 # frame 2 t=0.000050 mss=1460 wscale=7',
    'client -> server ACK seq=1001 ack=5001 win=502',
    'server -x client ACK seq=5001 ack=1001 win=509 len=1448',
    'server -> client ACK seq=6449 ack=1001 win=509 len=1448', // 1448 past RCV.NXT: queued
    'client -> server ACK seq=1001 ack=5001 win=502',
    'server -> client ACK seq=5001 ack=1001 win=509 len=1448',
    'client -> server ACK seq=1001 ack=7897 win=502', // both taken
  );
  assert.deepEqual(codesAt(analyze(text), ['error', 'warning']), []);
  const steps = analyze(text).trace.steps.filter((s): s is SegmentStep => s.kind === 'segment');
  assert.equal(steps[4]?.outcome, 'queued');
});

test('a zero window takes the ACK of a segment and drops its data (RFC 9293 §3.10.7.4)', () => {
  const text = lines(
    'endpoint client 10.0.0.1:50000',
    'endpoint server 10.0.0.2:80',
    'server listen',
    'client -> server SYN seq=1000',
    'server -> client SYN ACK seq=5000 ack=1001',
    'client -> server ACK seq=1001 ack=5001',
    'server -> client PSH ACK seq=5001 ack=1001 len=10 win=0',
    'client -> server PSH ACK seq=1001 ack=5011 len=1', // a zero-window probe
    'server -> client ACK seq=5011 ack=1001 win=0', // its byte is not taken
    'server -> client ACK seq=5011 ack=1001 win=1000', // the window opens
    'client -> server PSH ACK seq=1001 ack=5011 len=1',
    'server -> client ACK seq=5011 ack=1002 win=1000',
  );
  assert.deepEqual(codesAt(analyze(text), ['error', 'warning']), []);
  const probe = analyze(text).trace.steps.filter((s): s is SegmentStep => s.kind === 'segment')[4];
  assert.equal(probe?.outcome, 'challenged');
  // The ACK it carried was taken all the same: the server's data is acknowledged.
  assert.deepEqual(probe?.receiver.after.sndUna, { offset: 5011 });
});
