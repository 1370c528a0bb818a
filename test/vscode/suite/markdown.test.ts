import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, diagnostics, open, OPEN, waitFor } from './helpers';

/** An untitled Markdown document, shown, so that the Markdown features run on it. */
async function note(content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(document);
  return document;
}

/** The text of every hover at a position, joined. */
async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    uri,
    position,
  );
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** A note with one block whose SYN ACK acknowledges `x` instead of `x+1`, on line 9 (0-based). */
const WRONG_NOTE = [
  '# Notes',
  '',
  'The handshake, by hand:',
  '',
  '```handshake',
  ...OPEN.split('\n').map((line) => line.replace('ack=x+1', 'ack=x')),
  '```',
  '',
].join('\n');
const WRONG_LINE = 9;

suite('Handshake blocks in Markdown, in the extension host', () => {
  suiteSetup(activate);

  test("hover on the note's wrong ack explains it with the note's lines", async () => {
    const document = await open('tcp-notes.md');
    await diagnostics(document, 1);
    // examples/tcp-notes.md: the wrong ack=x+1 is at line 33, column 41 (1-based).
    const text = await hoverText(document.uri, new vscode.Position(32, 41));
    assert.match(text, /`x\+2` \(written: `x\+1`\)/);
    assert.match(text, /the FIN client sent at line 32 /);
  });

  test('completion after ack= inside a block offers the expected value first', async () => {
    const document = await note(
      ['```handshake', OPEN, 'client -> server PSH ACK seq=x+1 ack=', '```', ''].join('\n'),
    );
    const line = document.getText().split('\n').indexOf('client -> server PSH ACK seq=x+1 ack=');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      document.lineAt(line).range.end,
    );
    const preselected = list.items.find((item) => item.preselect);
    assert.strictEqual(
      typeof preselected?.label === 'string' ? preselected.label : preselected?.label.label,
      'y+1',
    );
  });

  test('Ctrl+. on the wrong ack offers the quick fix, an undoable edit of the note', async () => {
    const document = await note(WRONG_NOTE);
    const [found] = await diagnostics(document, 1);
    assert.strictEqual(found?.range.start.line, WRONG_LINE);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      found.range,
    );
    const fix = actions.find((a) => a.title === 'Change ack to x+1');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(actions.some((a) => a.title === 'Fix all seq/ack numbers in file'));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(document.lineAt(WRONG_LINE).text, 'server -> client SYN ACK seq=y ack=x+1');
    await waitFor(
      () => (vscode.languages.getDiagnostics(document.uri).length === 0 ? true : undefined),
      'no diagnostics',
    );
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.lineAt(WRONG_LINE).text, 'server -> client SYN ACK seq=y ack=x');
  });

  test('source.fixAll (on save, Fix All) puts every seq and ack of the note right', async () => {
    const document = await note(WRONG_NOTE);
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
    assert.strictEqual(document.lineAt(WRONG_LINE).text, 'server -> client SYN ACK seq=y ack=x+1');
    assert.strictEqual(document.lineAt(0).text, '# Notes');
  });

  test('outside the blocks the note has none of it', async () => {
    const document = await note(`client -> server SYN seq=x ack=\n\n${WRONG_NOTE}`);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      document.lineAt(0).range.end,
    );
    assert.ok(!list.items.some((item) => item.preselect && item.label === 'x+1'));
    assert.doesNotMatch(await hoverText(document.uri, new vscode.Position(0, 18)), /SYN/);
  });
});
