import type { Mermaid } from 'mermaid';

/**
 * Mermaid is shipped once, in dist/webview/mermaid.js, and shared through a global: the panel's
 * script and the Markdown preview's script would otherwise each carry their own copy (about 1 MB: sequence diagrams only, see esbuild.js).
 * mermaid.js publishes it here; the page scripts only ever `import type` from 'mermaid'
 * (esbuild.js refuses a value import in them).
 */
const GLOBAL = 'handshakeMermaid';
/** Dispatched on `window` once mermaid.js has run. */
const READY_EVENT = 'handshake-mermaid-ready';

type Holder = { [GLOBAL]?: Mermaid };

/** Called by mermaid.js only: makes the bundled Mermaid available to the page scripts. */
export function publishMermaid(mermaid: Mermaid): void {
  (globalThis as Holder)[GLOBAL] = mermaid;
  window.dispatchEvent(new Event(READY_EVENT));
}

let shared: Promise<Mermaid> | undefined;

/**
 * The Mermaid that mermaid.js published. It may run after the page script: VS Code's Markdown
 * preview loads its contributed scripts with `async`, so their order is not kept. Rejects once
 * the page has loaded without it (every script of the page has run by its `load` event).
 */
export function sharedMermaid(): Promise<Mermaid> {
  shared ??= new Promise<Mermaid>((resolve, reject) => {
    const published = () => (globalThis as Holder)[GLOBAL];
    const missing = () => new Error('dist/webview/mermaid.js did not load');
    const found = published();
    if (found) return resolve(found);
    if (document.readyState === 'complete') return reject(missing());
    const settle = () => {
      window.removeEventListener(READY_EVENT, settle);
      window.removeEventListener('load', settle);
      const mermaid = published();
      if (mermaid) resolve(mermaid);
      else reject(missing());
    };
    window.addEventListener(READY_EVENT, settle);
    window.addEventListener('load', settle);
  });
  return shared;
}
