import type { Span } from '../text/span';
import type { CheckedFence, MarkdownCheck } from './checkMarkdown';
import { toDocumentOffset, type HandshakeFence } from './fences';

/**
 * The way from a place in a Markdown document into a checked ` ```handshake ` block and back:
 * editor features ask the language service of `src/core/service` about the block's analysis
 * (whose offsets are the block text's, its lines the document's) and move the answer into the
 * document. The way out is `toDocumentOffset`; this is the way in.
 */

/** The end of line `index` of the fence's text: its `\n`, or the end of the text. */
function lineEnd(fence: HandshakeFence, index: number): number {
  const start = fence.textLineStarts[index] as number;
  const newline = fence.text.indexOf('\n', start);
  return newline < 0 ? fence.text.length : newline;
}

/** The last content line whose first character is at or before `offset`; -1 before the first. */
function lineBefore(fence: HandshakeFence, offset: number): number {
  const starts = fence.documentLineStarts;
  let low = 0;
  let high = starts.length - 1;
  if (high < 0 || (starts[0] as number) > offset) return -1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The offset in the fence's text of a document offset on one of its content lines, from the
 * first character after the stripped indentation to the end of the line (where a cursor after
 * the last word sits); `undefined` elsewhere: the fences themselves, the indentation, prose.
 */
export function toFenceOffset(fence: HandshakeFence, offset: number): number | undefined {
  const index = lineBefore(fence, offset);
  if (index < 0) return undefined;
  const start = fence.textLineStarts[index] as number;
  const column = offset - (fence.documentLineStarts[index] as number);
  return column <= lineEnd(fence, index) - start ? start + column : undefined;
}

/**
 * Like `toFenceOffset`, but a document offset off the content moves to the nearest place in the
 * text: before the content to its start, past a line's end (its line end, the next line's
 * stripped indentation, the closing fence, what follows) to that line's end.
 */
export function nearestFenceOffset(fence: HandshakeFence, offset: number): number {
  const index = lineBefore(fence, offset);
  if (index < 0) return 0;
  const start = fence.textLineStarts[index] as number;
  const column = offset - (fence.documentLineStarts[index] as number);
  return start + Math.min(column, lineEnd(fence, index) - start);
}

/** Where the content of the fence is in the document: its first line to the end of its last. */
export function fenceContentSpan(fence: HandshakeFence): Span {
  return { start: fence.documentStart, end: toDocumentOffset(fence, fence.text.length) };
}

/** A checked block and an offset in its text. */
export interface PlaceInFence {
  readonly checked: CheckedFence;
  readonly offset: number;
}

/**
 * The checked block whose content holds document offset `offset`, with the matching offset in
 * its analysed text; `undefined` outside every block.
 */
export function placeInFence(check: MarkdownCheck, offset: number): PlaceInFence | undefined {
  for (const checked of check.fences) {
    const inFence = toFenceOffset(checked.fence, offset);
    if (inFence !== undefined) return { checked, offset: inFence };
  }
  return undefined;
}

/** A span of a checked block's analysed text, moved into the document. */
export function toDocumentSpan(checked: CheckedFence, span: Span): Span {
  return {
    start: toDocumentOffset(checked.fence, span.start),
    end: toDocumentOffset(checked.fence, span.end),
  };
}

/** An offset of a checked block's analysed text, moved into the document. */
export function toDocumentPlace(checked: CheckedFence, offset: number): number {
  return toDocumentOffset(checked.fence, offset);
}
