import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { importCapture } from '../../../src/core/capture/write/importCapture';
import { analyze, type Analysis } from '../../../src/core/analysis/analyze';
import type { SegmentStep } from '../../../src/core/tcp/trace';
import { ourVerdicts, tsharkVerdicts } from '../../support/tsharkVerdicts';
import { FIXTURES, fixture } from './support';
import { word } from '../../../src/core/text/words';

/**
 * Real loopback captures (issue 17): the running Linux kernel on one end, a raw-socket peer of
 * ours on the other, crafting the reordered, overlapping, old, out-of-window and forged segments
 * (fixtures/make-loopback.sh and loopback-peer.py; README.md there says what each peer did).
 * Whatever the kernel answered is what RFC 9293 and RFC 5961 make a real stack answer, so the
 * engine must accept every line the kernel wrote, and Wireshark's flags must be ours.
 *
 * `errors` is what the engine says today, as `CODE frame N` (or `CODE assumed` on a line the
 * importer added): empty when the scenario checks. The forged segments are the peer's own
 * mistakes and keep their error when the engine is right; anything else listed is a bug, named
 * in the comment beside it, to be emptied when it is fixed.
 */
const CAPTURES: Readonly<Record<string, readonly string[]>> = {
  inflight: [],
  reorder: [],
  // Frame 6 (seq=1 len=800 after seq=1 len=700, acknowledged up to 701 by frame 5) resends
  // acknowledged data and goes on with 100 new bytes, which the kernel took (frame 7
  // acknowledges 801, D-SACK 1:701): RFC 9293 §3.10.7.4 trims, RFC 1122 §4.2.2.15 re-segments.
  overlap: [],
  'old-ack': [],
  // One error, HS105 on frame 4, whose ack is 1000 past what the kernel had sent (our
  // forgery; the kernel answered with an ACK of its SND.NXT, frame 5, and dropped the data,
  // RFC 9293 §3.10.7.4, which frame 6 sends again). Wireshark calls it "ACKed unseen segment";
  // the kernel's own next seq (frame 5) says no byte was unseen, so none is assumed.
  'ack-above': ['HS105 frame 4'],
  // One error, HS109 on frame 6: our in-window RST with the wrong seq, which the kernel
  // challenged (frame 7, RFC 5961 §3.2) before taking the exact one (frame 8).
  'rst-challenge': ['HS109 frame 6'],
  // One error, HS203 on frame 6 (our SYN on an established connection), and one connection:
  // the kernel answered with a challenge ACK of the old numbers (frame 7, RFC 5961 §4.2, RFC
  // 9293 §3.10.7.4) and went on with it (frames 8-10), though Wireshark starts a new stream
  // at the SYN (port numbers reused).
  'syn-established': ['HS203 frame 6'],
  // Frames 9 and 11, which the kernel dropped (its ACKs stay at 9809: frame 9 for want of
  // buffer, which a receiver may; frame 11 past the window's right edge, RFC 9293 §3.10.7.4),
  // are written lost (`-x`): the capture cannot tell a drop at the receiver from a loss after
  // the capture point, and their resends (frames 14, 16) are what the kernel took.
  'past-window': [],
  wscale: [],
  midstream: [],
  fastopen: [],
  // We acted as if the kernel's frame 5 was lost (our ACK of frame 4, then duplicate ACKs
  // whose SACK blocks cover frames 6-9), and the kernel resent it (frame 12): frame 5 is
  // written lost after the capture point (`-x`), frames 6-9 arrive past the hole, and frame 12
  // fills it. (The duplicate ACKs come before frames 6-9: without the SACK blocks, which the
  // scenario does not carry, that order explains them as well.)
  loss: [],
  'zero-window': [],
};

function imported(name: string): string {
  const result = importCapture(() => [fixture(`loopback-${name}.pcap`)], { name });
  assert.ok(result.ok, result.ok ? '' : word(result.error.message, 'en'));
  return result.text;
}

/** The frame a scenario line stands for (its `# frame N` comment), or 'assumed'. */
function frameAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  const line = text.slice(start, end < 0 ? text.length : end);
  return /# frame (\d+)/.exec(line)?.[1] ?? 'assumed';
}

function errors(text: string, analysis: Analysis): string[] {
  return analysis.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code} frame ${frameAt(text, d.span.start)}`);
}

/** Each captured frame's step in the engine's trace. */
function steps(text: string, analysis: Analysis): Map<string, SegmentStep> {
  const byFrame = new Map<string, SegmentStep>();
  for (const step of analysis.trace.steps) {
    if (step.kind === 'segment') byFrame.set(frameAt(text, step.span.start), step);
  }
  return byFrame;
}

/** The step of `frame`, which must be in the trace. */
function step(byFrame: Map<string, SegmentStep>, frame: number): SegmentStep {
  const found = byFrame.get(String(frame));
  assert.ok(found, `frame ${frame} is in the trace`);
  return found;
}

/** The diagnostics on the line of `frame`, as codes (only the errors with `onlyErrors`). */
function codesOn(text: string, analysis: Analysis, frame: number, onlyErrors = false): string[] {
  return analysis.diagnostics
    .filter((d) => !onlyErrors || d.severity === 'error')
    .filter((d) => frameAt(text, d.span.start) === String(frame))
    .map((d) => d.code);
}

test('every loopback capture is listed here, with tshark’s verdict beside it', () => {
  const stored = readdirSync(FIXTURES).filter((n) => /^loopback-.*\.pcap$/.test(n));
  assert.deepEqual(
    stored.sort(),
    Object.keys(CAPTURES)
      .map((n) => `loopback-${n}.pcap`)
      .sort(),
  );
});

for (const [name, expected] of Object.entries(CAPTURES)) {
  test(`loopback ${name}: the same analysis flags as tshark on every frame`, () => {
    const file = `${FIXTURES}/loopback-${name}.pcap`;
    assert.deepEqual(ourVerdicts(file), tsharkVerdicts(file));
  });

  test(`loopback ${name}: the engine errors are ${expected.length ? 'the known ones' : 'none'}`, () => {
    const text = imported(name);
    assert.deepEqual(errors(text, analyze(text)), expected);
  });
}

test('segments delivered out of order are held, then acknowledged at once as the kernel did', () => {
  const text = imported('reorder');
  const analysis = analyze(text);
  const byFrame = steps(text, analysis);
  // Frames 4 and 6 (bytes 401-1200) came before frame 8 (bytes 1-400): the kernel answered
  // each with a duplicate ACK carrying a SACK block, then acknowledged all 1200 (frame 9).
  assert.equal(step(byFrame, 4).outcome, 'queued');
  assert.equal(step(byFrame, 6).outcome, 'queued');
  assert.equal(step(byFrame, 8).outcome, 'delivered');
  assert.equal(step(byFrame, 8).receiver.after.rcvNxt?.offset, 2001 + 1200);
  assert.match(text, /ack=3201 .*# frame 9 /);
  assert.deepEqual(codesOn(text, analysis, 9), []);
});

test('an ack past SND.NXT that the sender’s next seq refutes: no bytes assumed, the data dropped', () => {
  const text = imported('ack-above');
  const analysis = analyze(text);
  assert.doesNotMatch(text, /assumed/);
  assert.ok(text.indexOf('# frame 4 ') < text.indexOf('# frame 5 '));
  const byFrame = steps(text, analysis);
  assert.equal(step(byFrame, 4).outcome, 'challenged');
  assert.equal(step(byFrame, 6).outcome, 'delivered');
});

test('a reset in the window but not at RCV.NXT is challenged, and the challenge ACK follows it', () => {
  const text = imported('rst-challenge');
  const analysis = analyze(text);
  // The engine, not the importer, says the reset is dropped (RFC 5961 §3.2): so frame 7, the
  // kernel's challenge ACK, is its answer and goes after it, and the exact reset (frame 8) closes.
  assert.ok(text.indexOf('# frame 6 ') < text.indexOf('# frame 7 '));
  const byFrame = steps(text, analysis);
  assert.equal(step(byFrame, 6).outcome, 'challenged');
  assert.equal(step(byFrame, 8).outcome, 'reset');
});

test('a SYN on an established connection: challenged, and the connection goes on', () => {
  const text = imported('syn-established');
  const analysis = analyze(text);
  // One connection's endpoints: Wireshark's second stream goes on the first one's lines.
  assert.deepEqual(text.match(/^endpoint \S+/gm), ['endpoint client1', 'endpoint server1']);
  assert.match(text, /\[TCP Port numbers reused\]/);
  const byFrame = steps(text, analysis);
  assert.equal(step(byFrame, 6).outcome, 'challenged');
  assert.equal(step(byFrame, 10).receiver.after.state, 'CLOSED');
});

test('an old duplicate ACK after a newer one is taken without complaint', () => {
  const text = imported('old-ack');
  const analysis = analyze(text);
  // Frame 7 acknowledges 536 after frame 6 acknowledged 1072: RFC 9293 §3.10.7.4 ignores an
  // ACK below SND.UNA, and the kernel said nothing.
  assert.match(text, /^client -> server +ACK +seq=4001 +ack=827483919 .*# frame 7 /m);
  assert.deepEqual(codesOn(text, analysis, 7), []);
  assert.equal(step(steps(text, analysis), 7).outcome, 'delivered');
});

test('window scale on both SYNs: the kernel keeps to our window of 4 << 7 = 512 bytes', () => {
  const text = imported('wscale');
  const analysis = analyze(text);
  const line = (frame: number) => text.split('\n').find((l) => l.includes(`# frame ${frame} `));
  assert.match(line(1) ?? '', /wscale=7/);
  assert.match(line(2) ?? '', /wscale=10/);
  // Frames 4 and 6 carry 512 bytes each, filling the scaled window (Wireshark: window full).
  for (const frame of [4, 6]) {
    assert.equal(step(steps(text, analysis), frame).len, 512);
    assert.deepEqual(codesOn(text, analysis, frame), ['HS709']);
  }
});

test('data past the window: the segment past the right edge is answered with the same ACK', () => {
  const text = imported('past-window');
  const analysis = analyze(text);
  // The kernel offered 240 bytes after 9809 (frame 10); frame 11 starts at 10345, past the
  // edge, and frame 12 acknowledges 9809 again (RFC 9293 §3.10.7.4), without complaint.
  assert.match(text, /ack=9809 +win=240 .*# frame 12 /);
  assert.deepEqual(codesOn(text, analysis, 12), ['HS707']);
});

test('data resent before any ack covered it is written lost, and the resend delivered', () => {
  for (const [name, frames] of [
    ['past-window', [9, 11]],
    ['loss', [5]],
  ] as const) {
    const text = imported(name);
    const byFrame = steps(text, analyze(text));
    for (const frame of frames) {
      assert.equal(step(byFrame, frame).outcome, 'lost', `${name} frame ${frame}`);
      assert.match(text, new RegExp(`-x .*# frame ${frame} .*lost after the capture point`));
    }
  }
});

test('a zero window: the kernel’s persist probes are keep-alives at SND.NXT-1, answered', () => {
  const text = imported('zero-window');
  const analysis = analyze(text);
  // RFC 9293 §3.8.6.1: with data waiting and our window zero (frame 5), the kernel probes
  // (frames 6, 8, 10, backing off) with seq=SND.NXT-1 and no data; we answer each with the
  // same zero window; it sends the rest once the window opens (frame 12).
  for (const frame of [6, 8, 10]) {
    assert.deepEqual(codesOn(text, analysis, frame), ['HS710'], `frame ${frame}`);
    assert.deepEqual(codesOn(text, analysis, frame + 1), ['HS708'], `frame ${frame + 1}`);
  }
  assert.match(text, /len=964 .*# frame 13 /);
});

test('a capture started after the handshake: the handshake is assumed from the first packets', () => {
  const text = imported('midstream');
  assert.equal(text.match(/# not in the capture: assumed$/gm)?.length, 3);
  assert.match(text, /^client -> server +PSH ACK +seq=10001 .*len=200 .*# frame 1 /m);
});

test('TCP Fast Open: the data on the SYN is acknowledged by the SYN ACK, as the kernel did', () => {
  const text = imported('fastopen');
  const analysis = analyze(text);
  assert.match(text, /^client2 -> server2 +SYN +seq=12000 .*len=5 "hello" .*# frame 7 /m);
  assert.match(text, /^server2 -> client2 +SYN ACK .*ack=12006 .*# frame 8 /m);
  assert.deepEqual(codesOn(text, analysis, 8), []);
  assert.equal(step(steps(text, analysis), 9).receiver.after.rcvNxt?.offset, 12006);
});

test('the challenge ACKs the kernel sent get no error on their lines', () => {
  // RFC 5961 §3.2 (an in-window RST with the wrong seq) and §4.2 (a SYN when synchronized).
  for (const [name, frame] of [
    ['rst-challenge', 7],
    ['syn-established', 7],
  ] as const) {
    const text = imported(name);
    assert.deepEqual(codesOn(text, analyze(text), frame, true), [], name);
  }
});
