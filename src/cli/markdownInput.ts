import { findHandshakeFences } from '../core/markdown/fences';
import { CLI_TEXT } from './cliText';

/** Markdown notes by their name, as `check` reads them. */
export const MARKDOWN = /\.(md|markdown)$/i;

/** The blocks of a note `mermaid` and `render` draw: each placed at its document lines. */
export interface NoteBlock {
  /** 1-based, in the note's order: what `--block N` names. */
  readonly index: number;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The block's text. */
  readonly text: string;
  /** The 0-based line of its first line in the note: analysed with it, lines name the note's. */
  readonly firstLine: number;
}

/** The note's ` ```handshake ` blocks, each ready to analyse. */
export function noteBlocks(markdown: string): NoteBlock[] {
  return findHandshakeFences(markdown).map((fence, i) => ({
    index: i + 1,
    line: fence.line + 1,
    text: fence.text,
    firstLine: fence.line + 1,
  }));
}

/**
 * The one block of a note that `--block N` (or a note with a single block) names, or the
 * message that says which exist.
 */
export function chooseBlock(
  file: string,
  blocks: readonly NoteBlock[],
  block: number | undefined,
): NoteBlock | { readonly error: string } {
  if (blocks.length === 0) return { error: CLI_TEXT.noBlocks({ file }) };
  if (block === undefined) {
    if (blocks.length === 1) return blocks[0] as NoteBlock;
    return { error: CLI_TEXT.chooseBlock({ file, count: blocks.length, lines: linesOf(blocks) }) };
  }
  return (
    blocks[block - 1] ?? {
      error: CLI_TEXT.noSuchBlock({ file, block, count: blocks.length, lines: linesOf(blocks) }),
    }
  );
}

function linesOf(blocks: readonly NoteBlock[]): string {
  return blocks.map((b) => CLI_TEXT.blockAt({ index: b.index, line: b.line })).join(', ');
}
