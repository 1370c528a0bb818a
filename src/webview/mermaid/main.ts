import mermaid from 'mermaid';
import { publishMermaid } from './sharedMermaid';

/**
 * dist/webview/mermaid.js: the bundled, local Mermaid, loaded by every page that draws
 * (the preview panel, VS Code's Markdown preview, `handshake render`) beside that page's own
 * script, which finds it with `sharedMermaid()` and configures it (src/webview/diagram.ts).
 */
// Left alone, Mermaid draws every `.mermaid` element of the page on `load`; the page script
// configures it only when it first draws, which may be later.
mermaid.initialize({ startOnLoad: false });
publishMermaid(mermaid);
