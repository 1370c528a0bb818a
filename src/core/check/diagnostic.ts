import type { Span } from '../text/span';
import type { TextEdit } from '../text/textEdits';
import type { Locale } from '../text/locale';
import { word, type Phrase, type Text, type Wordable } from '../text/words';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type DiagnosticKind, type Severity } from './codes';
import { MESSAGES } from './messages';
import { MESSAGES_ZH_CN } from './messages.zh-cn';

/**
 * A machine-readable repair: applying all its edits makes the diagnostic go away. `T` is
 * `string` once worded, `Text` while an engine holds it.
 */
export interface Fix<T extends Text = string> {
  readonly title: T;
  readonly edits: readonly TextEdit[];
}

export interface RelatedInformation<T extends Text = string> {
  readonly span: Span;
  readonly message: T;
}

/**
 * A problem as the services, the CLI and the extension read it: worded in the locale that
 * `analyze` was given. The engines make `Finding`s, the same with the words still as data.
 */
export interface Diagnostic<T extends Text = string> {
  readonly kind: DiagnosticKind;
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: T;
  readonly span: Span;
  readonly related: readonly RelatedInformation<T>[];
  readonly fix?: Fix<T>;
}

/** A diagnostic as an engine reports it: its message, related notes and fix title not yet worded. */
export type Finding = Diagnostic<Text>;

/** Both message tables as one book: a finding's message is a phrase of it. */
const MESSAGE_BOOK = { en: MESSAGES, 'zh-cn': MESSAGES_ZH_CN } as const;

type MessageArgs<K extends DiagnosticKind> = Wordable<Parameters<(typeof MESSAGES)[K]>[0]>;

type Extras = { related?: RelatedInformation<Text>[]; fix?: Fix<Text> };

/**
 * Shared by every finding that needs them, since a broken file can make a finding per character
 * (see analysis/diagnosticLimit.ts): each message's path, and the empty list of related notes.
 */
const PATHS = Object.fromEntries(
  Object.keys(DIAGNOSTIC_CODES).map((kind) => [kind, Object.freeze([kind])]),
) as unknown as Readonly<Record<DiagnosticKind, readonly [DiagnosticKind]>>;
const NO_RELATED: readonly RelatedInformation<Text>[] = Object.freeze([]);

/** Builds a finding of `kind`: its message is the table entry with `args`, worded later. */
export function diagnostic<K extends DiagnosticKind>(
  kind: K,
  span: Span,
  ...rest: MessageArgs<K> extends undefined
    ? [args?: undefined, extras?: Extras]
    : [args: MessageArgs<K>, extras?: Extras]
): Finding {
  const [args, extras] = rest;
  const entry = DIAGNOSTIC_CODES[kind];
  const message: Phrase = { book: MESSAGE_BOOK, path: PATHS[kind], args };
  return {
    kind,
    code: entry.code,
    severity: entry.severity,
    message,
    span: { start: span.start, end: span.end },
    related: extras?.related ?? NO_RELATED,
    ...(extras?.fix ? { fix: extras.fix } : {}),
  };
}

/** `finding` with its message, related notes and fix title in `locale`. */
export function wordDiagnostic(finding: Finding, locale: Locale): Diagnostic {
  const { fix } = finding;
  return {
    kind: finding.kind,
    code: finding.code,
    severity: finding.severity,
    message: word(finding.message, locale),
    span: finding.span,
    related: finding.related.map((r) => ({ span: r.span, message: word(r.message, locale) })),
    ...(fix ? { fix: { title: word(fix.title, locale), edits: fix.edits } } : {}),
  };
}
