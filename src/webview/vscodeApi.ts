import type { WebviewMessage } from '../core/preview/protocol';

/** What VS Code gives a webview script (`acquireVsCodeApi`), typed for our messages. */
export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Acquired once: VS Code allows only one call per webview. */
export const vscode: VsCodeApi = acquireVsCodeApi();
