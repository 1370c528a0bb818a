import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importCapture } from '../../../../src/core/capture/write/importCapture';
import { analyze } from '../../../../src/core/analysis/analyze';
import { Conversation, pcapFile } from '../../../support/pcapWriter';
import { word } from '../../../../src/core/text/words';

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

/** `count` connections that all send their SYN first, then each finishes its handshake and close. */
function allOpenAtOnce(count: number): Uint8Array {
  const conversations = Array.from(
    { length: count },
    (_, i) =>
      new Conversation(
        [
          { ip: '10.0.0.1', port: 50000 + i },
          { ip: '10.0.0.2', port: 80 },
        ],
        [1000 + i * 100_000, 5000 + i * 100_000],
        1_700_000_000 + i,
      ),
  );
  for (const c of conversations) c.emit(0, 'S', 0);
  for (const c of conversations) {
    c.emit(1, 'SA', 0);
    c.emit(0, 'A', 0);
    c.emit(0, 'FA', 0);
    c.emit(1, 'FA', 0);
    c.emit(0, 'A', 0);
  }
  const firsts = conversations.map((c) => c.segments[0]);
  const rests = conversations.flatMap((c) => c.segments.slice(1));
  return pcapFile([...firsts, ...rests].filter((s) => s !== undefined));
}

test('more connections open at once than an import holds: the idle longest are cut, each says where', () => {
  const bytes = allOpenAtOnce(5);
  const held = importCapture(() => [bytes]);
  assert.ok(held.ok);
  assert.doesNotMatch(held.text, /stops here/);
  assert.deepEqual(held.summary.problems, []);

  const result = importCapture(() => [bytes], { maxOpen: 2 });
  assert.ok(result.ok);
  const stops = result.text.match(/^# Connection \d+ \(client\d+, server\d+\) stops here:.*$/gm);
  // Opening the 3rd, 4th and 5th cuts the 1st, 2nd and 3rd: each idle longest at that moment.
  assert.deepEqual(
    stops?.map((line) => /Connection (\d+)/.exec(line)?.[1]),
    ['1', '2', '3'],
  );
  // The cut ones keep their SYN only; the others are whole.
  assert.doesNotMatch(result.text, /^server1 -> client1/m);
  assert.match(result.text, /^client5 -> server5 +FIN ACK/m);
  const problem = result.summary.problems.at(-1);
  assert.match(
    word(problem?.message ?? '', 'en'),
    /More than 2 connections were open at once.*the rest of 3 connections/,
  );
  assert.match(word(problem?.message ?? '', 'zh-cn'), /同时打开的连接超过 2 个/);
  assert.match(result.text, /^# Import problem: More than 2 connections/m);
  // What was imported still checks clean.
  assert.deepEqual(errors(result.text), []);
});

test('a connection in use stays open: the one idle longest is cut, not the one opened first', () => {
  const ends = (port: number) =>
    [
      { ip: '10.0.0.1', port },
      { ip: '10.0.0.2', port: 80 },
    ] as const;
  const a = new Conversation(ends(40000)).handshake();
  const b = new Conversation(ends(40001), [70_000, 90_000]).handshake();
  const c = new Conversation(ends(40002), [170_000, 190_000]);
  const at = (x: Conversation) => x.segments.length;
  const [a0, b0] = [at(a), at(b)];
  a.emit(0, 'PA', 10); // a, opened first, is busy again: b is now the idle one
  a.emit(1, 'A', 0);
  const a1 = at(a);
  c.emit(0, 'S', 0); // the third connection: one must go
  c.emit(1, 'SA', 0);
  c.emit(0, 'A', 0);
  b.emit(0, 'PA', 20); // b's later packet is not imported
  a.emit(0, 'PA', 10);
  const order = [
    ...a.segments.slice(0, a0),
    ...b.segments.slice(0, b0),
    ...a.segments.slice(a0, a1),
    ...c.segments,
    ...b.segments.slice(b0),
    ...a.segments.slice(a1),
  ];
  const result = importCapture(() => [pcapFile(order)], { maxOpen: 2 });
  assert.ok(result.ok);
  assert.match(result.text, /^# Connection 2 \(client2, server2\) stops here/m);
  assert.doesNotMatch(result.text, /^# Connection 1 .*stops here/m);
  assert.doesNotMatch(result.text, /^client2 -> server2 +PSH ACK/m);
  assert.match(result.text, /^client1 -> server1 +PSH ACK .*# frame 13 /m);
  assert.deepEqual(errors(result.text), []);
});
