import * as vscode from 'vscode';
import {
  importSteps,
  problemText,
  type ImportOptions,
  type ImportResult,
} from '../../core/capture/importCapture';
import { LANGUAGE_ID } from '../analysisCache';

const CHUNK_BYTES = 1 << 20;

/** Captures at least this big get a progress notification with a Cancel button. */
const PROGRESS_BYTES = 4 << 20;

function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}

/**
 * Imports `bytes` (a capture file or pasted tcpdump text) chunk by chunk, giving the extension
 * host back between chunks so that the progress notification and its Cancel button work, then
 * opens the scenario as a new untitled `.handshake` document beside its preview. Returns the
 * document, or undefined when cancelled or nothing could be imported (the user is told why).
 */
export async function importAndOpen(
  bytes: Uint8Array,
  label: string,
  options: ImportOptions = {},
): Promise<vscode.TextDocument | undefined> {
  const result = await runWithProgress(bytes, label, options);
  if (!result) return undefined;
  if (!result.ok) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Cannot import {0}: {1}', label, problemText(result.error)),
    );
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({
    language: LANGUAGE_ID,
    content: result.text,
  });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Active });
  await vscode.commands.executeCommand('handshake.showPreviewToSide', document.uri);
  const problems = result.summary.problems;
  if (problems.length > 0) {
    void vscode.window.showWarningMessage(
      `${label}: ${problemText(problems[0] as (typeof problems)[number])}${problems.length > 1 ? vscode.l10n.t(' (and {0} more, listed at the end of the scenario)', problems.length - 1) : ''}`,
    );
  }
  return document;
}

async function runWithProgress(
  bytes: Uint8Array,
  label: string,
  options: ImportOptions,
): Promise<ImportResult | undefined> {
  const drive = async (
    report: (increment: number, message: string) => void,
    token?: vscode.CancellationToken,
  ): Promise<ImportResult | undefined> => {
    const steps = importSteps(() => slices(bytes), options);
    const total = Math.max(bytes.length, 1) * 2;
    let done = 0;
    let step = steps.next();
    while (!step.done) {
      const now = (step.value.pass === 'list' ? 0 : bytes.length) + step.value.bytes;
      report(((now - done) / total) * 100, step.value.pass === 'list' ? 'reading' : 'writing');
      done = now;
      await new Promise((resolve) => setTimeout(resolve, 0));
      step = steps.next(token?.isCancellationRequested ?? false);
    }
    return token?.isCancellationRequested ? undefined : step.value;
  };
  if (bytes.length < PROGRESS_BYTES) return drive(() => undefined);
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Importing ${label}`,
      cancellable: true,
    },
    (progress, token) =>
      drive((increment, message) => progress.report({ increment, message }), token),
  );
}
