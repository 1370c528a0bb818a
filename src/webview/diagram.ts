import type { MermaidConfig } from 'mermaid';
import { sharedMermaid } from './mermaid/sharedMermaid';
import { mermaidTheme, type ThemeKind } from './theme';

/** The configuration the next render applies first, if it changed since the last one. */
let pendingConfig: MermaidConfig | undefined;

/**
 * Mermaid is configured here and nowhere else: strict security, nothing loaded at run time.
 * Applied by the next render, as Mermaid may not have loaded yet (see sharedMermaid).
 */
export function configureMermaid(theme: ThemeKind): void {
  pendingConfig = {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: mermaidTheme(theme),
    // The host draws at most `handshake.preview.maxSegments` segments (a window around the
    // cursor), so the text stays far below this; the default of 50,000 is too small for that.
    maxTextSize: 5_000_000,
    deterministicIds: true,
    sequence: { useMaxWidth: false, showSequenceNumbers: false, wrap: false },
  };
}

export type RenderResult =
  { readonly ok: true; readonly svg: string } | { readonly ok: false; readonly error: string };

let counter = 0;

/**
 * Parses, then renders. Mermaid renders one diagram at a time, so calls are chained; the caller
 * drops results that a newer request has made stale.
 */
let queue: Promise<unknown> = Promise.resolve();

export function renderDiagram(source: string): Promise<RenderResult> {
  const next = queue.then(() => renderNow(source));
  queue = next.catch(() => undefined);
  return next;
}

async function renderNow(source: string): Promise<RenderResult> {
  try {
    const mermaid = await sharedMermaid();
    if (pendingConfig) {
      mermaid.initialize(pendingConfig);
      pendingConfig = undefined;
    }
    await mermaid.parse(source);
    const { svg } = await mermaid.render(`hs-diagram-${++counter}`, source);
    return { ok: true, svg };
  } catch (error) {
    // Mermaid leaves an error element behind when rendering fails; remove it.
    document.querySelectorAll('[id^="dhs-diagram-"]').forEach((element) => element.remove());
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
