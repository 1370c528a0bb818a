import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { captureHover } from '../../../src/core/service/captureHover';
import { hover } from '../../../src/core/service/hover';

const TEXT = [
  'endpoint client 10.0.0.1:50000',
  'endpoint server 10.0.0.2:80',
  'server listen',
  'client -> server SYN seq=1000 win=65535 # frame 1 t=0.000454 mss=1460 wscale=7 sack_perm',
  'server -> client SYN ACK seq=5000 ack=1001 win=65535 # frame 2 t=0.01 [TCP Out-Of-Order]',
  'client -> server ACK seq=1001 ack=5001 win=65535 # a plain note',
  '',
].join('\n');

function at(needle: string, shift = 0): number {
  return TEXT.indexOf(needle) + shift;
}

test('hovering a capture annotation shows its frame, time, options and labels', () => {
  const analysis = analyze(TEXT);
  const shown = hover(analysis, at('frame 1', 2));
  assert.ok(shown);
  assert.equal(
    TEXT.slice(shown.span.start, shown.span.end),
    '# frame 1 t=0.000454 mss=1460 wscale=7 sack_perm',
  );
  assert.match(shown.markdown, /\*\*Frame 1\*\*/);
  assert.match(shown.markdown, /0\.000454 s/);
  assert.match(shown.markdown, /`mss=1460` `wscale=7` `sack_perm`/);
  const labelled = captureHover(analysis, at('[TCP Out', 3));
  assert.match(labelled?.markdown ?? '', /\*TCP Out-Of-Order\*/);
});

test('a plain comment and the segment itself are not the annotation', () => {
  const analysis = analyze(TEXT);
  assert.equal(captureHover(analysis, at('a plain', 2)), undefined);
  assert.equal(captureHover(analysis, at('seq=1000')), undefined);
});
