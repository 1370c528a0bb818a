/**
 * The language of every user-facing text the core writes: diagnostics, hovers, diagram notes.
 * One setting for the whole process: VS Code runs in one display language and the CLI reads
 * `LANG` once, so the core keeps it here rather than threading it through every call.
 */
export type Locale = 'en' | 'zh-cn';

export const LOCALES: readonly Locale[] = ['en', 'zh-cn'];

let current: Locale = 'en';

/**
 * Reads a language tag as VS Code (`zh-cn`, `zh-CN`), browsers (`zh-Hans-CN`) or POSIX
 * (`zh_CN.UTF-8`) write it; anything that is not Simplified Chinese is English.
 */
export function localeOf(tag: string | undefined): Locale {
  const t = (tag ?? '').toLowerCase().replace(/_/g, '-');
  if (t === 'zh' || t.startsWith('zh-cn') || t.startsWith('zh-hans') || t.startsWith('zh-sg')) {
    return 'zh-cn';
  }
  return 'en';
}

export function setLocale(tag: string | undefined): Locale {
  current = localeOf(tag);
  return current;
}

export function currentLocale(): Locale {
  return current;
}

/** Picks the entry of the current locale. */
export function localized<T>(tables: Readonly<Record<Locale, T>>): T {
  return tables[current];
}

/**
 * A table whose top-level entries are read in the current locale each time they are used, so
 * that `DOCS.flags.SYN` follows the language without every caller asking for it.
 */
export function liveTable<T extends object>(tables: Readonly<Record<Locale, T>>): T {
  const live = {} as T;
  for (const key of Object.keys(tables.en) as (keyof T)[]) {
    Object.defineProperty(live, key, { get: () => tables[current][key], enumerable: true });
  }
  return live;
}
