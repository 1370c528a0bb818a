import type { MermaidConfig } from 'mermaid';
import { diagramFontFamily } from './diagramFont';
import { sharedMermaid } from './mermaid/sharedMermaid';
import { mermaidTheme, type ThemeKind } from './theme';

/**
 * Spacing for a side panel: the host breaks labels and notes into short lines (see
 * core/render/labelLines.ts), notes sit on the lifelines, and Mermaid's margins, made for a
 * full page, are tightened so that a two-party diagram fits a 500 px panel at a readable size.
 */
const SEQUENCE_LAYOUT = {
  useMaxWidth: false,
  showSequenceNumbers: false,
  wrap: false,
  diagramMarginX: 8,
  diagramMarginY: 8,
  width: 110,
  height: 44,
  actorMargin: 24,
  boxMargin: 6,
  boxTextMargin: 4,
  noteMargin: 6,
  messageMargin: 26,
  wrapPadding: 6,
} as const;

/**
 * Text size in the diagram: Mermaid's sequence renderer copies the top-level `fontSize` over
 * its own message, note and actor sizes, so it is set here, once.
 */
const FONT_SIZE = 14;

/** The configuration the next render applies first, if it changed since the last one. */
let pendingConfig: MermaidConfig | undefined;

/**
 * Mermaid is configured here and nowhere else: strict security, nothing loaded at run time.
 * Applied by the next render, as Mermaid may not have loaded yet (see sharedMermaid). `lang`,
 * the page's language, chooses the font stack (see diagramFont.ts).
 */
export function configureMermaid(
  theme: ThemeKind,
  lang: string = document.documentElement.lang,
): void {
  const fontFamily = diagramFontFamily(lang);
  pendingConfig = {
    startOnLoad: false,
    securityLevel: 'strict',
    // Keys a `%%{init}%%` directive in the text may not change (Mermaid's own list, and the
    // look: themeCSS is raw CSS). Our text has no directives; this holds if one slips in.
    secure: [
      'secure',
      'securityLevel',
      'startOnLoad',
      'maxTextSize',
      'suppressErrorRendering',
      'maxEdges',
      'theme',
      'themeVariables',
      'themeCSS',
      'fontFamily',
      'altFontFamily',
      'fontSize',
      'darkMode',
      'htmlLabels',
      'sequence',
      'deterministicIds',
    ],
    theme: mermaidTheme(theme),
    // Both: the sequence renderer measures and draws text with `fontFamily`, the diagram's
    // stylesheet uses the theme's.
    fontFamily,
    themeVariables: { fontFamily },
    // The host draws at most `handshake.preview.maxSegments` segments (a window around the
    // cursor), so the text stays far below this; the default of 50,000 is too small for that.
    maxTextSize: 5_000_000,
    deterministicIds: true,
    fontSize: FONT_SIZE,
    sequence: SEQUENCE_LAYOUT,
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
