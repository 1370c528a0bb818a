import { parse } from '../syntax/parser';

/** The name a scenario gets when its title leaves no letters or digits to name it by. */
export const FALLBACK_FILE_NAME = 'scenario.handshake';

/** Longest slug kept, in characters: file names stay readable in tabs and under path limits. */
const MAX_SLUG_LENGTH = 60;

/**
 * Names Windows reserves for devices whatever the extension: `con.handshake` cannot be saved
 * there, so such a slug gets a suffix.
 */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/;

/**
 * A file-name slug for a scenario title: the runs of letters and digits of any script, lowercase,
 * joined by `-` ("Four-way close" → `four-way-close`, "三次握手" → `三次握手`); everything else
 * (blanks, punctuation, quotes, slashes) only separates words. Empty when the title has no letter
 * or digit.
 */
export function scenarioSlug(title: string): string {
  const words =
    title
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    // Cut between words, or inside a first word longer than the limit, never in a surrogate pair.
    if ([...next].length > MAX_SLUG_LENGTH) {
      if (!slug) slug = [...word].slice(0, MAX_SLUG_LENGTH).join('');
      break;
    }
    slug = next;
  }
  return RESERVED.test(slug) ? `${slug}-scenario` : slug;
}

/**
 * The file name to propose for a new scenario: the slug of its `scenario "…"` title with the
 * `.handshake` extension, or `scenario.handshake` without a title that gives one.
 */
export function scenarioFileName(text: string): string {
  const scenario = parse(text).document.statements.find((s) => s.kind === 'scenario');
  const slug = scenario?.kind === 'scenario' ? scenarioSlug(scenario.title.value) : '';
  return slug ? `${slug}.handshake` : FALLBACK_FILE_NAME;
}

/**
 * The `n`th candidate name for `fileName` when the first ones are taken: `name.handshake`,
 * `name-2.handshake`, `name-3.handshake`, …
 */
export function numberedFileName(fileName: string, n: number): string {
  if (n <= 1) return fileName;
  const dot = fileName.lastIndexOf('.');
  return `${fileName.slice(0, dot)}-${n}${fileName.slice(dot)}`;
}
