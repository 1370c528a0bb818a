import * as vscode from 'vscode';
import { MISTAKE_TEMPLATE, TEMPLATES } from '../../core/service/templates';
import { LANGUAGE_ID } from '../analysisCache';

/** "Handshake: New Scenario": pick a template, get an untitled `.handshake` document with it. */
export function registerNewScenario(): vscode.Disposable {
  return vscode.commands.registerCommand('handshake.newScenario', async (id?: unknown) => {
    const template =
      [...TEMPLATES, MISTAKE_TEMPLATE].find((t) => t.id === id) ??
      (
        await vscode.window.showQuickPick(
          TEMPLATES.map((t) => ({
            label: vscode.l10n.t(t.label),
            description: vscode.l10n.t(t.description),
            template: t,
          })),
          {
            title: vscode.l10n.t('New Handshake Scenario'),
            placeHolder: vscode.l10n.t('Start from…'),
          },
        )
      )?.template;
    if (!template) return;
    const document = await vscode.workspace.openTextDocument({
      language: LANGUAGE_ID,
      content: template.text,
    });
    await vscode.window.showTextDocument(document);
  });
}
