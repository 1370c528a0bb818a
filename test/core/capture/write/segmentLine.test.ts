import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { secondsText } from '../../../../src/core/capture/write/segmentLine';

/** The fraction's first digits, cut: the text as it was first written. */
function reference(nanoseconds: number, precision: number): string {
  const digits = Math.max(0, Math.min(precision, 9));
  const whole = Math.floor(nanoseconds / 1e9);
  const fraction = Math.round(nanoseconds - whole * 1e9);
  if (digits === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(9, '0').slice(0, digits)}`;
}

test('seconds keep as many digits as the capture had, cut and not rounded', () => {
  const cases: [number, number, string][] = [
    [0, 6, '0.000000'],
    [454_000, 6, '0.000454'],
    [1_999_999_999, 6, '1.999999'],
    [1_000_000_001, 9, '1.000000001'],
    [12_345_678_901, 3, '12.345'],
    [7_000_000_000, 0, '7'],
  ];
  for (const [ns, precision, text] of cases) assert.equal(secondsText(ns, precision), text);
});

test('seconds text: the same as padding all nine digits and cutting them', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -(2 ** 52), max: 2 ** 52 }),
      fc.integer({ min: -1, max: 12 }),
      (ns, precision) => {
        assert.equal(secondsText(ns, precision), reference(ns, precision));
      },
    ),
    { numRuns: 5000 },
  );
});
