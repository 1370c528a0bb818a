import type { Locale } from '../../core/text/locale';
import * as vscode from 'vscode';
import {
  connectionLine,
  problemText,
  type CaptureSummary,
} from '../../core/capture/write/importCapture';

/** The capture view's page: a strict CSP, one inline script allowed by its nonce. */
export function captureEditorHtml(
  webview: vscode.Webview,
  name: string,
  content: { summary?: CaptureSummary; error?: string; locale?: Locale },
): string {
  const nonce = [...crypto.getRandomValues(new Uint8Array(16))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  const summary = content.summary;
  const rows = (summary?.connections ?? [])
    .map(
      (c) =>
        `<tr><td>${escape(connectionLine(c))}</td><td><button data-connection="${c.index}">${escape(vscode.l10n.t('Import connection {0}', c.index))}</button></td></tr>`,
    )
    .join('\n');
  const problems = (summary?.problems ?? [])
    .map((p) => `<li>${escape(problemText(p, content.locale ?? 'en'))}</li>`)
    .join('\n');
  const body = content.error
    ? `<p class="error">${escape(content.error)}</p>`
    : `<p>${escape(counts(summary))}</p>
<p><button id="import-all" data-connection="0">${escape(vscode.l10n.t('Import as Scenario'))}</button></p>
<table>${rows}</table>
${problems ? `<h2>${escape(vscode.l10n.t('Problems'))}</h2><ul>${problems}</ul>` : ''}`;
  return `<!DOCTYPE html>
<html lang="${escape(vscode.env.language)}">
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

function counts(summary: CaptureSummary | undefined): string {
  const format = summary?.format ?? '';
  const frames = summary?.frames ?? 0;
  const packets = summary?.tcpPackets ?? 0;
  const connections = summary?.connections.length ?? 0;
  return connections === 1
    ? vscode.l10n.t('{0}: {1} frames, {2} TCP packets, 1 connection.', format, frames, packets)
    : vscode.l10n.t(
        '{0}: {1} frames, {2} TCP packets, {3} connections.',
        format,
        frames,
        packets,
        connections,
      );
}
