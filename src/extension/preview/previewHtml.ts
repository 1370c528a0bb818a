/**
 * The preview page, as a pure function of its inputs so the browser tests load exactly the page
 * VS Code shows. The Content Security Policy allows nothing but the bundle's own script (by
 * nonce) and stylesheet; Mermaid's inline SVG styles need 'unsafe-inline' for styles only.
 */
export interface PreviewPage {
  /** `webview.cspSource`: the origin of local resources. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
  readonly title: string;
}

export function previewHtml(page: PreviewPage): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${page.nonce}'`,
    `style-src ${page.cspSource} 'unsafe-inline'`,
    `img-src ${page.cspSource} data: blob:`,
    `font-src ${page.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(page.styleUri)}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<div id="toolbar" role="toolbar" aria-label="Diagram">
<button type="button" data-zoom="out" title="Zoom out (-)" aria-label="Zoom out">−</button>
<button type="button" data-zoom="in" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button type="button" data-zoom="fit" title="Fit to width" aria-label="Fit to width">Fit</button>
<button type="button" data-zoom="reset" title="Actual size (0)" aria-label="Actual size">1:1</button>
<span id="status" role="status"></span>
</div>
<p id="notice" hidden></p>
<p id="error" role="alert" hidden></p>
<div id="viewport"><div id="canvas"></div></div>
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
