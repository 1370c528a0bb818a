import * as vscode from 'vscode';
import type { MermaidOptions } from '../../core/render/mermaid';
import { NUMBER_STYLES, type NumberStyle } from '../../core/render/numberStyle';

/** The `handshake.preview.*` settings, read and checked; anything invalid falls back to the default. */
export interface PreviewSettings {
  readonly diagram: Omit<MermaidOptions, 'focusOffset'>;
  readonly delay: number;
}

export function readPreviewSettings(scope?: vscode.Uri): PreviewSettings {
  const config = vscode.workspace.getConfiguration('handshake.preview', scope);
  const numbers = config.get<string>('numbers', 'asWritten');
  const maxSegments = config.get<number>('maxSegments', 300);
  const delay = config.get<number>('delay', 300);
  return {
    diagram: {
      numbers: (NUMBER_STYLES as readonly string[]).includes(numbers)
        ? (numbers as NumberStyle)
        : 'asWritten',
      showStates: config.get<boolean>('showStates', true) !== false,
      showPayload: config.get<boolean>('showPayload', true) !== false,
      lineNumbers: config.get<boolean>('lineNumbers', true) !== false,
      maxSegments: Number.isFinite(maxSegments) && maxSegments >= 1 ? Math.floor(maxSegments) : 300,
    },
    delay: Number.isFinite(delay) && delay >= 0 ? delay : 300,
  };
}
