import type { Locale } from '../text/locale';
import { analyze } from '../analysis/analyze';
import { renderMermaid, type MermaidOptions } from '../render/mermaid';
import { escapeHtml } from '../render/escapeHtml';
import { verdict } from '../service/verdict';
import { ENGLISH_FENCE_STRINGS, type FenceStrings } from './fenceStrings';

export interface FenceHtmlOptions {
  readonly diagram?: Partial<MermaidOptions>;
  readonly strings?: FenceStrings;
  /**
   * The 0-based document line of the block's opening fence (markdown-it's `token.map[0]`): the
   * problems, the engine's messages and the arrows' numbers then name document lines, as the
   * editor and the Problems list do. Without it they count in the block's text.
   */
  readonly line?: number;
  /** The language of the engine's messages and the diagram's notes (English unless given). */
  readonly locale?: Locale;
}

/** The class of the element around a Handshake block; the preview script looks for it. */
export const FENCE_CLASS = 'handshake-fence';

/**
 * The inside of a ` ```handshake ` block in rendered Markdown: the checked diagram's Mermaid
 * text (hidden, for the preview script to draw), the block's source as a code block until it is
 * drawn (and where scripts do not run), the engine's verdict, and its problems (code, line in
 * the document, or in the block without `options.line`, message). Every piece of user text is
 * escaped: Mermaid text by `renderMermaid`, all of it again for HTML here. Nothing here runs
 * script or loads anything.
 */
export function handshakeFenceBody(text: string, options: FenceHtmlOptions = {}): string {
  const strings = options.strings ?? ENGLISH_FENCE_STRINGS;
  const locale = options.locale ?? 'en';
  const analysis = analyze(
    text,
    options.line === undefined ? { locale } : { firstLine: options.line + 1, locale },
  );
  const diagram = renderMermaid(analysis, options.diagram);
  const problems = analysis.diagnostics.map((d) => {
    // The same line as the arrows' numbers and the engine's messages ("the SYN client sent at
    // line 7"): the document's where the caller says where the block is.
    const line = analysis.lines.lineOf(d.span) + 1;
    return (
      `<li class="handshake-problem handshake-${d.severity}">` +
      `<span class="handshake-severity">${escapeHtml(strings.severity[d.severity])}</span> ` +
      `<code>${escapeHtml(d.code)}</code> ` +
      `<span class="handshake-line">${escapeHtml(strings.line(line))}</span>: ` +
      `${escapeHtml(d.message)}</li>`
    );
  });
  return [
    `<pre class="handshake-mermaid" hidden data-draw-failed="${escapeHtml(strings.drawFailed)}">` +
      `${escapeHtml(diagram.text)}</pre>`,
    `<div class="handshake-diagram" role="img" aria-label="${escapeHtml(strings.diagram)}"></div>`,
    `<pre class="handshake-source"><code>${escapeHtml(text)}</code></pre>`,
    `<p class="handshake-verdict">${escapeHtml(verdict(analysis))}</p>`,
    ...(problems.length > 0 ? [`<ul class="handshake-problems">`, ...problems, `</ul>`] : []),
  ].join('\n');
}

/** A whole block, for pages that have no markdown-it (the CLI renderer, tests). */
export function handshakeFenceHtml(text: string, options: FenceHtmlOptions = {}): string {
  return `<div class="${FENCE_CLASS}">\n${handshakeFenceBody(text, options)}\n</div>\n`;
}
