/**
 * The languages the core writes user-facing text in: diagnostics, hovers, diagram notes. There
 * is no current language here: each edge (the extension from `vscode.env.language`, the CLI from
 * `LANG`, the webview from its `lang`) reads its own once and passes it to whatever words text
 * (`analyze(text, { locale })`, `word(text, locale)`), so nothing depends on a setting made
 * elsewhere and one process can show two languages.
 */
export type Locale = 'en' | 'zh-cn';

export const LOCALES: readonly Locale[] = ['en', 'zh-cn'];

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
