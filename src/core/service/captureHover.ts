import type { Locale } from '../text/locale';
import type { Analysis } from '../analysis/analyze';
import type { CaptureAnnotation } from '../syntax/tree';
import { docsIn } from './docs';
import { lineTokens, statementAt } from './findAt';
import type { Span } from '../text/span';

/**
 * The hover on a segment's capture annotation (`# frame 4 t=0.000454 ...`): the frame, the
 * time, the SYN's options and Wireshark's labels, as the parser read them into the tree.
 * Undefined anywhere else, a plain comment included. (A Hover of hover.ts, which calls this.)
 */
export function captureHover(
  analysis: Analysis,
  offset: number,
): { readonly span: Span; readonly markdown: string } | undefined {
  const { tokens, commentStart } = lineTokens(analysis, offset);
  const first = tokens[0];
  if (commentStart === undefined || offset < commentStart || !first) return undefined;
  const statement = statementAt(analysis, first.start)?.statement;
  const capture = statement?.kind === 'segment' ? statement.capture : undefined;
  if (!capture || capture.start !== commentStart || offset > capture.end) return undefined;
  return {
    span: { start: capture.start, end: capture.end },
    markdown: captureMarkdown(capture, analysis.locale),
  };
}

function captureMarkdown(capture: CaptureAnnotation, locale: Locale): string {
  const docs = docsIn(locale);
  const hover = docs.hover;
  const lines = [hover.captureTitle({ frame: capture.frame })];
  if (capture.seconds !== undefined) {
    lines.push(hover.captureTime({ seconds: String(capture.seconds) }));
  }
  const options = [
    ...(capture.mss === undefined ? [] : [`mss=${capture.mss}`]),
    ...(capture.wscale === undefined ? [] : [`wscale=${capture.wscale}`]),
    ...capture.options,
  ];
  if (options.length > 0) {
    lines.push(hover.captureOptions({ options: options.map((o) => `\`${o}\``).join(' ') }));
  }
  if (capture.labels.length > 0) {
    lines.push(hover.captureLabels({ labels: capture.labels.map((l) => `*${l}*`).join(', ') }));
  }
  return lines.join('\n\n');
}
