import * as vscode from 'vscode';
import { localeOf } from '../../core/text/locale';
import { Disposable } from '../disposable';
import { HandshakeDebugSession, STEP_EVENT, type StepEventBody } from './handshakeDebugSession';

/** The debug type of package.json's `contributes.debuggers`. */
export const DEBUG_TYPE = 'handshake';

/** A step the debugger stopped at, for the preview to follow. */
export interface DebugStep extends StepEventBody {
  readonly session: vscode.DebugSession;
}

/**
 * The debugger in VS Code: the adapter runs inline in the extension host (so VS Code for the
 * Web runs it too), reads the program from its open document (unsaved edits included), and F5
 * on a `.handshake` file works without a launch.json. `onDidStop` fires at every stop: the
 * preview subscribes to it to highlight the current step.
 */
export class DebugRegistration extends Disposable {
  private readonly stopped = this.register(new vscode.EventEmitter<DebugStep>());
  /** Fires at every stop with the step's index in the trace and its 0-based line. */
  readonly onDidStop = this.stopped.event;

  constructor() {
    super();
    const locale = localeOf(vscode.env.language);
    this.register(
      vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, {
        createDebugAdapterDescriptor: () =>
          new vscode.DebugAdapterInlineImplementation(
            new HandshakeDebugSession(readProgram, locale),
          ),
      }),
    );
    this.register(
      vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new HandshakeConfigurations()),
    );
    this.register(
      vscode.debug.onDidReceiveDebugSessionCustomEvent((event) => {
        if (event.session.type !== DEBUG_TYPE || event.event !== STEP_EVENT) return;
        this.stopped.fire({ ...(event.body as StepEventBody), session: event.session });
      }),
    );
  }
}

/** The program's URI: a path on disk, or a URI for other file systems (vscode-vfs://…). */
export function programUri(path: string): vscode.Uri {
  return path.includes('://') ? vscode.Uri.parse(path) : vscode.Uri.file(path);
}

/** Reads the program through VS Code: the open document's text, or the file (any file system). */
async function readProgram(path: string): Promise<string> {
  const document = await vscode.workspace.openTextDocument(programUri(path));
  return document.getText();
}

/** Fills in a configuration for F5 with no launch.json: the `.handshake` file in the editor. */
class HandshakeConfigurations implements vscode.DebugConfigurationProvider {
  resolveDebugConfiguration(
    _folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): vscode.DebugConfiguration | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!config.type && !config.request && !config.name) {
      if (editor?.document.languageId !== 'handshake') return config;
      config.type = DEBUG_TYPE;
      config.name = vscode.l10n.t('Debug the handshake');
      config.request = 'launch';
      config.stopOnEntry = true;
    }
    if (!config.program && editor?.document.languageId === 'handshake') {
      config.program =
        editor.document.uri.scheme === 'file'
          ? editor.document.uri.fsPath
          : editor.document.uri.toString();
    }
    if (!config.program) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Open a .handshake file to debug it.'),
      );
      return undefined;
    }
    return config;
  }
}
