import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, diagnostics, open, OPEN, untitled, waitFor, workspaceFile } from './helpers';

suite('Handshake in the extension host', () => {
  suiteSetup(activate);

  test('diagnostics: codes and exact ranges on the mistakes example', async () => {
    const document = await open('mistakes.handshake');
    const found = await diagnostics(document, 8);
    const first = found.find((d) => d.code === 'HS101');
    assert.ok(first);
    assert.deepStrictEqual(
      [first.range.start.line, first.range.start.character, first.range.end.character],
      [7, 46, 56],
    );
    assert.strictEqual(first.severity, vscode.DiagnosticSeverity.Error);
    assert.match(first.message, /ack should be 3626544837/);
    assert.strictEqual(first.relatedInformation?.length, 1);
  });

  test('hover on a wrong ack explains the expected value', async () => {
    const document = await open('mistakes.handshake');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(7, 50),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.match(text, /3626544837/);
    assert.match(text, /consumes one sequence number/);
  });

  test('completion after ack= offers the expected value first', async () => {
    const document = await untitled(`${OPEN}\nclient -> server PSH ACK seq=x+1 ack=`);
    const end = document.lineAt(document.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      end,
    );
    const preselected = list.items.find((item) => item.preselect);
    assert.strictEqual(
      typeof preselected?.label === 'string' ? preselected.label : preselected?.label.label,
      'y+1',
    );
    // Asked again at each key, so that a value typed in full closes the list (Enter ends the line).
    assert.strictEqual(list.isIncomplete, true);
  });

  test('the quick fix corrects the ack through an undoable edit', async () => {
    const document = await untitled(`${OPEN.replace('ack=x+1', 'ack=x')}\n`);
    await diagnostics(document, 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(4, 35, 4, 36),
    );
    const fix = actions.find((a) => a.title === 'Change ack to x+1');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(document.lineAt(4).text, 'server -> client SYN ACK seq=y ack=x+1');
    await waitFor(
      () => (vscode.languages.getDiagnostics(document.uri).length === 0 ? true : undefined),
      'no diagnostics',
    );
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.lineAt(4).text, 'server -> client SYN ACK seq=y ack=x');
  });

  test('source.fixAll (on save, Fix All) offers the fix of every seq and ack', async () => {
    const document = await untitled(`${OPEN.replace('ack=x+1', 'ack=x')}\n`);
    await diagnostics(document, 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(0, 0, 0, 0),
      vscode.CodeActionKind.SourceFixAll.value,
    );
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.handshake');
    assert.ok(fixAll?.edit, actions.map((a) => `${a.kind?.value} ${a.title}`).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.strictEqual(document.lineAt(4).text, 'server -> client SYN ACK seq=y ack=x+1');
  });

  test('document symbols: the scenario, its endpoints and its phases', async () => {
    const document = await open('four-way-close.handshake');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      document.uri,
    );
    assert.strictEqual(symbols[0]?.name, 'Three-way handshake and four-way close');
    const children = symbols[0]?.children.map((c) => c.name) ?? [];
    assert.deepStrictEqual(children.slice(0, 2), ['client', 'server']);
    assert.ok(children.includes('Three-way handshake') && children.includes('Connection close'));
  });

  test('formatting aligns segment columns', async () => {
    const document = await untitled(
      'endpoint a\nendpoint b\nb listen\na  ->   b SYN  seq=1\nb -> a SYN,ACK seq=9 ack=2\n',
    );
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>(
      'vscode.executeFormatDocumentProvider',
      document.uri,
      { tabSize: 2, insertSpaces: true },
    );
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, edits);
    await vscode.workspace.applyEdit(edit);
    assert.strictEqual(document.lineAt(3).text, 'a -> b  SYN      seq=1');
    assert.strictEqual(document.lineAt(4).text, 'b -> a  SYN ACK  seq=9  ack=2');
  });

  test('rename changes an endpoint everywhere', async () => {
    const document = await untitled(`${OPEN}\nexpect client ESTABLISHED\n`);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      document.uri,
      new vscode.Position(0, 10),
      'browser',
    );
    assert.strictEqual(edit.get(document.uri).length, 5);
  });

  test('the preview command opens a webview panel', async () => {
    await open('tcpdump-handshake.handshake');
    await vscode.commands.executeCommand('handshake.showPreviewToSide');
    const tab = await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find(
            (t) =>
              t.input instanceof vscode.TabInputWebview &&
              t.input.viewType.endsWith('handshake.preview'),
          ),
      'the preview tab',
    );
    assert.strictEqual(tab.label, 'Preview tcpdump-handshake.handshake');
  });

  test('the CodeLens verdict opens the first problem, or the preview without any', async () => {
    const lensesOf = async (document: vscode.TextDocument) =>
      (await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
      )) ?? [];
    const mistakes = await open('mistakes.handshake');
    // The API hands `vscode.open` back as the workbench command it runs, `_workbench.open`,
    // with (uri, [column, options]) and the selection 1-based.
    const toProblem = (await lensesOf(mistakes)).find((l) =>
      ['vscode.open', '_workbench.open'].includes(l.command?.command ?? ''),
    );
    assert.ok(toProblem, 'a verdict lens that opens the first problem');
    const args = toProblem.command?.arguments ?? [];
    assert.strictEqual(String(args[0]?.path ?? ''), mistakes.uri.path);
    const shown = (Array.isArray(args[1]) ? args[1][1] : args[1]) as {
      selection?: { startLineNumber?: number; start?: { line: number } };
    };
    const line = shown.selection?.startLineNumber ?? (shown.selection?.start?.line ?? -1) + 1;
    assert.strictEqual(line, 8); // the first HS101
    const clean = await open('tcpdump-handshake.handshake');
    const toPreview = (await lensesOf(clean)).filter(
      (l) => l.command?.command === 'handshake.showPreviewToSide',
    );
    assert.strictEqual(toPreview.length, 2, 'Open Preview, and the verdict');
  });

  test('New Scenario names the document after its title, in the folder, with the preview beside', async () => {
    await open('tcpdump-handshake.handshake');
    await vscode.commands.executeCommand('handshake.newScenario', 'four-way-close');
    const editor = await waitFor(
      () =>
        vscode.window.activeTextEditor?.document.uri.scheme === 'untitled'
          ? vscode.window.activeTextEditor
          : undefined,
      'the new scenario',
    );
    const { document } = editor;
    // examples/four-way-close.handshake exists: the new one is numbered rather than over it.
    assert.match(document.uri.path, /\/four-way-close(-\d+)?\.handshake$/);
    const file = workspaceFile(document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1));
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(file)), 'no file is overwritten');
    assert.strictEqual(document.languageId, 'handshake');
    assert.match(document.getText(), /^scenario "Four-way close"\n/);
    await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find(
            (t) => t.input instanceof vscode.TabInputWebview && t.label.includes('four-way-close'),
          ),
      'the preview of the new scenario',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
