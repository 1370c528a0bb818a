import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importCapture } from '../../../../src/core/capture/write/importCapture';
import { analyze } from '../../../../src/core/analysis/analyze';
import { Conversation, pcapFile } from '../../../support/pcapWriter';
import { fixture } from '../support';

function importOf(c: Conversation): string {
  const bytes = pcapFile(c.segments);
  const result = importCapture(() => [bytes]);
  assert.ok(result.ok);
  return result.text;
}

/** Engine problems only (HS7xx are Wireshark's notes about the capture, not the engine's). */
function engineProblems(text: string): string[] {
  return analyze(text)
    .diagnostics.filter((d) => d.severity !== 'info' && !d.code.startsWith('HS7'))
    .map((d) => `${d.code} ${d.message}`);
}

function conversation(): Conversation {
  return new Conversation([
    { ip: '10.0.0.1', port: 50000 },
    { ip: '10.0.0.2', port: 80 },
  ]).handshake();
}

test("data that crossed the peer's data is written as a simultaneous block and checks clean", () => {
  const c = conversation();
  const server = c.seqOf(1);
  c.emit(0, 'PA', 100); // the client's request...
  c.emit(1, 'PA', 50, { ack: c.seqOf(0) - 100 }); // ...crossed the server's greeting
  c.emit(1, 'A', 0);
  c.emit(0, 'A', 0, { ack: server + 50 });
  const text = importOf(c);
  assert.match(
    text,
    /^simultaneous \{\n +client -> server +PSH ACK .*\n +server -> client +PSH ACK .*\n\}$/m,
  );
  assert.deepEqual(engineProblems(text), []);
});

test('a bulk transfer seen at the sender: ACKs that left before the later data arrived are placed before it', () => {
  const c = conversation();
  const start = c.seqOf(1);
  for (let i = 0; i < 4; i++) c.emit(1, 'A', 1000);
  c.emit(0, 'A', 0, { ack: start + 1000 });
  c.emit(0, 'A', 0, { ack: start + 2000 });
  c.emit(1, 'A', 1000);
  c.emit(0, 'A', 0, { ack: start + 4000 });
  c.emit(0, 'A', 0, { ack: start + 5000 });
  const text = importOf(c);
  assert.doesNotMatch(text, /simultaneous/);
  // The ACK of the first data (frame 8) goes before the data it did not see yet (frame 5).
  assert.ok(text.indexOf('# frame 8 ') < text.indexOf('# frame 5 '));
  assert.deepEqual(engineProblems(text), []);
  // The analysis still runs in capture order: nothing to report on this clean transfer.
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    [],
  );
});

test('a simultaneous close: the FINs cross', () => {
  const c = conversation();
  c.emit(0, 'FA', 0);
  c.emit(1, 'FA', 0, { ack: c.seqOf(0) - 1 });
  c.emit(0, 'A', 0);
  c.emit(1, 'A', 0);
  const text = importOf(c);
  assert.match(
    text,
    /^simultaneous \{\n +client -> server +FIN ACK .*\n +server -> client +FIN ACK/m,
  );
  assert.deepEqual(engineProblems(text), []);
});

test('traffic on loopback never needs a block', () => {
  for (const name of ['http.pcap', 'tls12.pcap', 'tls13.pcap', 'http6.pcapng']) {
    const bytes = fixture(name);
    const result = importCapture(() => [bytes]);
    assert.ok(result.ok);
    assert.doesNotMatch(result.text, /simultaneous/, name);
  }
});

test("a reset waits for its own connection's crossings, however busy the capture is", () => {
  const a = conversation();
  const b = new Conversation([
    { ip: '10.0.0.3', port: 50001 },
    { ip: '10.0.0.2', port: 80 },
  ]);
  a.emit(0, 'RA', 0); // the client aborts...
  const reset = a.segments.length;
  b.time = a.time;
  b.handshake(); // ...another connection's packets are captured...
  a.time = b.time;
  a.emit(1, 'PA', 20); // ...and then the server's data, sent before the reset arrived
  const segments = [...a.segments.slice(0, reset), ...b.segments, ...a.segments.slice(reset)];
  const result = importCapture(() => [pcapFile(segments)]);
  assert.ok(result.ok);
  // The data crossed the reset: both are sent before either arrives, and the server never
  // sends from CLOSED (HS201).
  assert.match(
    result.text,
    /^simultaneous \{\n +client1 -> server1 +RST ACK .*\n +server1 -> client1 +PSH ACK .*\n\}$/m,
  );
  assert.deepEqual(engineProblems(result.text), []);
});

test('a bare reset answers the data captured before it: written after it, not crossing it', () => {
  // The server closes; the client reads the FIN, then sends "bye"; the server's kernel answers
  // with <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.1, §3.10.7.4).
  const c = conversation();
  c.emit(1, 'FA', 0);
  c.emit(0, 'A', 0);
  c.emit(0, 'PA', 4);
  c.emit(1, 'R', 0);
  const text = importOf(c);
  assert.doesNotMatch(text, /simultaneous/);
  assert.match(text, /^client -> server +PSH ACK .*len=4.*\nserver -> client +RST +seq=/m);
  assert.deepEqual(engineProblems(text), []);
  // The same on a real loopback capture (fixtures/mitm-real/make.sh, reset-answers-bye).
  const bytes = fixture('mitm-real/reset-answers-bye.pcap');
  const real = importCapture(() => [bytes]);
  assert.ok(real.ok);
  assert.match(real.text, /^client -> server +PSH ACK .*"bye".*\nserver -> client +RST +seq=/m);
  assert.deepEqual(engineProblems(real.text), []);
});

test('a recovery with two holes: each partial ack stops at the next hole, which was lost', () => {
  // Captured at the sender: six segments, the 2nd and 4th lost after the capture point; three
  // duplicate ACKs, the fast retransmission of the 2nd, a partial ack up to the 4th (RFC 6582),
  // its resend, and an ack of all six.
  const c = conversation();
  const s = c.seqOf(0);
  for (let i = 0; i < 6; i++) c.emit(0, 'A', 100);
  for (let i = 0; i < 3; i++) c.emit(1, 'A', 0, { ack: s + 100 });
  c.emit(0, 'A', 100, { seq: s + 100 });
  c.emit(1, 'A', 0, { ack: s + 300 });
  c.emit(0, 'A', 100, { seq: s + 300 });
  c.emit(1, 'A', 0, { ack: s + 600 });
  for (let i = 0; i < 3; i++) {
    c.emit(0, 'A', 100);
    c.emit(1, 'A', 0);
  }
  c.emit(0, 'FA', 0);
  c.emit(1, 'FA', 0);
  c.emit(0, 'A', 0);
  const text = importOf(c);
  assert.match(text, /^client -x server .*# frame 5 .*resent in frame 13$/m);
  assert.match(text, /^client -x server .*# frame 7 .*the ack in frame 14 stops at its seq$/m);
  assert.deepEqual(engineProblems(text), []);
  // Nothing waits for the end: the partial ack (frame 14) comes before the later round trips.
  assert.ok(text.indexOf('# frame 14 ') < text.indexOf('# frame 17 '));
});
