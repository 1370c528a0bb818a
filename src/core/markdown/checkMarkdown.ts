import { analyze, type Analysis } from '../check/analyze';
import type { Diagnostic, Fix } from '../check/diagnostic';
import type { Span } from '../syntax/span';
import { findHandshakeFences, toDocumentOffset, type HandshakeFence } from './fences';

/** One checked ` ```handshake ` block: where it is and the engine's analysis of its text. */
export interface CheckedFence {
  readonly fence: HandshakeFence;
  /** Offsets in `analysis` count in `fence.text`. */
  readonly analysis: Analysis;
}

export interface MarkdownCheck {
  readonly fences: readonly CheckedFence[];
  /** The problems of every block, with spans (and related spans, fixes) in document offsets. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Checks every Handshake block of a Markdown document with the engine, each on its own, and
 * moves the problems to where they are in the document. A block whose text is unchanged since
 * `previous` (the last check of the same document) keeps its analysis: typing in a long note
 * re-checks only the block being edited. Never throws.
 */
export function checkMarkdown(markdown: string, previous?: MarkdownCheck): MarkdownCheck {
  const known = new Map(previous?.fences.map((f) => [f.fence.text, f.analysis]));
  const fences = findHandshakeFences(markdown).map((fence) => ({
    fence,
    analysis: known.get(fence.text) ?? analyze(fence.text),
  }));
  const diagnostics = fences.flatMap(({ fence, analysis }) =>
    analysis.diagnostics.map((d) => toDocumentDiagnostic(fence, d)),
  );
  return { fences, diagnostics };
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
