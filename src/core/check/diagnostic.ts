import type { Span } from '../text/span';
import type { TextEdit } from '../text/textEdits';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type DiagnosticKind, type Severity } from './codes';
import { currentLocale } from '../text/locale';
import { MESSAGES } from './messages';
import { MESSAGES_ZH_CN } from './messages.zh-cn';

/** A machine-readable repair: applying all its edits makes the diagnostic go away. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface RelatedInformation {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly kind: DiagnosticKind;
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related: readonly RelatedInformation[];
  readonly fix?: Fix;
}

type MessageArgs<K extends DiagnosticKind> = Parameters<(typeof MESSAGES)[K]>[0];

/** Builds a diagnostic of `kind` from the message table. */
export function diagnostic<K extends DiagnosticKind>(
  kind: K,
  span: Span,
  ...rest: MessageArgs<K> extends undefined
    ? [args?: undefined, extras?: { related?: RelatedInformation[]; fix?: Fix }]
    : [args: MessageArgs<K>, extras?: { related?: RelatedInformation[]; fix?: Fix }]
): Diagnostic {
  const [args, extras] = rest;
  const entry = DIAGNOSTIC_CODES[kind];
  const table = currentLocale() === 'zh-cn' ? MESSAGES_ZH_CN : MESSAGES;
  const message = (table[kind] as (p: unknown) => string)(args);
  return {
    kind,
    code: entry.code,
    severity: entry.severity,
    message,
    span: { start: span.start, end: span.end },
    related: extras?.related ?? [],
    ...(extras?.fix ? { fix: extras.fix } : {}),
  };
}
