// Runs inside the Web Worker after vscodeShim.js and the extension's browser bundle: activates
// the extension as VS Code for the Web would and reports what it did. `INPUT` holds the texts.
/* global INPUT, vscode, harness, extensionModule, requested, markdownit */
/* eslint-disable */
'use strict';

async function drive() {
  const context = {
    subscriptions: [],
    extensionUri: vscode.Uri.parse('https://handshake.test/extension'),
  };
  const api = extensionModule.exports.activate(context);
  const { recorded } = harness;
  const report = {
    globals: {
      process: typeof process,
      Buffer: typeof Buffer,
      document: typeof document,
      window: typeof window,
    },
    requested: [...new Set(requested)],
    commands: [...recorded.commands.keys()].sort(),
    providers: recorded.providers.map((p) => `${p.api} ${JSON.stringify(p.selector)}`),
    serializers: recorded.serializers,
    collections: [...recorded.collections.keys()].sort(),
    api: Object.keys(api ?? {}),
    subscriptions: context.subscriptions.length,
  };
  const simplify = (d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    start: [d.range.start.line, d.range.start.character],
    end: [d.range.end.line, d.range.end.character],
  });

  // The engine in the worker: a .handshake file, then a Markdown note with the same scenario.
  const scenario = harness.createTextDocument('file:///w/a.handshake', 'handshake', INPUT.scenario);
  harness.open(scenario);
  report.handshakeDiagnostics = (recorded.collections.get('handshake').get(scenario.uri) ?? []).map(
    simplify,
  );
  const note = harness.createTextDocument('file:///w/note.md', 'markdown', INPUT.note);
  harness.open(note);
  report.markdownDiagnostics = (
    recorded.collections.get('handshake-markdown').get(note.uri) ?? []
  ).map(simplify);
  harness.close(note);
  report.markdownDiagnosticsAfterClose =
    recorded.collections.get('handshake-markdown').get(note.uri) ?? null;

  const hover = recorded.providers.find((p) => p.api === 'languages.registerHoverProvider');
  const at = scenario.positionAt(INPUT.scenario.indexOf(INPUT.hoverAt));
  report.hover = hover.provider.provideHover(scenario, at)?.contents[0]?.value ?? null;

  // The preview panel: its page and the first drawing, after the page says it is ready.
  recorded.commands.get('handshake.showPreview')(scenario.uri);
  const panel = recorded.panels[0];
  report.previewHtml = panel.webview.html;
  panel.receive({ type: 'ready' });
  for (let i = 0; i < 100 && panel.posted.length === 0; i++)
    await new Promise((r) => setTimeout(r, 10));
  report.previewPosted = panel.posted.map((m) => ({ type: m.type, source: m.source }));

  // The Markdown preview's plugin.
  report.markdownHtml = api.extendMarkdownIt(markdownit()).render(INPUT.note);

  // TLS 1.3 captures imported with the key log setting: WebCrypto decrypts them, in rounds.
  report.imported = [];
  for (const capture of INPUT.captures ?? []) {
    Object.assign(harness.given, capture.given);
    await recorded.commands.get('handshake.importCapture')(vscode.Uri.parse(capture.uri));
  }
  report.imported = recorded.opened.slice();
  report.importMessages = recorded.messages.slice();

  for (const subscription of context.subscriptions) subscription.dispose();
  report.commandsAfterDispose = recorded.commands.size;
  return report;
}

drive().then(
  (report) => postMessage({ ok: true, report }),
  (error) => postMessage({ ok: false, error: String((error && error.stack) || error) }),
);
