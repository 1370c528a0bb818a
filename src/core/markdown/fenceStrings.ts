import type { Severity } from '../check/codes';

/**
 * The words a Handshake block in a Markdown preview shows around the engine's own messages,
 * in one place so that the extension can pass translated ones (`vscode.l10n.t`).
 */
export interface FenceStrings {
  /** "line 9": a 1-based line of the block. */
  readonly line: (line: number) => string;
  readonly severity: Readonly<Record<Severity, string>>;
  /** Accessible name of the drawn diagram. */
  readonly diagram: string;
  /** Shown, with Mermaid's reason, when the diagram cannot be drawn. */
  readonly drawFailed: string;
}

export const ENGLISH_FENCE_STRINGS: FenceStrings = {
  line: (line) => `line ${line}`,
  severity: { error: 'error', warning: 'warning', info: 'info' },
  diagram: 'Handshake sequence diagram',
  drawFailed: 'The diagram could not be drawn:',
};
