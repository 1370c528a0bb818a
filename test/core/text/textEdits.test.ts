import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { TextEdit } from '../../../src/core/text/textEdits';
import { applyEdits } from '../../../src/core/text/textEdits';

/** applyEdits as it was: one edit at a time on the whole text (quadratic), the specification. */
function applyEditsOneByOne(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let result = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.span.end > limit) continue;
    result = result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end);
    limit = edit.span.start;
  }
  return result;
}

const edit = (start: number, end: number, newText: string): TextEdit => ({
  span: { start, end },
  newText,
});

describe('applyEdits', () => {
  const cases: readonly [string, readonly TextEdit[], string][] = [
    ['no edits leave the text alone', [], 'abcdef'],
    ['edits apply in any order', [edit(4, 5, 'E'), edit(0, 1, 'A')], 'AbcdEf'],
    ['an insertion and a deletion', [edit(1, 1, '+'), edit(3, 5, '')], 'a+bcf'],
    [
      'insertions at one offset come out last first',
      [edit(2, 2, '1'), edit(2, 2, '2')],
      'ab21cdef',
    ],
    [
      'an insertion before a replacement at the same offset',
      [edit(2, 4, 'X'), edit(2, 2, '+')],
      'ab+Xef',
    ],
    [
      'an insertion after a replacement that ends there',
      [edit(2, 4, 'X'), edit(4, 4, '+')],
      'abX+ef',
    ],
    ['an edit overlapping a later one is dropped', [edit(1, 4, 'X'), edit(3, 5, 'Y')], 'abcYf'],
    ['of two edits from one offset the longer wins', [edit(1, 2, 'S'), edit(1, 4, 'L')], 'aLef'],
    ['an edit may replace the whole text', [edit(0, 6, 'new')], 'new'],
  ];
  for (const [name, edits, expected] of cases) {
    test(name, () => assert.equal(applyEdits('abcdef', edits), expected));
  }

  test('property: the same result as applying the edits one by one, overlaps included', () => {
    const text = 'endpoint a\nendpoint b\na -> b SYN seq=1\n';
    const anEdit = fc
      .tuple(fc.nat({ max: text.length }), fc.nat({ max: 6 }), fc.constantFrom('', 'x', 'yy', '\n'))
      .map(([start, length, newText]) =>
        edit(start, Math.min(start + length, text.length), newText),
      );
    fc.assert(
      fc.property(fc.array(anEdit, { maxLength: 12 }), (edits) => {
        assert.equal(applyEdits(text, edits), applyEditsOneByOne(text, edits));
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  test('one edit per line of a 100k-line text, in one pass', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `line ${i}`);
    const text = lines.join('\n');
    const edits: TextEdit[] = [];
    let offset = 0;
    for (const line of lines) {
      edits.push(edit(offset, offset + 4, 'LINE'));
      offset += line.length + 1;
    }
    assert.equal(applyEdits(text, edits), text.replace(/^line/gm, 'LINE'));
    assert.equal(applyEdits(text, [...edits].reverse()), text.replace(/^line/gm, 'LINE'));
  });
});
