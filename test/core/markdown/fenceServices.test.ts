import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { checkMarkdown } from '../../../src/core/markdown/checkMarkdown';
import {
  completeInMarkdown,
  completionListInMarkdown,
  fenceVerdicts,
  fixAllSeqAckInMarkdown,
  hoverInMarkdown,
  inlayHintsInMarkdown,
  quickFixesInMarkdown,
} from '../../../src/core/markdown/fenceServices';
import { applyEdits } from '../../../src/core/text/textEdits';
import { OPEN } from '../../helpers';

const NOTES = readFileSync('examples/tcp-notes.md', 'utf8');

/** The document offset of line `line`, column `column` (both 1-based, as the editor shows). */
function offsetAt(markdown: string, line: number, column: number): number {
  const before = markdown.split('\n').slice(0, line - 1);
  return before.reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
}

/** 1-based `line:column` of a document offset. */
function positionOf(markdown: string, offset: number): string {
  const before = markdown.slice(0, offset).split(/\r?\n/);
  return `${before.length}:${(before.at(-1) as string).length + 1}`;
}

/** A note with an indented block in a list item and Windows line ends, its cursor at `|`. */
function indentedNote(...scenario: string[]): { markdown: string; cursor: number } {
  const text = [
    '# Notes',
    '',
    '- the handshake, written by hand:',
    '',
    '  ```handshake',
    ...scenario.map((l) => '  ' + l),
    '  ```',
    '',
  ].join('\r\n');
  return { markdown: text.replace('|', ''), cursor: text.indexOf('|') };
}

describe('completion in a block', () => {
  test('after ack= it offers the expected value first, and is asked again at each key', () => {
    const { markdown, cursor } = indentedNote(...OPEN, 'client -> server PSH ACK seq=x+1 ack=|');
    const list = completionListInMarkdown(checkMarkdown(markdown), cursor);
    assert.equal(list.isIncomplete, true);
    const first = list.items.find((item) => item.preselect);
    assert.equal(first?.label, 'y+1');
    assert.ok(first.replace);
    assert.equal(first.replace.start, cursor);
    assert.equal(first.replace.end, cursor);
  });

  test('a value typed in full is never replaced by a suggestion (Enter keeps what was typed)', () => {
    const { markdown, cursor } = indentedNote(...OPEN, 'client -> server PSH ACK seq=x+1 ack=y|');
    const list = completionListInMarkdown(checkMarkdown(markdown), cursor);
    assert.equal(list.isIncomplete, true);
    assert.deepEqual(
      list.items.filter((item) => item.preselect || item.replace?.end === cursor),
      [],
    );
  });

  test('at the start of a line it offers the endpoints and keywords', () => {
    const { markdown, cursor } = indentedNote(...OPEN, '|');
    const labels = completeInMarkdown(checkMarkdown(markdown), cursor).map((i) => i.label);
    assert.ok(labels.includes('client') && labels.includes('expect'), labels.join(', '));
  });

  test('outside the blocks there is none: prose, the fences, another language', () => {
    const markdown = `text ack=\n\n\`\`\`js\nack=\n\`\`\`\n\n\`\`\`handshake\n${OPEN.join('\n')}\n\`\`\`\n`;
    const check = checkMarkdown(markdown);
    for (const offset of [
      markdown.indexOf('ack=') + 4,
      markdown.indexOf('ack=\n```') + 4,
      markdown.indexOf('```handshake') + 12,
      markdown.length,
    ]) {
      assert.deepEqual(completeInMarkdown(check, offset), [], positionOf(markdown, offset));
    }
  });
});

describe('hover in a block', () => {
  test("on the note's wrong ack: the expected value, why, and the document's lines", () => {
    // Where the Problems list puts the mistake: line 33, column 41.
    const found = hoverInMarkdown(checkMarkdown(NOTES), offsetAt(NOTES, 33, 42));
    assert.ok(found);
    assert.equal(NOTES.slice(found.span.start, found.span.end), 'x+1');
    assert.equal(positionOf(NOTES, found.span.start), '33:41');
    assert.match(found.markdown, /\*\*ack\*\* = `x\+2` \(written: `x\+1`\)/);
    // The FIN it counts is on line 32 of the note, not line 9 of the block.
    assert.match(found.markdown, /the FIN client sent at line 32 /);
    assert.match(found.markdown, /HS101/);
  });

  test('in an indented block with Windows line ends the span is the flag under the cursor', () => {
    const { markdown, cursor } = indentedNote(...OPEN.slice(0, 3), 'client -> server SY|N seq=x');
    const found = hoverInMarkdown(checkMarkdown(markdown), cursor);
    assert.ok(found);
    assert.equal(markdown.slice(found.span.start, found.span.end), 'SYN');
    assert.match(found.markdown, /SYN/);
  });

  test('none in prose', () => {
    assert.equal(hoverInMarkdown(checkMarkdown(NOTES), NOTES.indexOf('SYN 占用')), undefined);
  });
});

describe('quick fixes in a block', () => {
  test("Change ack to x+2 on the note's mistake, then fix all, both edits of the document", () => {
    const check = checkMarkdown(NOTES);
    const cursor = offsetAt(NOTES, 33, 42);
    const fixes = quickFixesInMarkdown(NOTES, check, { start: cursor, end: cursor });
    assert.deepEqual(
      fixes.map((f) => [f.title, f.preferred]),
      [
        ['Change ack to x+2', true],
        ['Fix all seq/ack numbers in file', false],
      ],
    );
    const [change, all] = fixes as [(typeof fixes)[0], (typeof fixes)[0]];
    // The diagnostic is the one the Problems list shows, so VS Code pairs them.
    assert.deepEqual(change.diagnostic, check.diagnostics[0]);
    for (const fix of [change, all]) {
      const fixed = applyEdits(NOTES, fix.edits);
      assert.match(
        fixed.split('\n')[32] as string,
        /^server -> client {2}ACK {6}seq=y\+1 {2}ack=x\+2$/,
      );
      assert.deepEqual(checkMarkdown(fixed).diagnostics, [], fix.title);
    }
  });

  test('a range that reaches into a block from the prose before it finds its fixes', () => {
    const block = NOTES.indexOf('```handshake\nscenario "四次挥手"');
    const span = { start: block - 20, end: offsetAt(NOTES, 33, 42) };
    const titles = quickFixesInMarkdown(NOTES, checkMarkdown(NOTES), span).map((f) => f.title);
    assert.ok(titles.includes('Change ack to x+2'), titles.join(', '));
  });

  test('none where no problem is', () => {
    const cursor = offsetAt(NOTES, 12, 30);
    assert.deepEqual(
      quickFixesInMarkdown(NOTES, checkMarkdown(NOTES), { start: cursor, end: cursor }),
      [],
    );
  });
});

describe('fix all in a Markdown document', () => {
  test('every block is fixed, an indented one with Windows line ends too, and prose is kept', () => {
    const wrong = [...OPEN.slice(0, 4), 'server -> client SYN ACK seq=y ack=x', OPEN[5] as string];
    const { markdown } = indentedNote(...wrong);
    const twice = `${markdown}\r\nack=x stays\r\n\r\n\`\`\`handshake\r\n${wrong.join('\r\n')}\r\n\`\`\`\r\n`;
    assert.equal(checkMarkdown(twice).diagnostics.length, 2);
    const edits = fixAllSeqAckInMarkdown(twice);
    assert.equal(edits.length, 2);
    const fixed = applyEdits(twice, edits);
    assert.deepEqual(checkMarkdown(fixed).diagnostics, []);
    assert.equal(fixed, twice.replaceAll('ack=x\r\n', 'ack=x+1\r\n'));
    assert.match(fixed, /ack=x stays/);
    assert.match(fixed, /\r\n {2}server -> client SYN ACK seq=y ack=x\+1\r\n/);
  });

  test('nothing to do when every number is right', () => {
    const right = NOTES.replace('seq=y+1  ack=x+1\n', 'seq=y+1  ack=x+2\n');
    assert.deepEqual(checkMarkdown(right).diagnostics, []);
    assert.deepEqual(fixAllSeqAckInMarkdown(right), []);
  });
});

test('inlay hints land after their values and segments in the document', () => {
  const markdown = `intro\n\n\`\`\`handshake\nlet x = 100\n${OPEN.join('\n')}\n\`\`\`\n`;
  const check = checkMarkdown(markdown);
  const hints = inlayHintsInMarkdown(check, { start: 0, end: markdown.length });
  const synAck = markdown.indexOf('ack=x+1') + 'ack=x+1'.length;
  assert.ok(hints.some((h) => h.offset === synAck && h.label === '= 101'));
  // Only the hints of the visible range: here the SYN ACK's line alone.
  const line = { start: markdown.indexOf('server -> client'), end: synAck };
  const visible = inlayHintsInMarkdown(check, line).map((h) => positionOf(markdown, h.offset));
  assert.deepEqual([...new Set(visible)], ['9:39']);
});

test("each block's verdict, on its opening fence's line", () => {
  assert.deepEqual(
    fenceVerdicts(checkMarkdown(NOTES)).map((v) => [v.line + 1, v.verdict]),
    [
      [6, '3-way handshake ✓ · no problems'],
      [23, '3-way handshake ✓ · close ✗ (1 problem) · 1 problem'],
    ],
  );
});
