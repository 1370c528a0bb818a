import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { importCapture } from '../../../src/core/capture/write/importCapture';
import { ASSUMED } from '../../../src/core/capture/write/segmentLine';
import { ASSUMED_MARK, captureAnnotation } from '../../../src/core/syntax/captureAnnotation';
import { parse } from '../../../src/core/syntax/parser';
import type { SegmentStatement, Statement } from '../../../src/core/syntax/tree';
import { fixture } from '../capture/support';

function segmentsOf(statements: readonly Statement[]): SegmentStatement[] {
  return statements.flatMap((s) =>
    s.kind === 'segment' ? [s] : s.kind === 'simultaneous' ? [...s.segments] : [],
  );
}

/** The annotation of the one segment of `line`, without its span. */
function annotationOf(line: string): object | undefined {
  const segment = segmentsOf(parse(`endpoint a\nendpoint b\n${line}\n`).document.statements)[0];
  if (!segment?.capture) return undefined;
  const { start: _start, end: _end, ...rest } = segment.capture;
  return rest;
}

const CASES: readonly { name: string; line: string; expected: object | undefined }[] = [
  {
    name: 'frame and time',
    line: 'a -> b ACK seq=1 ack=1 # frame 4 t=0.000454',
    expected: { frame: 4, seconds: 0.000454, options: [], labels: [] },
  },
  {
    name: "a SYN's options",
    line: 'a -> b SYN seq=0 # frame 1 t=0.000000 mss=65495 wscale=10 sack_perm',
    expected: { frame: 1, seconds: 0, mss: 65495, wscale: 10, options: ['sack_perm'], labels: [] },
  },
  {
    name: "Wireshark's labels, a dup ACK's # included",
    line: 'a -> b ACK seq=1 ack=1 # frame 9 t=1.5 [TCP Dup ACK 7#1] [TCP Window Full]',
    expected: {
      frame: 9,
      seconds: 1.5,
      options: [],
      labels: ['TCP Dup ACK 7#1', 'TCP Window Full'],
    },
  },
  {
    name: 'the time is optional',
    line: 'a -> b ACK seq=1 # frame 2',
    expected: { frame: 2, options: [], labels: [] },
  },
  {
    name: 'free text after the items ends the annotation',
    line: 'a -> b ACK seq=1 # frame 2 t=3 resent by hand',
    expected: { frame: 2, seconds: 3, options: [], labels: [] },
  },
  { name: 'a plain comment', line: 'a -> b ACK seq=1 # the frame was lost', expected: undefined },
  { name: 'frame without a number', line: 'a -> b ACK seq=1 # frame x t=1', expected: undefined },
  { name: 'a // comment', line: 'a -> b ACK seq=1 // frame 2 t=1', expected: undefined },
  {
    name: 'on a line the token parser reads',
    line: 'a -> b SYN seq=1 as first # frame 5 t=2',
    expected: { frame: 5, seconds: 2, options: [], labels: [] },
  },
  {
    name: 'not after something the line could not hold (reported)',
    line: 'a -> b ACK seq=1 } # frame 5 t=2',
    expected: undefined,
  },
];

for (const { name, line, expected } of CASES) {
  test(`capture annotation: ${name}`, () => {
    assert.deepStrictEqual(annotationOf(line), expected);
  });
}

test('the annotation spans from its # to its last item, and the facts agree with the node', () => {
  const text = 'endpoint a\nendpoint b\na -> b SYN seq=0 # frame 1 t=0.25 wscale=7 later\n';
  const segment = segmentsOf(parse(text).document.statements)[0] as SegmentStatement;
  const capture = segment.capture;
  assert.ok(capture);
  assert.equal(text.slice(capture.start, capture.end), '# frame 1 t=0.25 wscale=7');
  assert.equal(segment.capture, capture, 'the same node every time');
  assert.deepEqual(
    [segment.captureFrame, segment.captureSeconds, segment.captureWscale],
    [1, 0.25, 7],
  );
});

test('a segment without an annotation has no capture facts', () => {
  const segment = segmentsOf(parse('a -> b SYN seq=0 # note\n').document.statements)[0];
  assert.ok(segment);
  assert.equal(segment.capture, undefined);
  assert.ok(Number.isNaN(segment.captureFrame) && Number.isNaN(segment.captureSeconds));
  assert.equal(segment.captureWscale, -1);
});

test('the importer’s mark of an assumed line is read into the tree; any other comment is not', () => {
  const text = [
    'a -> b SYN seq=0  # not in the capture: assumed',
    'a -> b SYN ACK seq=0 ack=1  # not in the capture: assumed (acknowledged by frame 4)',
    'a -> b SYN seq=0  # not in the capture',
    'a -> b SYN seq=0  # frame 1 t=0.5',
    'a -> b SYN seq=0',
  ].join('\n');
  const segments = segmentsOf(parse(text).document.statements);
  assert.deepEqual(
    segments.map((s) => s.captureAssumed),
    [true, true, false, false, false],
  );
  assert.equal(segments[0]?.capture, undefined, 'an assumed line has no annotation');
});

test('the importer’s mark is the parser’s (capture/write writes what syntax reads)', () => {
  assert.equal(ASSUMED, ASSUMED_MARK);
});

test('wscale= is a field of the segment, beside the annotation’s', () => {
  const text = 'a -> b SYN seq=0 win=9 wscale=7 # frame 1 t=0.5 wscale=3\na -> b SYN seq=0\n';
  const [written, plain] = segmentsOf(parse(text).document.statements);
  assert.ok(written && plain);
  assert.deepEqual(
    [written.wscaleValue, written.wscale?.value.text, written.captureWscale],
    [7, '7', 3],
  );
  assert.equal(text.slice(written.wscale?.start, written.wscale?.end), 'wscale=7');
  assert.deepEqual([plain.wscaleValue, plain.wscale], [-1, undefined]);
});

test('captureAnnotation reads a comment on its own, and says no to a plain one', () => {
  assert.equal(captureAnnotation('# framed', 0), undefined);
  assert.deepEqual(captureAnnotation('x #frame 3 [TCP Keep-Alive]', 2), {
    start: 2,
    end: 27,
    frame: 3,
    options: [],
    labels: ['TCP Keep-Alive'],
  });
});

test('every segment the importer writes with a comment reads back as an annotation', () => {
  const captures = readdirSync('test/core/capture/fixtures').filter((name) =>
    /\.(pcap|pcapng)$/.test(name),
  );
  for (const name of captures) {
    const result = importCapture(() => [fixture(name)]);
    if (!result.ok) continue;
    const lines = result.text.split('\n');
    for (const segment of segmentsOf(parse(result.text).document.statements)) {
      const line = lines.find((l) => l.includes(`# frame ${segment.captureFrame} `));
      const written = /# frame (\d+) t=([\d.]+)/.exec(
        result.text.slice(segment.end).split('\n')[0] ?? '',
      );
      if (!written) {
        assert.equal(segment.capture, undefined, `${name}: ${line ?? ''}`);
        continue;
      }
      assert.equal(segment.captureFrame, Number(written[1]), name);
      assert.equal(segment.captureSeconds, Number(written[2]), name);
    }
  }
});

test('a window scale above 14 is read as 14 (RFC 7323 §2.3), the same in the table and the tree', () => {
  for (const written of ['15', '4294967297']) {
    const text = `endpoint a\nendpoint b\nb listen\na -> b SYN seq=1  # frame 1 t=0 wscale=${written}\n`;
    const segment = parse(text).document.statements.find((s) => s.kind === 'segment') as
      SegmentStatement | undefined;
    assert.ok(segment);
    assert.equal(segment.captureWscale, 14, written);
    assert.equal(segment.capture?.wscale, 14, written);
    assert.equal(captureAnnotation(text, text.indexOf('#'))?.wscale, 14, written);
  }
});

test('frame and t= are the numbers Number() reads from their digits, long ones included', () => {
  const seconds = fc.tuple(fc.stringMatching(/^\d{1,17}$/), fc.stringMatching(/^(\.\d{1,17})?$/));
  fc.assert(
    fc.property(fc.stringMatching(/^\d{1,18}$/), seconds, (frame, [whole, fraction]) => {
      const t = whole + fraction;
      const segment = segmentsOf(
        parse(`a -> b SYN seq=0 # frame ${frame} t=${t}\n`).document.statements,
      )[0];
      assert.ok(segment);
      assert.equal(segment.captureFrame, Number(frame));
      assert.equal(segment.captureSeconds, Number(t));
    }),
  );
});
