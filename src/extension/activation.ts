import { localeOf } from '../core/text/locale';
import * as vscode from 'vscode';
import { AnalysisCache } from './analysisCache';
import { CaptureCommands } from './capture/captureCommands';
import type { OpenCaptureFile } from './capture/captureFile';
import type { HostTlsCrypto } from './capture/hostTlsCrypto';
import { CaptureEditorProvider } from './capture/captureEditor';
import { DebugRegistration, programUri } from './debug/debugRegistration';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { EditorFeatures } from './language/editorFeatures';
import { StateAnnotations } from './language/stateAnnotations';
import { TypingTracker } from './language/typingTracker';
import { registerNewScenario } from './language/newScenario';
import { MarkdownChecks } from './markdown/markdownChecks';
import { MarkdownDiagnostics } from './markdown/markdownDiagnostics';
import { MarkdownFeatures } from './markdown/markdownFeatures';
import { markdownItExtender } from './markdown/markdownPreview';
import { PreviewManager } from './preview/previewManager';

/** What differs between the Node extension host (extension.ts) and the web one (webExtension.ts). */
export interface Platform {
  /** How capture files are read: streamed from disk on Node, read whole on the web. */
  readonly openCaptureFile: OpenCaptureFile;
  /**
   * The cryptography for decrypting TLS 1.3 with a key log: Node's `crypto` on the desktop;
   * WebCrypto on the web, where the synchronous import runs in rounds (decryptInRounds).
   */
  readonly tlsCrypto?: HostTlsCrypto;
}

/** What `activate` hands VS Code: the Markdown preview's markdown-it plugin. */
export interface HandshakeApi {
  readonly extendMarkdownIt: ReturnType<typeof markdownItExtender>;
}

/**
 * Activated by the `handshake` language, its commands, a preview panel to restore, a capture
 * file, a Markdown document (for its ```handshake blocks), or VS Code's Markdown preview, which
 * uses the returned `extendMarkdownIt`.
 */
export function activateHandshake(
  context: vscode.ExtensionContext,
  platform: Platform,
): HandshakeApi {
  // Diagnostics, hovers and the diagram speak VS Code's display language (简体中文 or English).
  // Read once here and passed to every part that words something.
  const locale = localeOf(vscode.env.language);
  const cache = new AnalysisCache(locale);
  const typing = new TypingTracker();
  const markdownChecks = new MarkdownChecks(locale);
  const previews = new PreviewManager(context.extensionUri, cache);
  const debug = new DebugRegistration();
  context.subscriptions.push(
    typing,
    new DiagnosticsPublisher(cache),
    new EditorFeatures(cache, typing),
    new StateAnnotations(cache, markdownChecks, typing),
    registerNewScenario(),
    previews,
    new CaptureCommands(platform.openCaptureFile, locale, platform.tlsCrypto),
    new CaptureEditorProvider(platform.openCaptureFile, locale),
    new MarkdownDiagnostics(markdownChecks),
    new MarkdownFeatures(markdownChecks, typing),
    debug,
    // The preview follows the debugger's current step.
    debug.onDidStop((step) => previews.followStep(programUri(step.program), step.line)),
  );
  const extendMarkdownIt = markdownItExtender(locale);
  return { extendMarkdownIt };
}
