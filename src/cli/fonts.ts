import { spawnSync } from 'node:child_process';

/** A kind of text a diagram may hold that only some fonts draw, and the Debian package for it. */
export interface FontNeed {
  readonly what: 'chinese' | 'emoji';
  readonly fontPackage: string;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u;
const EMOJI = /\p{Extended_Pictographic}/u;

/** fontconfig's question for each need: a font for Chinese, a font with U+1F511 (🔑). */
const PATTERNS: Readonly<Record<FontNeed['what'], string>> = {
  chinese: ':lang=zh',
  emoji: ':charset=1f511',
};

/**
 * What `diagram` needs that no installed font draws, asked of fontconfig (`fc-list`), which
 * Chromium on Linux uses to find fonts: without such a font Chinese and emoji are drawn as
 * boxes. Nothing when fc-list is not there to ask (not Linux, or no fontconfig).
 */
export function missingFonts(
  diagram: string,
  env: Readonly<Record<string, string | undefined>>,
): FontNeed[] {
  const needs: FontNeed[] = [];
  if (CJK.test(diagram)) needs.push({ what: 'chinese', fontPackage: 'fonts-noto-cjk' });
  if (EMOJI.test(diagram)) needs.push({ what: 'emoji', fontPackage: 'fonts-noto-color-emoji' });
  return needs.filter((need) => {
    const listed = spawnSync('fc-list', [PATTERNS[need.what], 'family'], {
      encoding: 'utf8',
      env: env as NodeJS.ProcessEnv,
    });
    if (listed.error || listed.status !== 0) return false; // nothing to ask
    return listed.stdout.trim() === '';
  });
}
