import * as vscode from 'vscode';
import type { InlayHint } from '../../core/service/inlayHints';
import type { Span } from '../../core/text/span';
import type { TypingTracker } from './typingTracker';

/**
 * The inlay hints provider for the numbers behind symbolic values, beside them, in a
 * .handshake file or a note's blocks alike (`hintsOf` says which). Setting
 * `handshake.inlayHints.values`, off by default: a hint mid-line pushes the columns after it to
 * the right. The line being typed gets none until it is left, so that nothing moves while
 * typing. The states are drawn after the line instead (see StateAnnotations).
 */
export function valueHintsProvider(
  typing: TypingTracker,
  hintsOf: (document: vscode.TextDocument, span: Span) => readonly InlayHint[],
): vscode.InlayHintsProvider {
  return {
    onDidChangeInlayHints: (listener, thisArgs, disposables) =>
      typing.onDidChange(() => listener.call(thisArgs), undefined, disposables),
    provideInlayHints(document, range) {
      const config = vscode.workspace.getConfiguration('handshake.inlayHints', document);
      if (!config.get<boolean>('values', false)) return [];
      const typed = typing.lineOf(document);
      const span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
      return hintsOf(document, span)
        .filter((h) => h.kind === 'value' && document.positionAt(h.offset).line !== typed)
        .map((h) => {
          const hint = new vscode.InlayHint(document.positionAt(h.offset), h.label);
          hint.tooltip = h.tooltip;
          hint.paddingLeft = true;
          return hint;
        });
    },
  };
}
