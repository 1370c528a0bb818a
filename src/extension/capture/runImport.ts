import * as vscode from 'vscode';
import {
  problemText,
  type ImportOptions,
  type ImportResult,
} from '../../core/capture/write/importCapture';
import { importStream } from '../../core/capture/write/importStream';
import { LANGUAGE_ID } from '../analysisCache';
import type { CaptureFile } from './captureFile';
import type { KeyLog } from '../../core/capture/read/keyLog';
import { importWithKeyLog, type HostTlsCrypto } from './hostTlsCrypto';

/** Captures at least this big get a progress notification with a Cancel button. */
const PROGRESS_BYTES = 4 << 20;

/** How long the import may keep the extension host busy between two pauses. */
const PAUSE_EVERY_MS = 50;

/**
 * Imports `file` (a capture file or pasted tcpdump text) chunk by chunk as it is read, giving
 * the extension host back between chunks so that the progress notification and its Cancel
 * button work, then opens the scenario as a new untitled `.handshake` document beside its
 * preview. With a key log in VS Code for the Web the import runs a few times (decryptInRounds).
 * Returns the document, or undefined when cancelled or nothing could be imported (the
 * user is told why).
 */
export async function importAndOpen(
  file: CaptureFile,
  label: string,
  options: ImportOptions = {},
  /** The key log to decrypt TLS 1.3 with, and the host's cryptography (hostTlsCrypto.ts). */
  keyLog?: { readonly keyLog: KeyLog; readonly host: HostTlsCrypto | undefined },
): Promise<vscode.TextDocument | undefined> {
  let result: ImportResult | undefined;
  try {
    result = await importWithKeyLog(keyLog?.keyLog, keyLog?.host, options, (withKeyLog) =>
      runWithProgress(file, label, withKeyLog),
    );
  } catch (error) {
    // The file could be opened but a later read failed (removed, a network drive gone...).
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Cannot read {0}: {1}', label, (error as Error).message),
    );
    return undefined;
  }
  if (!result) return undefined;
  if (!result.ok) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Cannot import {0}: {1}',
        label,
        problemText(result.error, options.locale ?? 'en'),
      ),
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
      `${label}: ${problemText(problems[0] as (typeof problems)[number], options.locale ?? 'en')}${problems.length > 1 ? vscode.l10n.t(' (and {0} more, listed at the end of the scenario)', problems.length - 1) : ''}`,
    );
  }
  return document;
}

async function runWithProgress(
  file: CaptureFile,
  label: string,
  options: ImportOptions,
): Promise<ImportResult | undefined> {
  const drive = async (
    report: (increment: number, message: string) => void,
    token?: vscode.CancellationToken,
  ): Promise<ImportResult | undefined> => {
    // Two passes over the file (list the connections, then write them): half the bar each.
    const total = Math.max(file.size, 1) * 2;
    let done = 0;
    let paused = Date.now();
    const result = await importStream(file.chunks, {
      ...options,
      cancelled: () => token?.isCancellationRequested ?? false,
      onStep: async (step) => {
        const reached = (step.pass === 'list' ? 0 : file.size) + step.bytes;
        const message =
          step.pass === 'list' ? vscode.l10n.t('reading') : vscode.l10n.t('writing the scenario');
        report(((reached - done) / total) * 100, message);
        done = reached;
        // A macrotask, not just the read's await, lets the host deliver a click on Cancel; but
        // not after every chunk: a timer turn per MiB made a 300 MB import five times slower.
        if (Date.now() - paused >= PAUSE_EVERY_MS) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          paused = Date.now();
        }
      },
    });
    return token?.isCancellationRequested ? undefined : result;
  };
  if (file.size < PROGRESS_BYTES) return drive(() => undefined);
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Importing {0}', label),
      cancellable: true,
    },
    (progress, token) =>
      drive((increment, message) => progress.report({ increment, message }), token),
  );
}
