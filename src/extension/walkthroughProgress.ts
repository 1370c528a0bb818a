import * as vscode from 'vscode';

/**
 * Context keys that complete the steps of the Getting Started walkthrough (package.json
 * `walkthroughs`, `completionEvents: onContext:…`). A step is ticked when the thing it teaches
 * happened, not when its command ran: "Open Preview to the Side" with no file open shows a
 * notification and must leave the step open.
 */
export const WalkthroughStep = {
  /** A new scenario document was created and shown. */
  scenarioCreated: 'handshake.scenarioCreated',
  /** A preview panel opened (created, or restored after a reload). */
  previewOpened: 'handshake.previewOpened',
  /** A quick fix or Fix All Seq/Ack Numbers changed a scenario. */
  mistakeFixed: 'handshake.mistakeFixed',
} as const;

export type WalkthroughStep = (typeof WalkthroughStep)[keyof typeof WalkthroughStep];

/** Marks a walkthrough step done for this window; VS Code remembers it once ticked. */
export function completeWalkthroughStep(step: WalkthroughStep): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', step, true);
}
