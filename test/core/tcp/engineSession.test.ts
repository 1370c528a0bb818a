import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFlagBits, TCP_FLAG } from '../../../src/core/protocol/tcpFlags';
import { parse } from '../../../src/core/syntax/parser';
import { EngineSession, type WireSegment } from '../../../src/core/tcp/engineSession';
import { simulate } from '../../../src/core/tcp/simulate';

const { SYN, ACK, FIN, RST } = TCP_FLAG;
const NAMES = ['client', 'server'] as const;

function wire(
  from: 0 | 1,
  flags: number,
  seq: number,
  ack = 0,
  len = 0,
  extra: { win?: number; lost?: boolean } = {},
): WireSegment {
  return { from, flags, seq, ack, len, win: extra.win ?? -1, ...extra };
}

/** The scenario text of `segments` after `server listen`, as the capture importer writes it. */
function scenarioOf(segments: readonly WireSegment[]): string {
  const lines = ['endpoint client', 'endpoint server', 'server listen'];
  for (const s of segments) {
    const fields = [`seq=${s.seq}`];
    if (s.flags & ACK) fields.push(`ack=${s.ack}`);
    if (s.win >= 0) fields.push(`win=${s.win}`);
    if (s.len > 0) fields.push(`len=${s.len}`);
    const arrow = s.lost ? '-x' : '->';
    lines.push(
      `${NAMES[s.from]} ${arrow} ${NAMES[1 - s.from]}  ${formatFlagBits(s.flags)}  ${fields.join(' ')}`,
    );
  }
  return lines.join('\n');
}

/** Per segment: [outcome, problems] as simulate() finds them over the whole text. */
function simulated(segments: readonly WireSegment[]): [string, string[]][] {
  const text = scenarioOf(segments);
  const { document } = parse(text);
  const { trace, diagnostics } = simulate(document);
  const statements = document.statements.filter((s) => s.kind === 'segment');
  return statements.map((statement) => {
    const step = trace.steps.find((s) => s.kind === 'segment' && s.statement === statement);
    const problems = diagnostics
      .filter((d) => d.span.start >= statement.start && d.span.start < statement.end)
      .map((d) => d.kind);
    return [step?.kind === 'segment' ? step.outcome : 'unsent', problems];
  });
}

/** Per segment: [outcome, problems] as a session fed one segment at a time finds them. */
function fed(segments: readonly WireSegment[]): [string, string[]][] {
  const session = new EngineSession(NAMES);
  session.listen(1);
  return segments.map((s) => {
    const step = session.segment(s);
    return [step.outcome === 'unsent' ? 'invalid' : step.outcome, [...step.problems]];
  });
}

const CASES: { name: string; segments: WireSegment[] }[] = [
  {
    name: 'a handshake, data both ways and a four-way close',
    segments: [
      wire(0, SYN, 100),
      wire(1, SYN | ACK, 300, 101),
      wire(0, ACK, 101, 301),
      wire(0, ACK, 101, 301, 10),
      wire(1, ACK, 301, 111, 20),
      wire(0, FIN | ACK, 111, 321),
      wire(1, FIN | ACK, 321, 112),
      wire(0, ACK, 112, 322),
    ],
  },
  {
    name: 'a lost segment, the next one queued out of order, then the resend',
    segments: [
      wire(0, SYN, 100),
      wire(1, SYN | ACK, 300, 101),
      wire(0, ACK, 101, 301),
      wire(0, ACK, 101, 301, 10, { lost: true }),
      wire(0, ACK, 111, 301, 10),
      wire(1, ACK, 301, 101),
      wire(0, ACK, 101, 301, 10),
      wire(1, ACK, 301, 121),
    ],
  },
  {
    name: 'a wrong ack, a reset, and a segment after it',
    segments: [
      wire(0, SYN, 100),
      wire(1, SYN | ACK, 300, 101),
      wire(0, ACK, 101, 305),
      wire(0, RST | ACK, 101, 301),
      wire(1, ACK, 301, 101, 5),
    ],
  },
  {
    name: 'data before the handshake completes',
    segments: [wire(0, SYN, 100), wire(0, ACK, 101, 0, 10)],
  },
];

for (const { name, segments } of CASES) {
  test(`fed one at a time, the engine says what a whole run says: ${name}`, () => {
    assert.deepEqual(fed(segments), simulated(segments));
  });
}

test('a session reads back each side’s numbers as they move', () => {
  const session = new EngineSession(NAMES);
  session.listen(1);
  session.segment(wire(0, SYN, 100));
  session.segment(wire(1, SYN | ACK, 300, 101));
  assert.deepEqual(session.numbers(0), {
    state: 'ESTABLISHED',
    sndUna: 101,
    sndNxt: 101,
    rcvNxt: 301,
  });
  session.segment(wire(0, ACK, 101, 301, 10));
  assert.equal(session.rcvNxt(1), 111);
  assert.equal(session.sndNxt(0), 111);
  assert.equal(session.numbers(1).state, 'ESTABLISHED');
});

test('an attempt answers as the segment would, and leaves the session as it was', () => {
  const session = new EngineSession(NAMES);
  session.listen(1);
  session.segment(wire(0, SYN, 100));
  session.segment(wire(1, SYN | ACK, 300, 101));
  session.segment(wire(0, ACK, 101, 301));
  session.segment(wire(0, ACK, 101, 301, 10, { lost: true }));
  const before = [session.numbers(0), session.numbers(1)];
  assert.deepEqual(session.attempt(wire(0, ACK, 111, 301, 10)), {
    outcome: 'queued',
    problems: ['OutOfOrder'],
  });
  assert.equal(session.attempt(wire(0, ACK, 101, 301, 10)).outcome, 'delivered');
  // RFC 5961 §3.2: a reset past RCV.NXT (the lost bytes) is challenged, not acted on.
  assert.equal(session.attempt(wire(0, RST | ACK, 111, 301)).outcome, 'challenged');
  assert.deepEqual([session.numbers(0), session.numbers(1)], before);
  assert.equal(session.segment(wire(0, ACK, 101, 301, 10)).outcome, 'delivered');
  assert.equal(session.rcvNxt(1), 111);
});

test('a closed endpoint cannot send: the outcome says so, with the diagnostic', () => {
  const session = new EngineSession(NAMES);
  const step = session.segment(wire(0, ACK, 1, 1));
  assert.equal(step.outcome, 'unsent');
  assert.deepEqual(step.problems, ['InvalidInState']);
});

test('a simultaneous block sends both FINs before either arrives', () => {
  const session = new EngineSession(NAMES);
  session.listen(1);
  session.segment(wire(0, SYN, 100));
  session.segment(wire(1, SYN | ACK, 300, 101));
  session.segment(wire(0, ACK, 101, 301));
  const steps = session.simultaneous([wire(0, FIN | ACK, 101, 301), wire(1, FIN | ACK, 301, 101)]);
  assert.deepEqual(
    steps.map((s) => [s.outcome, s.problems]),
    [
      ['delivered', []],
      ['delivered', []],
    ],
  );
  assert.equal(session.numbers(0).state, 'CLOSING');
  assert.equal(session.numbers(1).state, 'CLOSING');
});

test('read as sent, a wrong segment reaches its receiver as written (RFC 5961 §3.2)', () => {
  const handshake = [wire(0, SYN, 100), wire(1, SYN | ACK, 500, 101), wire(0, ACK, 101, 501)];
  // A reset 50 past RCV.NXT, inside the window: as a typo it is the reset at 101, which closes
  // the server; as sent the server answers with a challenge ACK and stays ESTABLISHED.
  const reset = wire(0, RST, 151);
  for (const [reading, outcome, state] of [
    ['intended', 'reset', 'CLOSED'],
    ['asSent', 'challenged', 'ESTABLISHED'],
  ] as const) {
    const session = new EngineSession(NAMES, reading);
    session.listen(1);
    for (const w of handshake) session.segment(w);
    const step = session.segment(reset);
    assert.equal(step.outcome, outcome, reading);
    assert.deepEqual(step.problems, ['ResetSeqNotAcceptable'], reading);
    assert.equal(session.numbers(1).state, state, reading);
  }
});
