import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  importCapture,
  type ImportOptions,
} from '../../../../src/core/capture/write/importCapture';
import { analyze } from '../../../../src/core/analysis/analyze';
import { Conversation, pcapFile } from '../../../support/pcapWriter';
import { fixture } from '../support';

/**
 * Segments a capture misses are written as assumed lines: each case gives the assumed lines
 * (blanks squeezed), Wireshark's codes (unchanged by them: they run on the captured lines) and
 * what the engine still says (no seq/ack errors when the real traffic was correct).
 */
interface Case {
  readonly name: string;
  readonly bytes: () => Uint8Array;
  readonly options?: ImportOptions;
  readonly assumed: readonly string[];
  readonly analysis: readonly string[];
  readonly engine?: readonly string[];
}

function conversation(handshake = true): Conversation {
  const c = new Conversation([
    { ip: '10.0.0.1', port: 50000 },
    { ip: '10.0.0.2', port: 80 },
  ]);
  return handshake ? c.handshake() : c;
}

function built(make: (c: Conversation) => void, handshake = true): () => Uint8Array {
  return () => {
    const c = conversation(handshake);
    make(c);
    return pcapFile(c.segments);
  };
}

const CASES: readonly Case[] = [
  {
    name: 'zoo.pcap 1: a segment lost before the capture point and fast-retransmitted is lost (-x)',
    bytes: () => fixture('zoo.pcap'),
    options: { connection: 1 },
    assumed: [
      'client -x server ACK seq=1001 ack=5001 len=100 # not in the capture: assumed lost (resent in frame 11)',
    ],
    analysis: ['HS702', 'HS705', 'HS707', 'HS707', 'HS707', 'HS707'],
  },
  {
    name: 'zoo.pcap 4: a segment the network delayed fills its gap: nothing is assumed',
    bytes: () => fixture('zoo.pcap'),
    options: { connection: 4 },
    assumed: [],
    analysis: ['HS704', 'HS705'],
  },
  {
    name: 'zoo.pcap 9: bytes the server acknowledged and the capture never showed arrived (->)',
    bytes: () => fixture('zoo.pcap'),
    options: { connection: 9 },
    assumed: [
      'client -> server ACK seq=1001 ack=5001 len=89 # not in the capture: assumed (acknowledged by frame 58)',
      'client -> server ACK seq=1100 ack=5001 len=10 # not in the capture: assumed (acknowledged by frame 64)',
    ],
    analysis: ['HS705', 'HS705', 'HS706', 'HS706', 'HS706'],
  },
  {
    name: 'http-lost.pcap: the deleted request is assumed from the ack that covers it',
    bytes: () => fixture('http-lost.pcap'),
    assumed: [
      'client -> server ACK seq=2357399249 ack=2068593480 len=89 # not in the capture: assumed (acknowledged by frame 4)',
    ],
    analysis: ['HS705', 'HS706', 'HS706'],
  },
  {
    name: 'a gap the receiver acknowledged before any resend was delivered (->)',
    bytes: built((c) => {
      c.emit(0, 'PA', 100, { lost: true });
      c.emit(0, 'PA', 100);
      c.emit(1, 'A', 0);
    }),
    assumed: [
      'client -> server ACK seq=1001 ack=5001 len=100 # not in the capture: assumed (the gap before frame 4)',
    ],
    analysis: ['HS705', 'HS706'],
  },
  {
    name: 'a gap resent after a timeout, before the ack, was lost (-x)',
    bytes: built((c) => {
      const start = c.seqOf(0);
      c.emit(0, 'PA', 100, { lost: true });
      c.emit(0, 'PA', 100);
      c.emit(1, 'A', 0, { ack: start });
      c.emit(0, 'PA', 100, { seq: start, gap: 0.3 });
      c.emit(1, 'A', 0);
    }),
    assumed: [
      'client -x server ACK seq=1001 ack=5001 len=100 # not in the capture: assumed lost (resent in frame 6)',
    ],
    analysis: ['HS701', 'HS705', 'HS707'],
  },
  {
    name: 'only the resent part of a gap is lost; the rest was delivered ahead of it',
    bytes: built((c) => {
      const start = c.seqOf(0);
      c.emit(0, 'PA', 100, { lost: true });
      c.emit(0, 'PA', 100, { lost: true });
      c.emit(0, 'PA', 100);
      c.emit(1, 'A', 0, { ack: start });
      c.emit(0, 'PA', 100, { seq: start, gap: 0.3 });
      c.emit(1, 'A', 0);
    }),
    assumed: [
      'client -x server ACK seq=1001 ack=5001 len=100 # not in the capture: assumed lost (resent in frame 6)',
      'client -> server ACK seq=1101 ack=5001 len=100 # not in the capture: assumed (the gap before frame 4)',
    ],
    analysis: ['HS701', 'HS705', 'HS707'],
    // The engine's own note: the delivered part waits for the lost one.
    engine: ['HS111'],
  },
  {
    name: 'an ack inside a gap cuts it in two: the ACK goes between the parts',
    bytes: built((c) => {
      const start = c.seqOf(0);
      c.emit(0, 'PA', 100, { lost: true });
      c.emit(0, 'PA', 100, { lost: true });
      c.emit(0, 'PA', 100);
      c.emit(1, 'A', 0, { ack: start + 100 });
      c.emit(1, 'A', 0);
    }),
    assumed: [
      'client -> server ACK seq=1001 ack=5001 len=100 # not in the capture: assumed (the gap before frame 4)',
      'client -> server ACK seq=1101 ack=5001 len=100 # not in the capture: assumed (the gap before frame 4)',
    ],
    analysis: ['HS705', 'HS706'],
  },
  {
    name: 'a late segment fills its part of a gap; the part never seen is assumed before it',
    bytes: built((c) => {
      const start = c.seqOf(0);
      c.emit(0, 'PA', 100, { lost: true });
      c.emit(0, 'PA', 100, { lost: true });
      c.emit(0, 'PA', 100);
      c.emit(0, 'PA', 100, { seq: start + 100 });
      c.emit(1, 'A', 0);
    }),
    assumed: [
      'client -> server ACK seq=1001 ack=5001 len=100 # not in the capture: assumed (the gap before frame 4)',
    ],
    analysis: ['HS704', 'HS705', 'HS706'],
  },
  {
    name: 'an ack of the SYN when the SYN ACK was not captured: the SYN ACK it implies',
    bytes: built((c) => {
      c.emit(0, 'S', 0);
      c.emit(1, 'SA', 0, { lost: true });
      c.emit(0, 'A', 0);
      c.emit(0, 'PA', 10);
      c.emit(1, 'A', 0);
    }, false),
    assumed: [
      'server -> client SYN ACK seq=5000 ack=1001 # not in the capture: assumed (acknowledged by frame 2)',
    ],
    analysis: [],
  },
  {
    name: 'a capture started mid-connection, with gaps on both sides',
    bytes: built((c) => {
      c.emit(0, 'PA', 10);
      c.emit(1, 'A', 0);
      c.emit(0, 'PA', 10, { lost: true });
      c.emit(0, 'PA', 10);
      c.emit(1, 'PA', 20, { lost: true });
      c.emit(1, 'A', 0);
      c.emit(0, 'A', 0);
    }, false),
    assumed: [
      'client -> server ACK seq=1010 ack=5000 len=10 # not in the capture: assumed (the gap before frame 3)',
      'server -> client ACK seq=5000 ack=1030 len=20 # not in the capture: assumed (the gap before frame 4)',
    ],
    analysis: ['HS705', 'HS705', 'HS706', 'HS706'],
  },
  {
    name: 'data missed in both directions at once',
    bytes: built((c) => {
      c.emit(0, 'PA', 50, { lost: true });
      c.emit(1, 'PA', 70, { lost: true });
      c.emit(0, 'PA', 50);
      c.emit(1, 'PA', 70);
      c.emit(0, 'A', 0);
      c.emit(1, 'A', 0);
    }),
    assumed: [
      'server -> client ACK seq=5001 ack=1001 len=70 # not in the capture: assumed (acknowledged by frame 4)',
      'client -> server ACK seq=1001 ack=5071 len=50 # not in the capture: assumed (the gap before frame 4)',
    ],
    analysis: ['HS705', 'HS705', 'HS706', 'HS706', 'HS706', 'HS707'],
  },
  {
    name: 'an ack of unseen bytes, confirmed by the sender’s next seq: they arrived (->)',
    bytes: built((c) => {
      c.emit(1, 'PA', 300, { lost: true });
      c.emit(0, 'A', 0);
      c.emit(1, 'A', 0); // seq 5301: the server did send the 300 bytes
    }),
    assumed: [
      'server -> client ACK seq=5001 ack=1001 len=300 # not in the capture: assumed (acknowledged by frame 4)',
    ],
    analysis: ['HS705', 'HS706'],
  },
  {
    name: 'an ack of unseen bytes, refuted by the sender’s next seq: nothing assumed, the ack is wrong',
    bytes: built((c) => {
      // RFC 9293 §3.10.7.4: the server answers an ack past its SND.NXT with an ACK of SND.NXT
      // and drops the data; its seq (5001) says it never sent the bytes the ack claims.
      c.emit(0, 'PA', 100, { ack: c.seqOf(1) + 300 });
      c.emit(1, 'A', 0, { ack: c.seqOf(0) - 100 });
      c.emit(0, 'PA', 100, { seq: c.seqOf(0) - 100 });
      c.emit(1, 'A', 0);
    }),
    assumed: [],
    analysis: ['HS701', 'HS706', 'HS707'],
    engine: ['HS105'],
  },
];

test('data captured, then resent before any ack covered it, was lost after the capture point', () => {
  const c = conversation();
  const start = c.seqOf(0);
  c.emit(0, 'PA', 100); // frame 4: never reaches the server
  c.emit(0, 'PA', 100); // frame 5: held past the hole
  c.emit(1, 'A', 0, { ack: start }); // frame 6: a duplicate ACK
  c.emit(0, 'PA', 100, { seq: start, gap: 0.3 }); // frame 7: resent after a timeout
  c.emit(1, 'A', 0); // frame 8: everything
  const result = importCapture(() => [pcapFile(c.segments)]);
  assert.ok(result.ok);
  assert.match(result.text, /^client -x server .*# frame 4 .*resent in frame 7$/m);
  const codes = analyze(result.text).diagnostics.map((d) => d.code);
  assert.deepEqual(
    codes.filter((code) => !code.startsWith('HS7')),
    [],
  );
});

for (const c of CASES) {
  test(c.name, () => {
    const result = importCapture(() => [c.bytes()], c.options);
    assert.ok(result.ok);
    const lines = result.text.split('\n').map((line) => line.replace(/ +/g, ' '));
    assert.deepEqual(
      // Not the assumed handshake of a capture that starts late (importCapture.test.ts).
      lines.filter((line) => /# not in the capture: assumed ./.test(line)),
      c.assumed,
    );
    const codes = analyze(result.text).diagnostics.map((d) => d.code);
    assert.deepEqual(codes.filter((code) => code.startsWith('HS7')).sort(), c.analysis);
    assert.deepEqual(codes.filter((code) => !code.startsWith('HS7')).sort(), c.engine ?? []);
  });
}

test('a late segment and an assumed part of the same gap are written in seq order', () => {
  const c = conversation();
  const start = c.seqOf(0);
  c.emit(0, 'PA', 100, { lost: true });
  c.emit(0, 'PA', 100, { lost: true });
  c.emit(0, 'PA', 100);
  c.emit(0, 'PA', 100, { seq: start + 100 });
  c.emit(1, 'A', 0);
  const result = importCapture(() => [pcapFile(c.segments)]);
  assert.ok(result.ok);
  const seqs = [...result.text.matchAll(/^client -> server +(?:PSH )?ACK +seq=(\d+) .*len=/gm)];
  assert.deepEqual(
    seqs.map((m) => m[1]),
    ['1001', '1101', '1201'],
  );
});

test('the late segment is written where it was sent; the analysis keeps the capture order', () => {
  const result = importCapture(() => [fixture('zoo.pcap')], { connection: 4 });
  assert.ok(result.ok);
  assert.ok(result.text.indexOf('# frame 29 ') < result.text.indexOf('# frame 28 '));
  assert.match(result.text, /seq=1001 .*# frame 29 .*\[TCP Out-Of-Order\]/);
  assert.match(result.text, /seq=1101 .*# frame 28 .*\[TCP Previous segment not captured\]/);
});

test('all of zoo.pcap at once: Wireshark notes about every connection, no engine error', () => {
  const result = importCapture(() => [fixture('zoo.pcap')]);
  assert.ok(result.ok);
  const diagnostics = analyze(result.text).diagnostics;
  assert.deepEqual(
    diagnostics.filter((d) => !d.code.startsWith('HS7')).map((d) => `${d.code} ${d.message}`),
    [],
  );
  assert.equal(diagnostics.filter((d) => d.code === 'HS705').length, 4);
  assert.equal(diagnostics.filter((d) => d.code === 'HS706').length, 3);
});

/** One step of a random exchange: who sends, data or a pure ACK, and whether the capture saw it. */
const step = fc.record({
  from: fc.constantFrom<0 | 1>(0, 1),
  len: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 300 })),
  missed: fc.boolean(),
});

test('traffic that all arrived, with any segments missing from the capture, checks clean', () => {
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.array(step, { minLength: 1, maxLength: 14 }),
      fc.boolean(),
      fc.tuple(fc.nat(), fc.nat()),
      (handshake, steps, close, iss) => {
        const c = new Conversation(
          [
            { ip: '10.0.0.1', port: 50000 },
            { ip: '10.0.0.2', port: 80 },
          ],
          iss,
        );
        if (handshake) c.handshake();
        steps.forEach((s, i) =>
          // Each side acknowledges all it was sent; the first packet is captured when the
          // handshake is not (the assumed handshake comes from it).
          c.emit(s.from, s.len > 0 ? 'PA' : 'A', s.len, { lost: s.missed && (handshake || i > 0) }),
        );
        if (close) {
          c.emit(0, 'FA', 0);
          c.emit(1, 'FA', 0);
          c.emit(0, 'A', 0);
        }
        const result = importCapture(() => [pcapFile(c.segments)]);
        assert.ok(result.ok);
        const engine = analyze(result.text).diagnostics.filter(
          (d) => d.severity !== 'info' && !d.code.startsWith('HS7'),
        );
        assert.deepEqual(
          engine.map((d) => `${d.code} ${d.message}`),
          [],
          result.text,
        );
      },
    ),
    { seed: 11, numRuns: 150 },
  );
});
