import type { Locale } from '../text/locale';
import { DOCS_EN, type DocsTable, type Keyword, type KeywordEntry } from './docs.en';
import { DOCS_ZH_CN } from './docs.zh-cn';

export type { DocsTable, Entry, FieldName, Keyword, KeywordEntry } from './docs.en';

const DOCS_TABLES: Readonly<Record<Locale, DocsTable>> = { en: DOCS_EN, 'zh-cn': DOCS_ZH_CN };

/** The hover and completion texts in `locale`. */
export function docsIn(locale: Locale): DocsTable {
  return DOCS_TABLES[locale];
}

/** The keyword table's entry, or undefined for any other word. */
export function keywordDoc(word: string, locale: Locale): KeywordEntry | undefined {
  const docs = docsIn(locale);
  return Object.prototype.hasOwnProperty.call(docs.keywords, word)
    ? docs.keywords[word as Keyword]
    : undefined;
}
