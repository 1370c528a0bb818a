import { existsSync } from 'node:fs';

/** Where Chromium or Chrome usually is; `CHROME_PATH` names another one. */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export type ChromiumLookup =
  { readonly found: true; readonly path: string } | { readonly found: false; readonly why: string };

/**
 * The Chromium to draw with: `CHROME_PATH` when set (and then only that one), else the first of
 * the usual places that exists. Nothing is ever downloaded.
 */
export function findChromium(env: Readonly<Record<string, string | undefined>>): ChromiumLookup {
  const chosen = env.CHROME_PATH;
  if (chosen) {
    return existsSync(chosen)
      ? { found: true, path: chosen }
      : { found: false, why: `CHROME_PATH is ${chosen}, which does not exist` };
  }
  const path = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  return path
    ? { found: true, path }
    : { found: false, why: `none of ${CHROMIUM_CANDIDATES.join(', ')} exists` };
}

const QUIET_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Chromium's switches for a headless run that reaches nothing outside this process. The page
 * runs in Chromium's sandbox, except as root, where Chromium refuses to start with it (containers
 * and CI run as root); there the page is still the bundled Mermaid on escaped text, under a CSP
 * that lets nothing load.
 */
export function chromiumArgs(isRoot: boolean = process.getuid?.() === 0): string[] {
  return ['--headless=new', ...(isRoot ? ['--no-sandbox'] : []), ...QUIET_ARGS];
}
