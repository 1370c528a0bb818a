import { analyze, type Analysis } from '../analysis/analyze';
import type { Locale } from '../text/locale';
import type { Diagnostic, Fix } from '../check/diagnostic';
import type { Span } from '../text/span';
import {
  atDocumentLines,
  findHandshakeFences,
  toDocumentOffset,
  type HandshakeFence,
} from './fences';

/** One checked ` ```handshake ` block: where it is and the engine's analysis of its text. */
export interface CheckedFence {
  readonly fence: HandshakeFence;
  /**
   * The analysis of the block's text placed at its lines in the document (see `placedText`):
   * offsets count in that text, `fenceOffset` ahead of `fence.text`.
   */
  readonly analysis: Analysis;
  readonly fenceOffset: number;
}

export interface MarkdownCheck {
  readonly fences: readonly CheckedFence[];
  /** The problems of every block, with spans (and related spans, fixes) in document offsets. */
  readonly diagnostics: readonly Diagnostic[];
  /** The language every block was analysed in: the features on the blocks word in it too. */
  readonly locale: Locale;
}

/** The block's text placed at its document lines (see `atDocumentLines`). */
function placedText(fence: HandshakeFence): string {
  return atDocumentLines(fence.text, fence.line);
}

/**
 * Checks every Handshake block of a Markdown document with the engine, each on its own, and
 * moves the problems to where they are in the document. A block whose text and place are
 * unchanged since `previous` (the last check of the same document) keeps its analysis: typing
 * in a long note re-checks only the block being edited (and the blocks it moves). Never throws.
 */
export function checkMarkdown(
  markdown: string,
  previous?: MarkdownCheck,
  locale: Locale = 'en',
): MarkdownCheck {
  const reused = previous?.locale === locale ? previous.fences : [];
  const known = new Map(reused.map((f) => [placedText(f.fence), f.analysis]));
  const fences = findHandshakeFences(markdown).map((fence) => {
    const text = placedText(fence);
    const analysis = known.get(text) ?? analyze(text, { locale });
    return { fence, analysis, fenceOffset: fence.line + 1 };
  });
  const diagnostics = fences.flatMap(({ fence, analysis, fenceOffset }) =>
    analysis.diagnostics.map((d) => toDocumentDiagnostic(fence, d, fenceOffset)),
  );
  return { fences, diagnostics, locale };
}

/**
 * A diagnostic of a block's text, with every span moved into the document; `shift` is how far
 * the analysed text had the block's text in (0 for the bare text).
 */
export function toDocumentDiagnostic(fence: HandshakeFence, d: Diagnostic, shift = 0): Diagnostic {
  const span = (s: Span): Span => ({
    start: toDocumentOffset(fence, Math.max(0, s.start - shift)),
    end: toDocumentOffset(fence, Math.max(0, s.end - shift)),
  });
  const fix: Fix | undefined = d.fix && {
    title: d.fix.title,
    edits: d.fix.edits.map((edit) => ({ span: span(edit.span), newText: edit.newText })),
  };
  return {
    ...d,
    span: span(d.span),
    related: d.related.map((r) => ({ span: span(r.span), message: r.message })),
    ...(fix ? { fix } : {}),
  };
}
