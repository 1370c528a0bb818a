import type { Locale } from './locale';

/**
 * Words as data. The engines do not write sentences: they say which entry of which text table
 * they mean and with what arguments (a phrase), and the edge (analysis, services, render, CLI)
 * words it in the locale its caller passed. So no part of the core depends on a language chosen
 * somewhere else, and one analysis can be shown in two languages.
 */

/** A text table in every locale: the English one is the reference for keys and arguments. */
export type Book = Readonly<Record<Locale, object>>;

/** One entry of a book (`path` walks nested tables and lists) with its arguments. */
export interface Phrase {
  readonly book: Book;
  readonly path: readonly (string | number)[];
  /** For an entry that is a function: its argument, whose strings may themselves be phrases. */
  readonly args?: unknown;
}

/** What the engines hold where a user reads words: a fixed string (a name, a number) or a phrase. */
export type Text = string | Phrase;

/** A value or, where it was a string, a text; lists of strings become lists of texts. */
export type Wordable<V> = V extends string
  ? Text
  : V extends readonly string[]
    ? readonly Text[]
    : V extends readonly unknown[]
      ? V
      : V extends (...args: never[]) => unknown
        ? V
        : V extends object
          ? { readonly [K in keyof V]: Wordable<V[K]> }
          : V;

/**
 * A table seen through its phrasebook: the same keys and call syntax, but each entry makes a
 * phrase instead of a string (`TCP_TEXT.causeAt({ ... })`, `TCP_TEXT.aSegment`).
 */
export type Phrasebook<T> = {
  readonly [K in keyof T]: T[K] extends () => string
    ? () => Phrase
    : T[K] extends (p: infer P) => string
      ? (p: Wordable<P>) => Phrase
      : T[K] extends string
        ? Phrase
        : T[K] extends readonly string[]
          ? readonly Phrase[]
          : Phrasebook<T[K]>;
};

/** True for a phrase (rather than a plain string or another value). */
export function isPhrase(value: unknown): value is Phrase {
  return typeof value === 'object' && value !== null && 'book' in value && 'path' in value;
}

/**
 * The phrasebook of `book`: built once from the English table's shape. Entries that are strings
 * become constant phrases, functions make a phrase per call, nested tables and lists recurse.
 */
export function phrasebook<T extends object>(book: Readonly<Record<Locale, T>>): Phrasebook<T> {
  return bookOf(book, book.en, []) as Phrasebook<T>;
}

function bookOf(book: Book, table: object, path: readonly (string | number)[]): unknown {
  if (Array.isArray(table)) return table.map((_, i) => entryOf(book, table[i], [...path, i]));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(table)) out[key] = entryOf(book, value, [...path, key]);
  return Object.freeze(out);
}

function entryOf(book: Book, value: unknown, path: readonly (string | number)[]): unknown {
  if (typeof value === 'function') return (args: unknown) => ({ book, path, args }) as Phrase;
  if (typeof value === 'object' && value !== null) return bookOf(book, value, path);
  return Object.freeze({ book, path }) as Phrase;
}

/**
 * The words of `text` in `locale`. A phrase's arguments are worded first (they may be phrases,
 * or lists and records of them), then its entry is looked up and, if a function, called.
 */
export function word(text: Text, locale: Locale): string {
  if (typeof text === 'string') return text;
  let entry: unknown = text.book[locale];
  for (const step of text.path) entry = (entry as Record<string | number, unknown>)[step];
  if (typeof entry === 'function')
    return (entry as (p: unknown) => string)(wordArgs(text.args, locale));
  return entry as string;
}

/** Words every phrase inside `args` (a phrase, a list, a plain record), leaving the rest. */
export function wordArgs(args: unknown, locale: Locale): unknown {
  if (typeof args !== 'object' || args === null) return args;
  if (isPhrase(args)) return word(args, locale);
  if (Array.isArray(args)) return args.map((a) => wordArgs(a, locale));
  if (Object.getPrototypeOf(args) !== Object.prototype) return args;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) out[key] = wordArgs(value, locale);
  return out;
}

const JOIN_TABLE = {
  concat: (p: { parts: readonly string[]; separator: string }) => p.parts.join(p.separator),
};

const JOIN = phrasebook({ en: JOIN_TABLE, 'zh-cn': JOIN_TABLE });

/**
 * `parts` one after the other (with `separator` between them), as a phrase when any part is one:
 * what `+`, a template literal or `Array.join` would do to strings, which on a phrase would
 * write "[object Object]".
 */
export function joinText(parts: readonly Text[], separator: Text = ''): Text {
  if (typeof separator === 'string' && parts.every((p) => typeof p === 'string')) {
    return parts.join(separator);
  }
  return JOIN.concat({ parts, separator });
}
