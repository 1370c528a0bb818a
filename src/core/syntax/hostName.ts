import { diagnostic } from '../check/diagnostic';
import type { Cursor } from './cursor';
import { SYNTAX_TEXT } from './syntaxText';
import type { TlsField } from './tlsTree';

/** The fields whose value is a host name: the name a client asks for, a certificate's subject. */
const HOST_FIELDS: ReadonlySet<string> = new Set(['sni', 'subject']);

/** `https://bank.example:443/login`: the scheme, then the host up to a port, path or query. */
const URL = /^([A-Za-z]+:\/\/)(?:[^@/?#]*@)?([^/?#:]*)/;

/**
 * A URL where a host name goes (`sni=https://bank.example`), as notes copy it from the address
 * bar: SNI carries the host name alone (RFC 6066 §3), and so does a certificate's subject. One
 * error with a fix that writes the host name, and the field is read as that name, so the
 * certificate check after it compares names and reports nothing more. Undefined for any other
 * field or value.
 */
export function hostField(cursor: Cursor, field: TlsField): TlsField | undefined {
  if (!HOST_FIELDS.has(field.name)) return undefined;
  const match = URL.exec(field.value);
  if (!match) return undefined;
  const [, scheme = '', host = ''] = match;
  const span = field.valueSpan;
  cursor.diagnostics.push(
    diagnostic(
      'TlsBadValue',
      span,
      {
        what: SYNTAX_TEXT.aHostName,
        text: field.value,
        expected: SYNTAX_TEXT.hostWithoutScheme({ host, scheme, field: field.name }),
      },
      host
        ? {
            fix: {
              title: SYNTAX_TEXT.fixHostName({ host }),
              edits: [{ span, newText: host }],
            },
          }
        : undefined,
    ),
  );
  return { ...field, value: host, items: host ? [{ ...span, text: host }] : [] };
}
