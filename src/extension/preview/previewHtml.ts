import type { Locale } from '../../core/text/locale';
import { previewText } from '../../core/preview/previewText';
/**
 * The preview page, as a pure function of its inputs so the browser tests load exactly the page
 * VS Code shows. The Content Security Policy allows nothing but the bundle's own scripts (by
 * nonce: the shared Mermaid, then the page script) and stylesheet; Mermaid's inline SVG styles
 * need 'unsafe-inline' for styles only.
 */
export interface PreviewPage {
  /** `webview.cspSource`: the origin of local resources. */
  readonly cspSource: string;
  /** dist/webview/mermaid.js, which the page script draws with; loaded first. */
  readonly mermaidUri: string;
  /** dist/webview/preview.js, the page script. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
  readonly title: string;
  /** The language of the panel's own words (`en`, `zh-cn`). */
  readonly lang?: Locale;
}

export function previewHtml(page: PreviewPage): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${page.nonce}'`,
    `style-src ${page.cspSource} 'unsafe-inline'`,
    `img-src ${page.cspSource} data: blob:`,
    `font-src ${page.cspSource}`,
  ].join('; ');
  const lang = page.lang ?? 'en';
  const t = previewText(lang);
  const button = (zoom: string, label: string, title: string, text: string) =>
    `<button type="button" data-zoom="${zoom}" title="${escapeHtml(title)}" aria-label="${escapeHtml(label)}">${escapeHtml(text)}</button>`;
  // The script marks the view shown (aria-pressed) as soon as it runs, from the saved state.
  const view = (name: string, text: string, title: string) =>
    `<button type="button" data-view="${name}" title="${escapeHtml(title)}">${escapeHtml(text)}</button>`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(page.styleUri)}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<div id="toolbar" role="toolbar" aria-label="${escapeHtml(t.toolbar)}">
<span id="views" role="group" aria-label="${escapeHtml(t.views)}">
${view('diagram', t.diagramView, t.diagramViewTitle)}
${view('table', t.tableView, t.tableViewTitle)}
</span>
${button('out', t.zoomOut, t.zoomOutTitle, '−')}
${button('in', t.zoomIn, t.zoomInTitle, '+')}
${button('fit', t.fitTitle, t.fitTitle, t.fit)}
${button('reset', t.reset, t.resetTitle, '1:1')}
<span id="timeline" role="group" aria-label="${escapeHtml(t.timeline)}" hidden>
<button type="button" id="step-back" title="${escapeHtml(t.stepBackTitle)}" aria-label="${escapeHtml(t.stepBack)}">◀</button>
<input type="range" id="step" min="0" max="0" value="0" step="1" aria-label="${escapeHtml(t.stepSlider)}">
<button type="button" id="step-forward" title="${escapeHtml(t.stepForwardTitle)}" aria-label="${escapeHtml(t.stepForward)}">▶</button>
<span id="step-count"></span>
<button type="button" id="predict" aria-pressed="false" title="${escapeHtml(t.predictTitle)}">${escapeHtml(t.predict)}</button>
</span>
<span id="status" role="status"></span>
</div>
<p id="notice" hidden></p>
<p id="error" role="alert" hidden></p>
<div id="panes">
<div id="viewport"><div id="canvas"></div></div>
<div id="table"></div>
</div>
<div id="step-state" hidden></div>
<script nonce="${escapeHtml(page.nonce)}" src="${escapeHtml(page.mermaidUri)}"></script>
<script nonce="${escapeHtml(page.nonce)}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
