import assert from 'node:assert/strict';
import { test } from 'node:test';
import { captureDay } from '../../../../src/core/capture/write/captureDay';

test('a capture time is written as its UTC day', () => {
  assert.equal(captureDay(0), '1970-01-01');
  assert.equal(captureDay(1764115200.5), '2025-11-26');
  assert.equal(captureDay(253402300799), '9999-12-31');
});

test('a time no date can say gives no day instead of a RangeError', () => {
  // A pcapng timestamp at 1 s resolution near 2^63: past JavaScript's last date (year 275760).
  assert.equal(captureDay(9.2e18), undefined);
  assert.equal(captureDay(253402300800), undefined); // year 10000
  assert.equal(captureDay(-62167219201), undefined); // before year 0000
  assert.equal(captureDay(Number.NaN), undefined);
  assert.equal(captureDay(Number.POSITIVE_INFINITY), undefined);
});
