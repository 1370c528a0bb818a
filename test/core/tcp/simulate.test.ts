import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { formatValue } from '../../../src/core/tcp/seqValue';
import type { SegmentStep } from '../../../src/core/tcp/trace';
import { codesAt, lines, OPEN } from '../../helpers';

/** `from:STATE to:STATE outcome` after each segment. */
function transitions(text: string): string[] {
  return analyze(text)
    .trace.steps.filter((s): s is SegmentStep => s.kind === 'segment')
    .map((s) => `${s.from}:${s.sender.after.state} ${s.to}:${s.receiver.after.state} ${s.outcome}`);
}

function clean(text: string): void {
  assert.deepEqual(codesAt(analyze(text), ['error', 'warning']), []);
}

function final(text: string): Record<string, string> {
  return Object.fromEntries(analyze(text).trace.finalStates);
}

test('the tcpdump trace: three-way handshake with absolute numbers', () => {
  const text = readFileSync('examples/tcpdump-handshake.handshake', 'utf8');
  clean(text);
  const steps = analyze(text).trace.steps.filter((s): s is SegmentStep => s.kind === 'segment');
  assert.deepEqual(transitions(text), [
    'client:SYN_SENT server:SYN_RECEIVED delivered',
    'server:SYN_RECEIVED client:ESTABLISHED delivered',
    'client:ESTABLISHED server:ESTABLISHED delivered',
    'client:ESTABLISHED server:ESTABLISHED delivered',
  ]);
  const [syn, synAck, , data] = steps;
  assert.equal(formatValue(syn?.sender.after.sndNxt ?? { offset: 0 }), '3626544837');
  assert.equal(formatValue(synAck?.expected.ack ?? { offset: 0 }), '3626544837');
  assert.equal(formatValue(data?.receiver.after.rcvNxt ?? { offset: 0 }), String(3626544837 + 18));
});

test('four-way close: FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, LAST_ACK, TIME_WAIT, then 2MSL', () => {
  const text = readFileSync('examples/four-way-close.handshake', 'utf8');
  clean(text);
  assert.deepEqual(transitions(text).slice(5), [
    'client:FIN_WAIT_1 server:CLOSE_WAIT delivered',
    'server:CLOSE_WAIT client:FIN_WAIT_2 delivered',
    'server:LAST_ACK client:TIME_WAIT delivered',
    'client:TIME_WAIT server:CLOSED delivered',
  ]);
  assert.deepEqual(final(text), { client: 'CLOSED', server: 'CLOSED' });
});

test('simultaneous open goes through SYN_RECEIVED on both sides', () => {
  const text = readFileSync('examples/simultaneous-open.handshake', 'utf8');
  clean(text);
  assert.deepEqual(transitions(text), [
    'a:SYN_SENT b:SYN_RECEIVED delivered',
    'b:SYN_SENT a:SYN_RECEIVED delivered',
    'a:SYN_RECEIVED b:ESTABLISHED delivered',
    'b:SYN_RECEIVED a:ESTABLISHED delivered',
  ]);
  const groups = analyze(text).trace.steps.map((s) => (s.kind === 'segment' ? s.group : undefined));
  assert.deepEqual(
    groups.filter((g) => g !== undefined),
    [1, 1, 2, 2],
  );
});

test('segments in a simultaneous block are all sent before any arrives', () => {
  const steps = analyze(readFileSync('examples/simultaneous-open.handshake', 'utf8')).trace.steps;
  const second = steps[1];
  // b sent its SYN while still CLOSED: a's SYN had not arrived yet.
  assert.ok(second?.kind === 'segment');
  assert.equal(second.sender.before.state, 'CLOSED');
});

test('simultaneous close passes through CLOSING to TIME_WAIT', () => {
  const text = readFileSync('examples/simultaneous-close.handshake', 'utf8');
  clean(text);
  assert.deepEqual(transitions(text).slice(3), [
    'client:FIN_WAIT_1 server:CLOSING delivered',
    'server:FIN_WAIT_1 client:CLOSING delivered',
    'client:CLOSING server:TIME_WAIT delivered',
    'server:CLOSING client:TIME_WAIT delivered',
  ]);
  assert.deepEqual(final(text), { client: 'CLOSED', server: 'CLOSED' });
});

test('half-close: data flows from CLOSE_WAIT to FIN_WAIT_2, and numbers wrap past 2^32', () => {
  const text = readFileSync('examples/half-close.handshake', 'utf8');
  clean(text);
  assert.deepEqual(final(text), { client: 'TIME_WAIT', server: 'CLOSED' });
});

test('wraparound: an ISS of 4294967295 is acknowledged with 0', () => {
  const text = lines(
    'endpoint a',
    'endpoint b',
    'b listen',
    'a -> b SYN seq=4294967295',
    'b -> a SYN ACK seq=7 ack=0',
    'a -> b PSH ACK seq=0 ack=8 len=4294',
    'b -> a ACK seq=8 ack=4294',
  );
  clean(text);
  const wrong = analyze(text.replace('ack=0', 'ack=4294967296'));
  assert.deepEqual(codesAt(wrong), ['HS303@5:26']);
});

test('connection refused: a SYN to a CLOSED endpoint is answered by RST ACK seq=0', () => {
  const text = readFileSync('examples/connection-refused.handshake', 'utf8');
  clean(text);
  assert.deepEqual(transitions(text), [
    'client:SYN_SENT server:CLOSED refused',
    'server:CLOSED client:CLOSED reset',
  ]);
});

test('a reset to an ACK sent to a listener carries seq = the ACK', () => {
  const text = lines('endpoint a', 'endpoint b', 'b listen', 'a -> b SYN seq=1', 'a close');
  clean(text);
  const stray = lines('endpoint a', 'endpoint b', 'b listen', 'let n = 5');
  clean(stray);
});

test('each segment that reaches a reset endpoint is answered by its own reset (RFC 9293 §3.10.7.1)', () => {
  // The client had three segments in flight when the server reset the connection: each one
  // arrives at a CLOSED server and gets a RST <SEQ=SEG.ACK>, one per segment.
  const text = lines(
    'endpoint client',
    'endpoint server',
    'server listen',
    'client -> server SYN seq=1000',
    'server -> client SYN ACK seq=5000 ack=1001',
    'client -> server ACK seq=1001 ack=5001',
    'simultaneous {',
    '  server -> client RST seq=5001',
    '  client -> server PSH ACK seq=1001 ack=5001 len=100',
    '  client -> server PSH ACK seq=1101 ack=5001 len=100',
    '  client -> server FIN ACK seq=1201 ack=5001',
    '}',
    'server -> client RST seq=5001',
    'server -> client RST seq=5001',
    'server -> client RST seq=5001',
  );
  clean(text);
  // A fourth has nothing left to answer.
  assert.deepEqual(
    codesAt(analyze(lines(text, 'server -> client RST seq=5001'))).map((c) => c.split('@')[0]),
    ['HS201'],
  );
});

test('going on as if a refused SYN had been accepted is one mistake, not a cascade', () => {
  const text = lines(
    'endpoint client',
    'endpoint server',
    'client -> server SYN seq=x',
    'server -> client SYN ACK seq=y ack=x+1',
    'client -> server ACK seq=x+1 ack=y+1',
    'expect server ESTABLISHED',
  );
  assert.deepEqual(codesAt(analyze(text)), ['HS205@4:18']);
  const fix = analyze(text).diagnostics[0]?.fix;
  assert.equal(fix?.edits[0]?.newText, 'server listen\n');
  assert.equal(fix?.title, 'Let server listen before the SYN');
});

test('a lost segment changes the sender but not the receiver', () => {
  const text = lines(...OPEN, 'client -x server FIN ACK seq=x+1 ack=y+1');
  assert.deepEqual(transitions(text).at(-1), 'client:FIN_WAIT_1 server:ESTABLISHED lost');
});

test('a lost segment is retransmitted and fills the gap; the queue drains', () => {
  const text = readFileSync('examples/lost-segment.handshake', 'utf8');
  clean(text);
  assert.deepEqual(
    transitions(text)
      .slice(3)
      .map((t) => t.split(' ')[2]),
    ['lost', 'queued', 'delivered', 'delivered', 'delivered'],
  );
  const last = analyze(text)
    .trace.steps.filter((s) => s.kind === 'segment')
    .at(-2);
  assert.ok(last?.kind === 'segment');
  assert.equal(formatValue(last.receiver.after.rcvNxt ?? { offset: 0 }), '1201');
});

test('a lost SYN ACK is retransmitted with the same ISS', () => {
  const text = lines(
    'endpoint a',
    'endpoint b',
    'b listen',
    'a -> b SYN seq=x',
    'b -x a SYN ACK seq=y ack=x+1',
    'b -> a SYN ACK seq=y ack=x+1',
    'a -> b ACK seq=x+1 ack=y+1',
    'expect a ESTABLISHED',
    'expect b ESTABLISHED',
  );
  clean(text);
});

test('a lost third ACK: the first data segment completes the handshake', () => {
  const text = lines(
    ...OPEN.slice(0, 5),
    'client -x server ACK seq=x+1 ack=y+1',
    'expect server SYN_RECEIVED',
    'client -> server PSH ACK seq=x+1 ack=y+1 "hi"',
    'expect server ESTABLISHED',
  );
  clean(text);
});

test('a retransmitted FIN in TIME_WAIT is a duplicate and is acknowledged again', () => {
  const text = lines(
    ...OPEN,
    'client -> server FIN ACK seq=x+1 ack=y+1',
    'server -> client ACK seq=y+1 ack=x+2',
    'server -> client FIN ACK seq=y+1 ack=x+2',
    'client -x server ACK seq=x+2 ack=y+2',
    'server -> client FIN ACK seq=y+1 ack=x+2',
    'client -> server ACK seq=x+2 ack=y+2',
    'expect client TIME_WAIT',
    'expect server CLOSED',
  );
  clean(text);
  assert.deepEqual(transitions(text).at(-2), 'server:LAST_ACK client:TIME_WAIT duplicate');
});

/** Scenarios that leave `server` in each state, with the values a reset from the client needs. */
const REACH: Record<string, { lines: string[]; rst: string; after: string }> = {
  SYN_RECEIVED: { lines: OPEN.slice(0, 5), rst: 'RST seq=x+1', after: 'LISTEN' },
  ESTABLISHED: { lines: OPEN, rst: 'RST seq=x+1', after: 'CLOSED' },
  CLOSE_WAIT: {
    lines: [...OPEN, 'client -> server FIN ACK seq=x+1 ack=y+1'],
    rst: 'RST seq=x+2',
    after: 'CLOSED',
  },
  FIN_WAIT_1: {
    lines: [...OPEN, 'server -> client FIN ACK seq=y+1 ack=x+1'],
    rst: 'RST seq=x+1',
    after: 'CLOSED',
  },
  FIN_WAIT_2: {
    lines: [
      ...OPEN,
      'server -> client FIN ACK seq=y+1 ack=x+1',
      'client -> server ACK seq=x+1 ack=y+2',
    ],
    rst: 'RST seq=x+1',
    after: 'CLOSED',
  },
  LAST_ACK: {
    lines: [
      ...OPEN,
      'client -> server FIN ACK seq=x+1 ack=y+1',
      'server -> client FIN ACK seq=y+1 ack=x+2',
    ],
    rst: 'RST seq=x+2',
    after: 'CLOSED',
  },
  CLOSING: {
    lines: [
      ...OPEN,
      'simultaneous {',
      'server -> client FIN ACK seq=y+1 ack=x+1',
      'client -> server FIN ACK seq=x+1 ack=y+1',
      '}',
    ],
    rst: 'RST seq=x+2',
    after: 'CLOSED',
  },
};

/** Server in TIME_WAIT: its peer is CLOSED by then, so no reset can come from it. */
const TIME_WAIT = {
  lines: [
    ...OPEN,
    'server -> client FIN ACK seq=y+1 ack=x+1',
    'client -> server FIN ACK seq=x+1 ack=y+2',
    'server -> client ACK seq=y+2 ack=x+2',
  ],
};

for (const [state, reach] of Object.entries(REACH)) {
  test(`a reset from the peer takes ${state} to ${reach.after}`, () => {
    const text = lines(
      ...reach.lines,
      `expect server ${state}`,
      `client -> server ${reach.rst}`,
      `expect server ${reach.after}`,
    );
    clean(text);
  });
}

test('a reset in SYN_SENT is accepted when it acknowledges the SYN', () => {
  clean(
    lines(
      'endpoint a',
      'endpoint b',
      'a -> b SYN seq=1',
      'b -> a RST ACK seq=0 ack=2',
      'expect a CLOSED',
    ),
  );
});

test('sending a reset closes the sender in every synchronized state', () => {
  for (const [state, reach] of Object.entries(REACH)) {
    if (state === 'SYN_RECEIVED') continue;
    const analysis = analyze(lines(...reach.lines, `expect server ${state}`));
    const server = analysis.trace.steps.filter((s) => s.kind === 'segment').at(-1);
    assert.ok(server?.kind === 'segment');
    const sndNxt = state === 'ESTABLISHED' || state === 'CLOSE_WAIT' ? 'y+1' : 'y+2';
    const text = lines(
      ...reach.lines,
      `server -> client RST seq=${sndNxt}`,
      'expect server CLOSED',
    );
    clean(text);
  }
});

test('TIME_WAIT lasts until wait 2MSL', () => {
  const text = lines(
    ...TIME_WAIT.lines,
    'expect server TIME_WAIT',
    'wait 2MSL',
    'expect server CLOSED',
    'expect client CLOSED',
  );
  clean(text);
});

test('listen and close: LISTEN back to CLOSED', () => {
  clean(lines('endpoint s', 's listen', 'expect s LISTEN', 's close', 'expect s CLOSED'));
});

test('every statement yields a step, in order', () => {
  const analysis = analyze(readFileSync('examples/four-way-close.handshake', 'utf8'));
  const kinds = analysis.trace.steps.map((s) => s.kind);
  assert.equal(kinds.filter((k) => k === 'segment').length, 9);
  assert.equal(kinds.filter((k) => k === 'expect').length, 7);
  assert.deepEqual(kinds.slice(0, 2), ['listen', 'segment']);
});

test('after its FIN an endpoint cannot slip new data in with an old seq', () => {
  const text = lines(
    ...OPEN,
    'client -> server FIN ACK seq=x+1 ack=y+1',
    'client -> server PSH ACK seq=x ack=y+1 len=5',
  );
  assert.deepEqual(codesAt(analyze(text), ['error', 'warning']), ['HS206@8:18']);
  assert.deepEqual(final(text), { client: 'FIN_WAIT_1', server: 'CLOSE_WAIT' });
});

test('after its FIN is acknowledged, an old seq does not make a second FIN', () => {
  const text = lines(
    ...OPEN,
    'client -> server FIN ACK seq=x+1 ack=y+1',
    'server -> client ACK seq=y+1 ack=x+2',
    'client -> server FIN ACK seq=x+1 ack=y+1',
    'server -> client FIN ACK seq=y+1 ack=x+2',
    'client -> server ACK seq=x+2 ack=y+2',
  );
  // Sending an acknowledged FIN again is one mistake; it does not become a second FIN at x+2.
  assert.deepEqual(codesAt(analyze(text), ['error', 'warning']), ['HS204@9:18']);
  assert.deepEqual(final(text), { client: 'TIME_WAIT', server: 'CLOSED' });
});

test('data on a SYN is not acknowledged by the SYN ACK (§3.10.7.2)', () => {
  const text = lines(
    'endpoint client',
    'endpoint server',
    'server listen',
    'client -> server SYN seq=x "hello"',
    'server -> client SYN ACK seq=y ack=x+1',
  );
  assert.deepEqual(codesAt(analyze(text)), ['HS305@4:18']);
});

test('SYN_SENT answers an unacceptable ACK with RST seq=SEG.ACK and stays SYN_SENT (§3.10.7.3)', () => {
  const text = lines(
    'endpoint a',
    'endpoint b',
    'b listen',
    'a -> b SYN seq=100',
    'b -> a SYN ACK seq=300 ack=101',
    'a -> b ACK seq=101 ack=301',
    'a -x b RST seq=101', // a crashes: b does not hear of it (half-open, RFC 9293 Figure 10)
    'a -> b SYN seq=400',
    'b -> a ACK seq=301 ack=101',
    'a -> b RST seq=101',
    'expect a SYN_SENT',
    'expect b CLOSED',
  );
  assert.deepEqual(codesAt(analyze(text), ['error', 'warning']), []);
});

test('an abort in SYN_SENT sends no reset (§3.10.5)', () => {
  const text = lines('endpoint a', 'endpoint b', 'a -> b SYN seq=1', 'a -> b RST seq=2');
  assert.deepEqual(codesAt(analyze(text)), ['HS201@4:8']);
});

test('a segment from a third endpoint is not taken into a connection', () => {
  const text = lines(
    'endpoint a',
    'endpoint b',
    'endpoint c',
    'b listen',
    'a -x b SYN seq=100',
    'c -> a SYN seq=7',
    'expect a SYN_SENT',
  );
  assert.deepEqual(codesAt(analyze(text), ['error']), []);
  const retransmitElsewhere = lines(
    'endpoint a',
    'endpoint b',
    'endpoint c',
    'a -x b SYN seq=100',
    'a -> c SYN seq=100',
  );
  assert.deepEqual(codesAt(analyze(retransmitElsewhere)), ['HS211@5:6']);
});

test('a retransmission names the segment that first carried those bytes', () => {
  const text = lines(
    ...OPEN,
    'client -> server PSH ACK seq=x+1 ack=y+1 len=10',
    'client -x server PSH ACK seq=x+11 ack=y+1 len=10',
    'client -> server PSH ACK seq=x+11 ack=y+1 len=10',
  );
  const retransmission = analyze(text).diagnostics.find((d) => d.code === 'HS110');
  assert.match(retransmission?.message ?? '', /first sent at line 8\./);
});

test('a reset answer without ACK is carried as RST ACK in the trace, consistently', () => {
  const analysis = analyze(
    lines('endpoint a', 'endpoint b', 'a -> b SYN seq=x', 'b -> a RST seq=0'),
  );
  const reset = analysis.trace.steps.at(-1);
  assert.ok(reset?.kind === 'segment');
  assert.deepEqual([...reset.flags].sort(), ['ACK', 'RST']);
  assert.equal(reset.outcome, 'reset');
});

test('a reply to a segment after an abort says there is no connection, not that it never listened', () => {
  const text = lines(
    ...OPEN,
    'server -x client RST seq=y+1',
    'client -> server PSH ACK seq=x+1 ack=y+1 "hi"',
    'server -> client ACK seq=y+1 ack=x+3',
  );
  const [d] = analyze(text).diagnostics;
  assert.equal(d?.code, 'HS205');
  assert.match(
    d?.message ?? '',
    /server has no connection with client, .* server -> client RST seq=y\+1\.$/,
  );
  assert.equal(d?.fix?.edits[0]?.newText, 'RST seq=y+1');
});

test('"+1" is only suggested where a SYN or FIN set the number', () => {
  const text = lines(
    ...OPEN,
    'client -> server PSH ACK seq=x+1 ack=y+1 len=5',
    'server -> client ACK seq=y+1 ack=x+5',
  );
  const [d] = analyze(text).diagnostics;
  assert.equal(d?.code, 'HS101');
  assert.doesNotMatch(d?.message ?? '', /forget the \+1/);
});

test('a scenario with Chinese names checks as the English one does', () => {
  const text = [
    'scenario "三次握手"',
    'endpoint 客户端 192.168.1.116:3337',
    'endpoint 服务器',
    '服务器 listen',
    '客户端 -> 服务器  SYN      seq=x',
    '服务器 -> 客户端  SYN ACK  seq=y    ack=x+1',
    '客户端 -> 服务器  ACK      seq=x+1  ack=y+1',
    'expect 客户端 ESTABLISHED',
  ].join('\n');
  const analysis = analyze(text);
  assert.deepEqual(analysis.diagnostics, []);
  assert.deepEqual(
    [...analysis.trace.finalStates],
    [
      ['客户端', 'ESTABLISHED'],
      ['服务器', 'ESTABLISHED'],
    ],
  );
  const wrong = analyze(text.replace('ack=x+1', 'ack=x'));
  assert.deepEqual(
    wrong.diagnostics.map((d) => d.code),
    ['HS101'],
  );
  assert.match(wrong.diagnostics[0]?.message ?? '', /the SYN 客户端 sent at line 5/);
});

test('textbook notation: SYN/ACK, SYN-ACK and flags written as bits (SYN=1 ACK=1) read as SYN ACK', () => {
  const open = (synAck: string) =>
    analyze(
      lines(
        'endpoint client',
        'endpoint server',
        'server listen',
        'client -> server SYN=1 seq=x',
        `server -> client ${synAck}`,
        'client -> server ACK seq=x+1 ack=y+1',
      ),
    );
  for (const synAck of [
    'SYN/ACK seq=y ack=x+1',
    'SYN-ACK seq=y ack=x+1',
    'SYN=1 ACK=1 seq=y ack=x+1',
    'ACK=1 SYN=1 FIN=0 seq=y ack=x+1',
  ]) {
    const analysis = open(synAck);
    assert.deepEqual(analysis.diagnostics, [], synAck);
    assert.deepEqual(Object.fromEntries(analysis.trace.finalStates), {
      client: 'ESTABLISHED',
      server: 'ESTABLISHED',
    });
  }
  // In capitals with a number other than 0 or 1, or alone, ACK= is still the ack field.
  assert.deepEqual(open('SYN ACK seq=y ACK=x+1').diagnostics, []);
});
