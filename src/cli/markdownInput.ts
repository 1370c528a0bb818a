import type { Locale } from '../core/text/locale';
import { findHandshakeFences } from '../core/markdown/fences';
import { cliTextIn } from './cliText';

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
  locale: Locale,
): NoteBlock | { readonly error: string } {
  const cliText = cliTextIn(locale);
  if (blocks.length === 0) return { error: cliText.noBlocks({ file }) };
  if (block === undefined) {
    if (blocks.length === 1) return blocks[0] as NoteBlock;
    return {
      error: cliText.chooseBlock({ file, count: blocks.length, lines: linesOf(blocks, locale) }),
    };
  }
  return (
    blocks[block - 1] ?? {
      error: cliText.noSuchBlock({
        file,
        block,
        count: blocks.length,
        lines: linesOf(blocks, locale),
      }),
    }
  );
}

function linesOf(blocks: readonly NoteBlock[], locale: Locale): string {
  const cliText = cliTextIn(locale);
  return blocks.map((b) => cliText.blockAt({ index: b.index, line: b.line })).join(', ');
}
