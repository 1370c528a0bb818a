import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { parseCondition } from '../../../src/core/debug/condition';
import { DebugTrace } from '../../../src/core/debug/debugTrace';
import { formatValue, type SeqValue } from '../../../src/core/tcp/seqValue';
import { lines } from '../../helpers';

function traceOf(text: string): DebugTrace {
  return new DebugTrace(text, analyze(text));
}

function example(name: string): DebugTrace {
  return traceOf(readFileSync(`examples/${name}.handshake`, 'utf8'));
}

const show = (v: SeqValue | undefined) => (v ? formatValue(v) : undefined);

/** The stop on 1-based line `line`. */
function stopOn(trace: DebugTrace, line: number): number {
  const stop = trace.stops.find((s) => s.line === line - 1);
  assert.ok(stop, `a stop on line ${line}`);
  return stop.index;
}

function holds(trace: DebugTrace, index: number, condition: string) {
  const read = parseCondition(condition);
  assert.ok(read.ok, condition);
  return trace.evaluate(index, read.value);
}

test('one stop per step, on its line, labelled with the statement as written', () => {
  const trace = example('tcpdump-handshake');
  assert.deepEqual(
    trace.stops.map((s) => [s.line + 1, s.label.split(' ').slice(0, 4).join(' ')]),
    [
      [7, 'server listen'],
      [8, 'client -> server SYN'],
      [9, 'server -> client SYN'],
      [10, 'client -> server ACK'],
      [11, 'client -> server PSH'],
      [12, 'expect client ESTABLISHED'],
      [13, 'expect server ESTABLISHED'],
    ],
  );
});

test('after the SYN the client is SYN_SENT with SND.NXT = ISS+1 and the server SYN_RECEIVED', () => {
  const trace = example('tcpdump-handshake');
  const syn = stopOn(trace, 8);
  const client = trace.tcp(syn, 'client');
  assert.equal(client.state, 'SYN_SENT');
  assert.equal(show(client.iss), '3626544836');
  assert.equal(show(client.sndNxt), '3626544837');
  assert.equal(trace.tcp(syn, 'server').state, 'SYN_RECEIVED');
  assert.equal(show(trace.tcp(syn, 'server').rcvNxt), '3626544837');
  // Before it, after `server listen`: the client has not started, the server listens.
  assert.equal(trace.tcp(syn - 1, 'client').state, 'CLOSED');
  assert.equal(trace.tcp(syn - 1, 'server').state, 'LISTEN');
});

test('conditions read the variables at a stop', () => {
  const trace = example('https-rsa');
  const syn = stopOn(trace, 16);
  assert.deepEqual(holds(trace, syn, 'client.SND.NXT == x+1'), { ok: true, value: true });
  assert.deepEqual(holds(trace, syn, 'client.state == SYN_SENT && server.state == syn_received'), {
    ok: true,
    value: true,
  });
  assert.deepEqual(holds(trace, syn, 'client.snd_nxt - client.ISS == 1'), {
    ok: true,
    value: true,
  });
  assert.deepEqual(holds(trace, syn, 'client.RCV.NXT == y'), { ok: true, value: false });
  assert.deepEqual(holds(trace, syn, 'from == client'), { ok: true, value: true });
});

test('seq != expected holds on a segment whose written seq is wrong', () => {
  const text = lines(
    'endpoint a 10.0.0.1:1',
    'endpoint b 10.0.0.2:2',
    'b listen',
    'a -> b SYN seq=100',
    'b -> a SYN ACK seq=500 ack=101',
    'a -> b ACK seq=105 ack=501',
  );
  const trace = traceOf(text);
  assert.deepEqual(holds(trace, stopOn(trace, 6), 'seq != expected'), { ok: true, value: true });
  assert.deepEqual(holds(trace, stopOn(trace, 5), 'seq != expected'), { ok: true, value: false });
});

test('a condition that cannot be evaluated is an error value', () => {
  const trace = example('tcpdump-handshake');
  assert.deepEqual(holds(trace, 1, 'nobody.state == CLOSED'), {
    ok: false,
    error: { kind: 'unknownName', name: 'nobody.state' },
  });
  assert.deepEqual(holds(trace, 1, 'client.state == 3'), {
    ok: false,
    error: { kind: 'mismatch', left: 'word', right: 'number' },
  });
  assert.deepEqual(holds(trace, 1, 'client.SND.NXT'), { ok: false, error: { kind: 'notBoolean' } });
});

test('an unset variable makes a comparison false: it is neither equal, nor different, nor before', () => {
  const trace = example('tcpdump-handshake');
  assert.deepEqual(holds(trace, 0, 'client.SND.NXT == 0'), { ok: true, value: false });
  assert.deepEqual(holds(trace, 0, 'client.SND.NXT != 0'), { ok: true, value: false });
  assert.deepEqual(holds(trace, 0, 'client.SND.NXT == client.ISS'), { ok: true, value: true });
  assert.deepEqual(holds(trace, 0, 'client.SND.NXT < 5'), { ok: true, value: false });
});

test('in flight: the segments sent and not yet acknowledged, as the timeline table counts them', () => {
  const trace = example('reordering');
  const d2 = stopOn(trace, 18); // deliver d2: d1, d2 and d3 sent, none acknowledged
  assert.deepEqual(
    trace.tcp(d2, 'client').inFlight.map((s) => show(s.seq)),
    ['1001', '1101', '1201'],
  );
  assert.equal(show(trace.tcp(d2, 'client').sndNxt), '1301');
  assert.deepEqual(holds(trace, d2, 'client.inFlight == 3'), { ok: true, value: true });
  // ack=1201 (line 21) acknowledges d1 and d2; ack=1301 (line 24) d3.
  assert.deepEqual(
    trace.tcp(stopOn(trace, 23), 'client').inFlight.map((s) => show(s.seq)),
    ['1201'],
  );
  assert.equal(trace.tcp(stopOn(trace, 24), 'client').inFlight.length, 0);
  // Stepping back gives the same answers as stepping forward.
  assert.equal(trace.tcp(d2, 'client').inFlight.length, 3);
});

test('windows as written: RCV.WND the last win= sent, SND.WND the last one received', () => {
  const text = lines(
    'endpoint a 10.0.0.1:1',
    'endpoint b 10.0.0.2:2',
    'b listen',
    'a -> b SYN seq=100 win=1000',
    'b -> a SYN ACK seq=500 ack=101 win=2000',
  );
  const trace = traceOf(text);
  const synAck = stopOn(trace, 5);
  assert.equal(trace.tcp(synAck, 'a').rcvWnd, 1000);
  assert.equal(trace.tcp(synAck, 'a').sndWnd, 2000);
  assert.equal(trace.tcp(synAck, 'b').rcvWnd, 2000);
  assert.equal(trace.tcp(synAck, 'b').sndWnd, 1000);
});

test('TLS knowledge: only client and server know the premaster after the ClientKeyExchange', () => {
  const trace = example('https-rsa');
  const before = stopOn(trace, 23); // ServerHelloDone
  const after = stopOn(trace, 24); // ClientKeyExchange
  assert.deepEqual(trace.tls(before, 'client')?.premaster, []);
  assert.deepEqual(trace.tls(after, 'client')?.premaster, ['pm']);
  assert.deepEqual(trace.tls(after, 'server')?.premaster, ['pm']);
  assert.deepEqual(trace.tls(after, 'client')?.randoms, ['r1', 'r2']);
  assert.deepEqual(trace.tls(after, 'client')?.masterSecret, ['master(pm, r1, r2)']);
  assert.deepEqual(trace.tls(after, 'server')?.privateKeys, ['bank_key (private)']);
  assert.deepEqual(
    trace.tls(after, 'client')?.certificatesVerified.map((c) => c.cert),
    ['bank_cert'],
  );
  assert.equal(trace.tls(stopOn(trace, 16), 'client'), undefined);
});

test('TLS 1.3: key shares and handshake keys', () => {
  const trace = example('tls13');
  const last = trace.stops.length - 1;
  const client = trace.tls(last, 'client');
  assert.ok(client);
  assert.ok(client.keyShares.length > 0);
  assert.equal(client.keys.length, 1);
  assert.ok(client.keys[0]?.startsWith('keys('));
});

test('the steps with an error diagnostic are marked', () => {
  const trace = example('mistakes');
  const first = trace.stops.find((s) => s.hasError);
  assert.equal(first?.line, 8 - 1); // the SYN ACK that does not count the SYN
});
