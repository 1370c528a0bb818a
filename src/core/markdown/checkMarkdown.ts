import { analyze, type Analysis } from '../analysis/analyze';
import type { Locale } from '../text/locale';
import type { Diagnostic, Fix } from '../check/diagnostic';
import type { Span } from '../text/span';
import { findHandshakeFences, toDocumentOffset, type HandshakeFence } from './fences';

/** One checked ` ```handshake ` block: where it is and the engine's analysis of its text. */
export interface CheckedFence {
  readonly fence: HandshakeFence;
  /**
   * The analysis of the block's text: offsets count in `fence.text`, lines are the document's
   * (see `analyzeFence`).
   */
  readonly analysis: Analysis;
}

export interface MarkdownCheck {
  readonly fences: readonly CheckedFence[];
  /** The problems of every block, with spans (and related spans, fixes) in document offsets. */
  readonly diagnostics: readonly Diagnostic[];
  /** The language every block was analysed in: the features on the blocks word in it too. */
  readonly locale: Locale;
}

/**
 * The analysis of a block on its own, its lines numbered as the document's, so that what the
 * engine numbers by line (messages such as "the SYN client sent at line 42", the diagram's
 * arrows, the preview's problem list) names the document's lines, as the Problems list and
 * `check notes.md` do. Only the block's text is analysed: a note of many blocks costs the sum
 * of its blocks, not blocks × document.
 */
export function analyzeFence(fence: HandshakeFence, locale: Locale = 'en'): Analysis {
  return analyze(fence.text, { firstLine: fence.line + 1, locale });
}

/** What makes two checks of a block the same: its text and where it starts. */
function fenceKey(fence: HandshakeFence): string {
  return `${fence.line}\n${fence.text}`;
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
  const known = new Map(reused.map((f) => [fenceKey(f.fence), f.analysis]));
  const fences = findHandshakeFences(markdown).map((fence) => ({
    fence,
    analysis: known.get(fenceKey(fence)) ?? analyzeFence(fence, locale),
  }));
  const diagnostics = fences.flatMap(({ fence, analysis }) =>
    analysis.diagnostics.map((d) => toDocumentDiagnostic(fence, d)),
  );
  return { fences, diagnostics, locale };
}

/** A diagnostic of a block's text, with every span moved into the document. */
export function toDocumentDiagnostic(fence: HandshakeFence, d: Diagnostic): Diagnostic {
  const span = (s: Span): Span => ({
    start: toDocumentOffset(fence, s.start),
    end: toDocumentOffset(fence, s.end),
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
