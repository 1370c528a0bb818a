import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkMarkdown } from '../../../src/core/markdown/checkMarkdown';
import {
  fenceContentSpan,
  nearestFenceOffset,
  placeInFence,
  toDocumentSpan,
  toFenceOffset,
} from '../../../src/core/markdown/fenceAt';
import { findHandshakeFences, toDocumentOffset } from '../../../src/core/markdown/fences';

const SCENARIO = ['endpoint a', 'endpoint b', 'b listen', 'a -> b SYN seq=1'];

const DOCUMENTS: Record<string, string> = {
  'a fence at the top level': ['# Notes', '', '```handshake', ...SCENARIO, '```', 'after'].join(
    '\n',
  ),
  'an indented fence with unevenly indented lines': [
    '  ```handshake',
    ...SCENARIO.map((l, i) => (i % 2 ? '  ' : ' ') + l),
    '  ```',
  ].join('\n'),
  'a fence in a list item, with Windows line ends': [
    '1. Trace:',
    '',
    '   ```handshake',
    ...SCENARIO.map((l) => '   ' + l),
    '',
    '   ```',
    '',
  ].join('\r\n'),
  'an unclosed fence ending in a line end': ['```handshake', ...SCENARIO, ''].join('\n'),
  'an unclosed fence without a last line end': ['```handshake', ...SCENARIO].join('\n'),
  'two blocks': [
    '```handshake',
    'endpoint a',
    '```',
    'prose',
    '~~~handshake',
    'endpoint b',
    '~~~',
  ].join('\n'),
};

describe('offsets in the document map into the block and back', () => {
  for (const [name, markdown] of Object.entries(DOCUMENTS)) {
    test(name, () => {
      const fences = findHandshakeFences(markdown);
      assert.ok(fences.length > 0);
      for (const fence of fences) {
        // Every place of the block's text comes back from where it lands in the document; past
        // the last line end of a closed block is the closing fence's line, kept on the block.
        const last = fence.textLineStarts.at(-1) ?? 0;
        const end = last < fence.text.length ? fence.text.length - 1 : fence.text.length;
        for (let offset = 0; offset <= end; offset++) {
          assert.equal(toFenceOffset(fence, toDocumentOffset(fence, offset)), offset, `${offset}`);
        }
        // Every document offset that maps into the block maps back to itself, on the same
        // character; the others are off the block's content.
        const content = fenceContentSpan(fence);
        for (let offset = 0; offset <= markdown.length; offset++) {
          const inFence = toFenceOffset(fence, offset);
          if (inFence === undefined) continue;
          assert.ok(offset >= content.start && offset <= content.end, `${offset} in the content`);
          assert.equal(toDocumentOffset(fence, inFence), offset);
          const char = fence.text[inFence];
          if (char !== undefined && char !== '\n') assert.equal(markdown[offset], char);
        }
      }
    });
  }
});

test('the fences, the indentation and the prose are not in the block', () => {
  const markdown = DOCUMENTS['a fence in a list item, with Windows line ends'] as string;
  const [fence] = findHandshakeFences(markdown);
  assert.ok(fence);
  const at = (needle: string, plus = 0) => markdown.indexOf(needle) + plus;
  assert.equal(toFenceOffset(fence, at('```handshake')), undefined, 'the opening fence');
  assert.equal(toFenceOffset(fence, at('```handshake', 12)), undefined, 'its end');
  assert.equal(toFenceOffset(fence, at('Trace')), undefined, 'prose');
  assert.equal(toFenceOffset(fence, at('   endpoint a')), undefined, 'indentation');
  assert.equal(toFenceOffset(fence, at('   endpoint a', 3)), 0, 'the first character');
  assert.equal(toFenceOffset(fence, at('endpoint a', 10)), 10, 'the end of a line');
  assert.equal(toFenceOffset(fence, at('endpoint a', 11)), undefined, 'its \\n after the \\r');
  assert.equal(toFenceOffset(fence, markdown.lastIndexOf('```')), undefined, 'closing fence');
});

test('the nearest place in the block clamps to the content', () => {
  const markdown = DOCUMENTS['a fence in a list item, with Windows line ends'] as string;
  const [fence] = findHandshakeFences(markdown);
  assert.ok(fence);
  assert.equal(nearestFenceOffset(fence, 0), 0, 'before the block: its start');
  const indentation = markdown.indexOf('   endpoint b') + 1;
  assert.equal(nearestFenceOffset(fence, indentation), 10, "the line before's end");
  assert.equal(nearestFenceOffset(fence, indentation + 3), 12, 'in a line');
  // The end of the last line: the text's final \n is the line end before the closing fence.
  assert.equal(nearestFenceOffset(fence, markdown.length), fence.text.length - 1, 'past the block');
});

test('a place in a block is the same character of the analysed text', () => {
  const markdown = DOCUMENTS['two blocks'] as string;
  const check = checkMarkdown(markdown);
  const offset = markdown.indexOf('endpoint b') + 9;
  const place = placeInFence(check, offset);
  assert.ok(place);
  assert.equal(place.checked, check.fences[1]);
  assert.equal(place.checked.analysis.document.text[place.offset], 'b');
  const span = { start: place.offset - 9, end: place.offset + 1 };
  const back = toDocumentSpan(place.checked, span);
  assert.equal(markdown.slice(back.start, back.end), 'endpoint b');
  assert.equal(placeInFence(check, markdown.indexOf('prose')), undefined);
});
