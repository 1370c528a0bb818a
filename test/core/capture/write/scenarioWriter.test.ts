import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importCapture } from '../../../../src/core/capture/write/importCapture';
import { analyze } from '../../../../src/core/analysis/analyze';
import { Conversation, pcapFile } from '../../../support/pcapWriter';

function imported(c: Conversation): string {
  const result = importCapture(() => [pcapFile(c.segments)]);
  assert.ok(result.ok);
  return result.text;
}

function errors(text: string): string[] {
  return analyze(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.code);
}

function conversation(): Conversation {
  return new Conversation([
    { ip: '10.0.0.1', port: 50000 },
    { ip: '10.0.0.2', port: 80 },
  ]).handshake();
}

test('a SYN while both ends are synchronized: challenged, and the same connection goes on', () => {
  const c = conversation();
  c.emit(0, 'PA', 100);
  c.emit(1, 'A', 0);
  // RFC 5961 §4.2: the server answers a SYN on its established connection with an ACK of its
  // current numbers; the connection goes on. Wireshark starts a new stream at the SYN.
  c.emit(0, 'S', 0, { seq: 500 }); // below SND.NXT: the builder's numbers stay
  c.emit(1, 'A', 0);
  c.emit(0, 'FA', 0);
  c.emit(1, 'FA', 0);
  c.emit(0, 'A', 0);
  const text = imported(c);
  assert.match(text, /2 TCP connections/);
  assert.doesNotMatch(text, /^# Connection 2/m);
  assert.deepEqual(errors(text), ['HS203']);
});

test('a SYN after the connection closed opens a new one on the same ports', () => {
  const c = conversation();
  c.emit(0, 'FA', 0);
  c.emit(1, 'FA', 0);
  c.emit(0, 'A', 0);
  const again = new Conversation(c.ends, [90_000, 7000], c.time + 1).handshake();
  c.segments.push(...again.segments);
  const text = imported(c);
  assert.match(text, /^# Connection 2 \(reuses the ports of connection 1\)/m);
  assert.match(text, /^server2 listen/m);
  assert.deepEqual(errors(text), []);
});

test('a new handshake on the ports of a connection whose close the capture missed: a new connection', () => {
  const c = conversation();
  c.emit(0, 'PA', 100);
  c.emit(1, 'PA', 200);
  c.emit(0, 'A', 0);
  // The close is not in the capture (an idle timeout in a middlebox, a close on another path):
  // the engine still has both ends ESTABLISHED, but the server answers the SYN with a SYN ACK.
  const again = new Conversation(c.ends, [900_000, 70_000], c.time + 120).handshake();
  again.emit(0, 'PA', 50);
  again.emit(1, 'PA', 80);
  again.emit(0, 'FA', 0);
  again.emit(1, 'FA', 0);
  again.emit(0, 'A', 0);
  c.segments.push(...again.segments);
  const text = imported(c);
  assert.match(text, /^# Connection 2 \(reuses the ports of connection 1\)/m);
  assert.deepEqual(errors(text), []);
});
