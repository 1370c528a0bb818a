import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { handshakeMarkdownIt } from '../../src/extension/markdown/markdownItPlugin';
import type { Theme } from './browser';

/**
 * A page like VS Code's Markdown preview, served from 127.0.0.1: the HTML markdown-it renders
 * with our plugin, VS Code's strict preview Content Security Policy (scripts only by nonce,
 * nothing from the network), the theme class on <body>, and the contributed preview scripts and
 * style from dist/webview, named by package.json and loaded the way VS Code loads them.
 */
export interface MarkdownServer {
  readonly origin: string;
  /** Sets the Markdown and theme the next page load shows, and how mermaid.js arrives. */
  show(markdown: string, theme: Theme, mermaid?: MermaidDelivery): void;
  close(): Promise<void>;
}

/**
 * How the server answers for mermaid.js: at once; a second late, so that the page script surely
 * runs first; or not at all (404).
 */
export type MermaidDelivery = 'prompt' | 'late' | 'missing';

/** The preview's background and text colours in each theme, for screenshots that look right. */
const COLOURS: Record<Theme, string> = {
  'vscode-light': 'background:#ffffff;color:#1f1f1f',
  'vscode-dark': 'background:#1f1f1f;color:#cccccc',
  'vscode-high-contrast': 'background:#000000;color:#ffffff',
  'vscode-high-contrast-light': 'background:#ffffff;color:#292929',
};

export const NONCE = 'markdown-test-nonce-0123456789';

/**
 * The Markdown as the preview renders it: markdown-it with our plugin, and raw HTML passed
 * through as VS Code's Markdown engine passes it (`html: true`).
 */
export function renderMarkdown(markdown: string): string {
  return new MarkdownIt({ html: true }).use(handshakeMarkdownIt()).render(markdown);
}

/** `contributes.markdown.previewScripts`, as paths under dist/webview: `mermaid.js`, ... */
const SCRIPTS: readonly string[] = JSON.parse(readFileSync('package.json', 'utf8')).contributes[
  'markdown.previewScripts'
].map((path: string) => path.replace(/^\.\/dist\/webview\//, ''));

/**
 * Stands for VS Code's own preview script (markdown-language-features, media/index.js), as far as
 * our scripts can tell: it is `async` too, and adds the note's first content from
 * `data-initial-md-content` once the DOM is ready, without a `vscode.markdown.updateContent`
 * event. Served late, so that our scripts run before the content is there, as they may in VS Code.
 */
const VSCODE_INDEX = '/vscode-preview-index.js';
const VSCODE_INDEX_SOURCE = `const insert = () => {
  const html = document.getElementById('vscode-markdown-preview-data').getAttribute('data-initial-md-content');
  document.body.append(...new DOMParser().parseFromString(html, 'text/html').body.children);
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', insert);
else insert();
`;

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

function page(origin: string, markdown: string, theme: Theme): string {
  const csp = [
    "default-src 'none'",
    `img-src 'self' ${origin} data:`,
    `script-src 'nonce-${NONCE}'`,
    `style-src 'self' ${origin} 'unsafe-inline'`,
    `font-src 'self' ${origin}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html><head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta id="vscode-markdown-preview-data" data-initial-md-content="${escapeAttribute(
    `<div class="markdown-body">${renderMarkdown(markdown)}</div>`,
  )}">
<link rel="stylesheet" href="${origin}/markdown-preview-style.css">
</head>
<body class="${theme}" data-vscode-theme-kind="${theme}" style="${COLOURS[theme]}">
<script async type="module" src="${origin}${VSCODE_INDEX}" nonce="${NONCE}"></script>
${SCRIPTS.map(
  // As VS Code writes them (markdown-language-features, documentRenderer.ts): `async`, so the
  // scripts may run in any order.
  (file) => `<script async src="${origin}/${file}" nonce="${NONCE}" charset="UTF-8"></script>`,
).join('\n')}
</body></html>`;
}

const FILES: Record<string, string> = {
  ...Object.fromEntries(SCRIPTS.map((file) => [`/${file}`, 'text/javascript'])),
  '/markdown-preview-style.css': 'text/css',
};

export async function serveMarkdown(): Promise<MarkdownServer> {
  const root = join(process.cwd(), 'dist', 'webview');
  const missing = SCRIPTS.find((file) => !existsSync(join(root, file)));
  if (missing) throw new Error(`dist/webview/${missing} is missing: run \`npm run build\` first`);
  let origin = '';
  let current = {
    markdown: '',
    theme: 'vscode-light' as Theme,
    mermaid: 'prompt' as MermaidDelivery,
  };
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', origin).pathname;
    if (path === '/note.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page(origin, current.markdown, current.theme));
      return;
    }
    if (path === VSCODE_INDEX) {
      setTimeout(
        () =>
          response.writeHead(200, { 'content-type': 'text/javascript' }).end(VSCODE_INDEX_SOURCE),
        300,
      );
      return;
    }
    const type = FILES[path];
    if (!type) {
      response.writeHead(path === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    const mermaid = path === '/mermaid.js' ? current.mermaid : 'prompt';
    if (mermaid === 'missing') {
      response.writeHead(404).end();
      return;
    }
    const delay = new Promise((resolve) => setTimeout(resolve, mermaid === 'late' ? 1000 : 0));
    Promise.all([readFile(join(root, path.slice(1))), delay]).then(
      ([body]) => response.writeHead(200, { 'content-type': type }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    show: (markdown, theme, mermaid = 'prompt') => (current = { markdown, theme, mermaid }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
