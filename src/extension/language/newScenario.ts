import * as vscode from 'vscode';
import { numberedFileName, scenarioFileName } from '../../core/service/scenarioFileName';
import { MISTAKE_TEMPLATE, TEMPLATES, type Template } from '../../core/service/templates';
import { LANGUAGE_ID } from '../analysisCache';
import { completeWalkthroughStep, WalkthroughStep } from '../walkthroughProgress';

/** How many numbered names (`name-2`, `name-3`, …) to try before giving up on a named file. */
const MAX_NUMBERED_NAMES = 99;

/** The file systems a window saves an untitled document with a path to. */
const WINDOW_FILE_SYSTEMS = ['file', 'vscode-remote'];

/**
 * "Handshake: New Scenario": pick a template, get an untitled `.handshake` document with it, the
 * cursor where the template expects typing, and the preview beside it.
 */
export function registerNewScenario(): vscode.Disposable {
  return vscode.commands.registerCommand('handshake.newScenario', async (id?: unknown) => {
    const template = [...TEMPLATES, MISTAKE_TEMPLATE].find((t) => t.id === id) ?? (await pick());
    if (!template) return;
    const document = await createDocument(template);
    const cursor = new vscode.Position(template.cursor?.line ?? 0, template.cursor?.character ?? 0);
    await vscode.window.showTextDocument(document, {
      selection: new vscode.Range(cursor, cursor),
    });
    void completeWalkthroughStep(WalkthroughStep.scenarioCreated);
    // The preview opens beside without taking the focus: the cursor stays where typing goes.
    await vscode.commands.executeCommand('handshake.showPreviewToSide', document.uri);
  });
}

async function pick(): Promise<Template | undefined> {
  const picked = await vscode.window.showQuickPick(
    TEMPLATES.map((t) => ({
      label: vscode.l10n.t(t.label),
      description: vscode.l10n.t(t.description),
      template: t,
    })),
    {
      title: vscode.l10n.t('New Handshake Scenario'),
      placeHolder: vscode.l10n.t('Start from…'),
    },
  );
  return picked?.template;
}

/**
 * An untitled document holding the template. VS Code names a plain untitled document after its
 * first line, so saving would propose `scenario "Four-way close".handshake`; an untitled
 * document with a path (`untitled:/folder/four-way-close.handshake`) is named after the path and
 * saved there. That needs a folder to save into, so without one the document stays plain.
 */
async function createDocument(template: Template): Promise<vscode.TextDocument> {
  const folder = folderForNewFile();
  const uri = folder && (await freeUntitledUri(folder, scenarioFileName(template.text)));
  if (uri) {
    try {
      // An untitled URI with a path opens empty (and fails if the file exists meanwhile).
      const document = await vscode.workspace.openTextDocument(uri);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), template.text);
      if (document.getText() === '' && (await vscode.workspace.applyEdit(edit))) {
        if (document.languageId !== LANGUAGE_ID) {
          return vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
        }
        return document;
      }
    } catch {
      // Fall back to a plain untitled document below.
    }
  }
  return vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: template.text });
}

/**
 * The folder a new scenario is saved into: the workspace folder of the active editor, or the
 * first one. VS Code saves an untitled document with a path to that path in the window's own
 * file system (`file`, or `vscode-remote` in a remote window), so a folder of another file
 * system (a virtual workspace on the web) gets none.
 */
function folderForNewFile(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder =
    (active && vscode.workspace.getWorkspaceFolder(active)) ??
    vscode.workspace.workspaceFolders?.[0];
  return folder && WINDOW_FILE_SYSTEMS.includes(folder.uri.scheme) ? folder.uri : undefined;
}

/** `untitled:` + the first of `name`, `name-2`, … that is neither a file nor an open document. */
async function freeUntitledUri(folder: vscode.Uri, name: string): Promise<vscode.Uri | undefined> {
  for (let n = 1; n <= MAX_NUMBERED_NAMES; n++) {
    const file = vscode.Uri.joinPath(folder, numberedFileName(name, n));
    const untitled = vscode.Uri.from({ scheme: 'untitled', path: file.path });
    const open = vscode.workspace.textDocuments.some(
      (d) => d.uri.toString() === untitled.toString() || d.uri.toString() === file.toString(),
    );
    if (!open && !(await exists(file))) return untitled;
  }
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
