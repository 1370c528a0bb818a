import { liveTable } from '../text/locale';
import { DOCS_EN, type DocsTable, type Keyword, type KeywordEntry } from './docs.en';
import { DOCS_ZH_CN } from './docs.zh-cn';

export type { DocsTable, Entry, FieldName, Keyword, KeywordEntry } from './docs.en';

/** The hover and completion texts, in the current language. */
export const DOCS: DocsTable = liveTable({ en: DOCS_EN, 'zh-cn': DOCS_ZH_CN });

/** The keyword table's entry, or undefined for any other word. */
export function keywordDoc(word: string): KeywordEntry | undefined {
  return Object.prototype.hasOwnProperty.call(DOCS.keywords, word)
    ? DOCS.keywords[word as Keyword]
    : undefined;
}
