import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMarkdown } from '../../../src/core/markdown/checkMarkdown';
import { LineMap } from '../../../src/core/text/lineMap';

const BLOCK = [
  '```handshake',
  'endpoint client',
  'endpoint server',
  'server listen',
  'client -> server  SYN      seq=100',
  'server -> client  SYN ACK  seq=300  ack=101',
  'client -> server  ACK      seq=101  ack=301',
  '```',
].join('\n');

/** A note of `blocks` small blocks with a paragraph of prose before each. */
function note(blocks: number): string {
  const parts: string[] = ['# Notes', ''];
  for (let i = 0; i < blocks; i++) parts.push(`Handshake number ${i + 1}.`, '', BLOCK, '');
  return parts.join('\n');
}

/** What the check keeps per block: the text it analysed and the lines it mapped. */
function analysedSize(markdown: string): number {
  return checkMarkdown(markdown).fences.reduce(
    (n, f) => n + f.analysis.document.text.length + f.analysis.lines.lineCount,
    0,
  );
}

test('many blocks: each is analysed alone, so the work grows with the blocks, not blocks × note', () => {
  const small = analysedSize(note(100));
  const large = analysedSize(note(1000));
  assert.ok(large <= small * 11, `${small} → ${large} for 10× the blocks`);
});

test('a block deep in a note: its messages and positions name the note’s lines', () => {
  const markdown = `${'prose\n'.repeat(40)}${BLOCK.replace('ack=101', 'ack=100')}\n`;
  const check = checkMarkdown(markdown);
  const wrong = check.diagnostics.find((d) => d.code === 'HS101');
  assert.ok(wrong, 'the wrong ack is reported');
  const lines = new LineMap(markdown);
  // The SYN ACK is the note's line 46 (1-based); the SYN it answers is line 45.
  assert.equal(lines.lineOf(wrong.span) + 1, 46);
  assert.match(wrong.message, /line 45\b/);
  assert.equal(check.fences[0]?.analysis.lines.lineOf({ start: 0, end: 0 }), 41);
});

test('a block that moves is checked again; one that stays keeps its analysis', () => {
  const first = checkMarkdown(note(2));
  const same = checkMarkdown(note(2), first);
  assert.equal(same.fences[1]?.analysis, first.fences[1]?.analysis);
  const moved = checkMarkdown(`prose\n${note(2)}`, first);
  assert.notEqual(moved.fences[1]?.analysis, first.fences[1]?.analysis);
  assert.equal(moved.fences[1]?.analysis.lines.firstLine, (first.fences[1]?.fence.line ?? 0) + 2);
});
