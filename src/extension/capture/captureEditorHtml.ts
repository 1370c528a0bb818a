import type * as vscode from 'vscode';
import { connectionLine, problemText, type CaptureSummary } from '../../core/capture/importCapture';

/** The capture view's page: a strict CSP, one inline script allowed by its nonce. */
export function captureEditorHtml(
  webview: vscode.Webview,
  name: string,
  content: { summary?: CaptureSummary; error?: string },
): string {
  const nonce = [...crypto.getRandomValues(new Uint8Array(16))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  const summary = content.summary;
  const rows = (summary?.connections ?? [])
    .map(
      (c) =>
        `<tr><td>${escape(connectionLine(c))}</td><td><button data-connection="${c.index}">Import connection ${c.index}</button></td></tr>`,
    )
    .join('\n');
  const problems = (summary?.problems ?? [])
    .map((p) => `<li>${escape(problemText(p))}</li>`)
    .join('\n');
  const body = content.error
    ? `<p class="error">${escape(content.error)}</p>`
    : `<p>${escape(`${summary?.format ?? ''}: ${summary?.frames ?? 0} frames, ${summary?.tcpPackets ?? 0} TCP packets, ${plural(summary?.connections.length ?? 0, 'connection')}.`)}</p>
<p><button id="import-all" data-connection="0">Import as Scenario</button></p>
<table>${rows}</table>
${problems ? `<h2>Problems</h2><ul>${problems}</ul>` : ''}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escape(name)}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em; }
td { padding: 0.2em 1em 0.2em 0; font-family: var(--vscode-editor-font-family); white-space: pre; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 0.3em 0.8em; cursor: pointer; }
.error { color: var(--vscode-errorForeground); }
</style>
</head>
<body>
<h1>${escape(name)}</h1>
${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
for (const button of document.querySelectorAll('button[data-connection]')) {
  button.addEventListener('click', () =>
    vscode.postMessage({ type: 'import', connection: Number(button.dataset.connection) }),
  );
}
document.body.dataset.ready = 'true';
</script>
</body>
</html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
