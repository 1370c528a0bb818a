import type { TextEdit } from '../text/textEdits';
import { completionList, type CompletionItem, type CompletionList } from '../service/completion';
import {
  fixAllSeqAck,
  fixAllTitle,
  quickFixes,
  SEQ_ACK_CODES,
  type QuickFix,
} from '../service/fixes';
import { hover, type Hover } from '../service/hover';
import { inlayHints, type InlayHint } from '../service/inlayHints';
import { verdict } from '../service/verdict';
import type { Span } from '../text/span';
import { toDocumentDiagnostic, type MarkdownCheck } from './checkMarkdown';
import {
  fenceContentSpan,
  nearestFenceOffset,
  placeInFence,
  toDocumentPlace,
  toDocumentSpan,
} from './fenceAt';
import { findHandshakeFences, toDocumentOffset } from './fences';

/**
 * The language service of `src/core/service` for the ` ```handshake ` blocks of a Markdown
 * document: each feature finds the block at the cursor, asks the service about that block's
 * analysis, and moves the answer's offsets into the document. Nothing is decided here; outside
 * the blocks there is no answer. Offsets are UTF-16 offsets of the Markdown document.
 */

/** The hover at `offset`, inside a block: what `hover` says there, its span in the document. */
export function hoverInMarkdown(check: MarkdownCheck, offset: number): Hover | undefined {
  const place = placeInFence(check, offset);
  const found = place && hover(place.checked.analysis, place.offset);
  return found && { ...found, span: toDocumentSpan(place.checked, found.span) };
}

/** The completions at `offset`, inside a block; none elsewhere (prose is not Handshake). */
export function completeInMarkdown(check: MarkdownCheck, offset: number): CompletionItem[] {
  return completionListInMarkdown(check, offset).items;
}

/**
 * As `completeInMarkdown`, with whether the list must be asked for again at the next key (after
 * `seq=` / `ack=`, as in a .handshake file: see `completionList`).
 */
export function completionListInMarkdown(check: MarkdownCheck, offset: number): CompletionList {
  const place = placeInFence(check, offset);
  if (!place) return { items: [], isIncomplete: false };
  const list = completionList(place.checked.analysis, place.offset);
  return {
    isIncomplete: list.isIncomplete,
    items: list.items.map((item) =>
      item.replace ? { ...item, replace: toDocumentSpan(place.checked, item.replace) } : item,
    ),
  };
}

/**
 * The quick fixes for the problems that touch `span`, in whichever blocks it reaches: each
 * problem's own fix, then, when one of them is a wrong seq or ack, the fix of every seq and ack
 * number of the document (all its blocks), as in a `.handshake` file.
 */
export function quickFixesInMarkdown(
  markdown: string,
  check: MarkdownCheck,
  span: Span,
): QuickFix[] {
  const fixes: QuickFix[] = [];
  for (const checked of check.fences) {
    const content = fenceContentSpan(checked.fence);
    if (span.end < content.start || span.start > content.end) continue;
    const inner = {
      start: nearestFenceOffset(checked.fence, span.start),
      end: nearestFenceOffset(checked.fence, span.end),
    };
    for (const fix of quickFixes(checked.analysis, inner)) {
      // The block's own "fix all" covers only the block: the document's is added below.
      if (!fix.diagnostic) continue;
      const diagnostic = toDocumentDiagnostic(checked.fence, fix.diagnostic);
      const edits = fix.edits.map((e) => ({
        span: toDocumentSpan(checked, e.span),
        newText: e.newText,
      }));
      fixes.push({ ...fix, edits, diagnostic });
    }
  }
  if (fixes.some((f) => f.diagnostic && SEQ_ACK_CODES.has(f.diagnostic.code))) {
    const edits = fixAllSeqAckInMarkdown(markdown);
    if (edits.length > 0) fixes.push({ title: fixAllTitle(check.locale), edits, preferred: false });
  }
  return fixes;
}

/**
 * Every seq and ack number of every block put right (`fixAllSeqAck` on each block's text), as
 * edits of the document; none when all are right. Those fixes change values inside a line, so
 * each edit stays on its line of the block.
 */
export function fixAllSeqAckInMarkdown(markdown: string): TextEdit[] {
  return findHandshakeFences(markdown).flatMap((fence) =>
    fixAllSeqAck(fence.text).map((edit) => ({
      span: {
        start: toDocumentOffset(fence, edit.span.start),
        end: toDocumentOffset(fence, edit.span.end),
      },
      newText: edit.newText,
    })),
  );
}

/** The inlay hints of the blocks that `span` reaches, at their places in the document. */
export function inlayHintsInMarkdown(check: MarkdownCheck, span: Span): InlayHint[] {
  return check.fences.flatMap((checked) => {
    const content = fenceContentSpan(checked.fence);
    if (span.end < content.start || span.start > content.end) return [];
    const inner = {
      start: nearestFenceOffset(checked.fence, span.start),
      end: nearestFenceOffset(checked.fence, span.end),
    };
    return inlayHints(checked.analysis, inner).map((hint) => ({
      ...hint,
      offset: toDocumentPlace(checked, hint.offset),
    }));
  });
}

/** A block's verdict (as the CodeLens of a `.handshake` file says it) and its opening line. */
export interface FenceVerdict {
  /** 0-based line of the opening fence in the document. */
  readonly line: number;
  readonly verdict: string;
  readonly problems: number;
}

/** The verdict of each block, to show above its opening fence. */
export function fenceVerdicts(check: MarkdownCheck): FenceVerdict[] {
  return check.fences.map(({ fence, analysis }) => ({
    line: fence.line,
    verdict: verdict(analysis),
    problems: analysis.diagnostics.length,
  }));
}
