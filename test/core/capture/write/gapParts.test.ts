import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cutGap,
  gapPieces,
  insideGap,
  type Gap,
} from '../../../../src/core/capture/write/gapParts';

function gap(extra: Partial<Gap> = {}): Gap {
  return {
    direction: 0,
    start: 1000,
    length: 300,
    ack: 5001,
    frame: 4,
    fills: [],
    lost: [],
    ...extra,
  };
}

/** A piece as text: `fill 100-200`, `lost 0-100 @9` or `sent 200-300`. */
function shown(g: Gap): string[] {
  return gapPieces(g).map((p) =>
    'lines' in p
      ? `fill ${p.start}-${p.end}`
      : p.lost === undefined
        ? `sent ${p.start}-${p.end}`
        : `lost ${p.start}-${p.end} @${p.lost}`,
  );
}

const PIECES: readonly { name: string; gap: Gap; pieces: string[] }[] = [
  { name: 'nothing known: one delivered piece', gap: gap(), pieces: ['sent 0-300'] },
  {
    name: 'a resent part is lost, the rest on both sides delivered',
    gap: gap({ lost: [{ start: 100, end: 200, frame: 9 }] }),
    pieces: ['sent 0-100', 'lost 100-200 @9', 'sent 200-300'],
  },
  {
    name: 'adjacent lost parts are one piece, named after the first resend',
    gap: gap({
      lost: [
        { start: 0, end: 100, frame: 9 },
        { start: 100, end: 300, frame: 11 },
      ],
    }),
    pieces: ['lost 0-300 @9'],
  },
  {
    name: 'a late segment takes its place between assumed pieces',
    gap: gap({ fills: [{ start: 100, end: 200, lines: ['late'] }] }),
    pieces: ['sent 0-100', 'fill 100-200', 'sent 200-300'],
  },
  {
    name: 'overlapping resends: the part resent is lost once',
    gap: gap({
      lost: [
        { start: 0, end: 150, frame: 9 },
        { start: 50, end: 100, frame: 10 },
      ],
    }),
    pieces: ['lost 0-150 @9', 'sent 150-300'],
  },
];

for (const c of PIECES) {
  test(`gapPieces: ${c.name}`, () => assert.deepEqual(shown(c.gap), c.pieces));
}

test('insideGap: after the first byte and before the end, across 2^32', () => {
  const g = gap({ start: 4294967200, length: 200 });
  assert.equal(insideGap(4294967200, g), false);
  assert.equal(insideGap(4294967201, g), true);
  assert.equal(insideGap(99, g), true);
  assert.equal(insideGap(104, g), false);
});

test('cutGap: parts go to their half, a lost part across the cut to both', () => {
  const halves = cutGap(gap({ lost: [{ start: 50, end: 150, frame: 9 }] }), 100);
  assert.ok(halves);
  assert.deepEqual(halves.map(shown), [
    ['sent 0-50', 'lost 50-100 @9'],
    ['lost 0-50 @9', 'sent 50-200'],
  ]);
  assert.deepEqual(
    halves.map((h) => [h.start, h.length]),
    [
      [1000, 100],
      [1100, 200],
    ],
  );
});

test('cutGap: a late segment across the cut leaves the gap whole', () => {
  assert.equal(cutGap(gap({ fills: [{ start: 50, end: 150, lines: [] }] }), 100), undefined);
});
