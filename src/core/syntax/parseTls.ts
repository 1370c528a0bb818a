import { diagnostic } from '../check/diagnostic';
import { TLS_MESSAGE_FIELDS, type TlsMessageType } from '../protocol/tlsMessageTypes';
import type { Cursor } from './cursor';
import { hostField } from './hostName';
import { parseAddress } from './parseAddress';
import { stringLiteral } from './parseSegment';
import { SYNTAX_TEXT } from './syntaxText';
import { spanOf, type Span } from '../text/span';
import type {
  AttackerStatement,
  CaStatement,
  CertStatement,
  DateStatement,
  KeyStatement,
  TlsField,
  TlsItem,
  TlsMessageStatement,
  TrustStatement,
} from './tlsTree';
import type { Token } from './token';
import type { Name, StringLiteral } from './tree';

function name(token: Token): Name {
  return { start: token.start, end: token.end, text: token.text };
}

/** Touching tokens (`2026-01-01`, `bank.example`, `A,B`) read as one word. */
function readWord(cursor: Cursor): TlsItem | undefined {
  const first = cursor.token;
  if (first.kind === 'newline' || first.kind === 'eof' || first.kind === 'string') return undefined;
  let last = cursor.advance();
  while (!cursor.atLineEnd() && cursor.token.start === last.end && cursor.token.kind !== 'string') {
    last = cursor.advance();
  }
  const span = { start: first.start, end: last.end };
  return { ...span, text: cursor.text(span) };
}

/** Splits `A,B` into its items, each with its own range; empty items are dropped. */
function itemsOf(word: TlsItem): TlsItem[] {
  const items: TlsItem[] = [];
  let start = 0;
  for (const part of word.text.split(',')) {
    if (part.length > 0) {
      items.push({
        start: word.start + start,
        end: word.start + start + part.length,
        text: part,
      });
    }
    start += part.length + 1;
  }
  return items;
}

/** `name=value`; the cursor is at the name and the next token is `=`. */
function parseField(cursor: Cursor): TlsField | undefined {
  const nameToken = cursor.advance();
  const equals = cursor.advance();
  const nameSpan = spanOf(nameToken);
  const word = cursor.token.start === equals.end ? readWord(cursor) : undefined;
  if (!word) {
    cursor.report(SYNTAX_TEXT.valueAfter({ field: nameToken.text }));
    return undefined;
  }
  const field = {
    start: nameToken.start,
    end: word.end,
    name: nameToken.text.toLowerCase(),
    nameSpan,
    value: word.text,
    valueSpan: spanOf(word),
    items: itemsOf(word),
  };
  return hostField(cursor, field) ?? field;
}

/** Fields to the end of the line; reports duplicates and fields `allowed` does not list. */
function parseFields(
  cursor: Cursor,
  allowed: readonly string[],
  owner: string,
  other?: (token: Token) => boolean,
  stray?: TlsField[],
): TlsField[] {
  const fields: TlsField[] = [];
  while (!cursor.atLineEnd()) {
    const token = cursor.token;
    if (token.kind === 'ident' && cursor.peek().kind === 'equals') {
      const field = parseField(cursor);
      if (!field) continue;
      if (!allowed.includes(field.name)) {
        stray?.push(field);
        cursor.diagnostics.push(
          diagnostic('TlsUnknownField', field.nameSpan, {
            text: field.name,
            owner,
            allowed: allowed.length ? allowed.map((f) => `${f}=`).join(', ') : SYNTAX_TEXT.noFields,
          }),
        );
      } else if (fields.some((f) => f.name === field.name)) {
        cursor.diagnostics.push(
          diagnostic('DuplicateField', field.nameSpan, { name: `${field.name}=` }),
        );
      } else {
        fields.push(field);
      }
      continue;
    }
    if (other?.(token)) continue;
    cursor.report(
      allowed.length
        ? SYNTAX_TEXT.aField({ list: allowed.map((f) => `${f}=`).join(', ') })
        : SYNTAX_TEXT.endOfLine,
    );
    cursor.skipWord();
  }
  return fields;
}

const DECLARATION_FIELDS = {
  ca: ['holder'],
  key: ['holder'],
  cert: ['subject', 'key', 'issuer', 'signer', 'notbefore', 'notafter', 'from'],
} as const;

/** `ca NAME ...`, `key NAME ...`, `cert NAME ...`. */
export function parseTlsDeclaration(
  cursor: Cursor,
  kind: 'ca' | 'key' | 'cert',
): CaStatement | KeyStatement | CertStatement | undefined {
  const keyword = cursor.advance();
  const nameToken = cursor.expect('ident', SYNTAX_TEXT.aName({ kind }));
  if (!nameToken) return undefined;
  const fields = parseFields(cursor, DECLARATION_FIELDS[kind], kind);
  const last = fields[fields.length - 1];
  return {
    kind,
    start: keyword.start,
    end: last?.end ?? nameToken.end,
    keywordSpan: spanOf(keyword),
    name: name(nameToken),
    fields,
  };
}

/** `trust ENDPOINT CA...` or `trust ENDPOINT any`. */
export function parseTrust(cursor: Cursor): TrustStatement | undefined {
  const keyword = cursor.advance();
  const endpoint = cursor.expect('ident', SYNTAX_TEXT.anEndpointName);
  if (!endpoint) return undefined;
  const authorities: Name[] = [];
  let any: Span | undefined;
  let end = endpoint.end;
  while (!cursor.atLineEnd()) {
    const token = cursor.token;
    if (token.kind === 'comma') {
      cursor.advance();
      continue;
    }
    if (token.kind !== 'ident') {
      cursor.report(SYNTAX_TEXT.aCaOrAny);
      cursor.skipWord();
      continue;
    }
    cursor.advance();
    if (token.text === 'any') any = spanOf(token);
    else authorities.push(name(token));
    end = token.end;
  }
  if (authorities.length === 0 && !any) cursor.report(SYNTAX_TEXT.aCaOrAny);
  return {
    kind: 'trust',
    start: keyword.start,
    end,
    keywordSpan: spanOf(keyword),
    endpoint: name(endpoint),
    authorities,
    ...(any ? { any } : {}),
  };
}

/** `attacker NAME [ADDRESS]`. */
export function parseAttacker(cursor: Cursor): AttackerStatement | undefined {
  const keyword = cursor.advance();
  const nameToken = cursor.expect('ident', SYNTAX_TEXT.attackerName);
  if (!nameToken) return undefined;
  const base = {
    kind: 'attacker' as const,
    start: keyword.start,
    keywordSpan: spanOf(keyword),
    name: name(nameToken),
  };
  const word = readWord(cursor);
  if (!word) return { ...base, end: nameToken.end };
  const result = parseAddress(word.text, spanOf(word));
  if (!result.ok) {
    cursor.diagnostics.push(
      diagnostic('InvalidAddress', word, { text: word.text, reason: result.reason }),
    );
    return { ...base, end: word.end };
  }
  return { ...base, end: word.end, address: result.address };
}

/** Days since 1970-01-01 for `YYYY-MM-DD`, or undefined when it is not a real date. */
export function dayOf(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return undefined;
  }
  return time / 86_400_000;
}

/** `date YYYY-MM-DD`. */
export function parseDate(cursor: Cursor): DateStatement | undefined {
  const keyword = cursor.advance();
  const word = readWord(cursor);
  if (!word) {
    cursor.report(SYNTAX_TEXT.aDate);
    return undefined;
  }
  const day = dayOf(word.text);
  if (day === undefined) {
    cursor.diagnostics.push(
      diagnostic('TlsBadValue', word, {
        what: SYNTAX_TEXT.whatDate,
        text: word.text,
        expected: SYNTAX_TEXT.dateFormat,
      }),
    );
  }
  return {
    kind: 'date',
    start: keyword.start,
    end: word.end,
    keywordSpan: spanOf(keyword),
    date: word,
    ...(day !== undefined ? { day } : {}),
  };
}

/**
 * What follows `FROM -> TO` when the next word is a TLS message:
 * `[forward] MESSAGE [field=value...] [ARGUMENT] ["data"]`.
 */
export function parseTlsMessage(
  cursor: Cursor,
  from: Name,
  arrowToken: Token,
  to: Name,
  forward: Token | undefined,
  messageToken: Token,
  message: TlsMessageType,
): TlsMessageStatement {
  let argument: TlsItem | undefined;
  let payload: StringLiteral | undefined;
  const stray: TlsField[] = [];
  const allowed = TLS_MESSAGE_FIELDS[message].allowed;
  const fields = parseFields(
    cursor,
    allowed,
    message,
    (token) => {
      if (token.kind === 'string' && message === 'ApplicationData' && !payload) {
        payload = stringLiteral(cursor.advance());
        return true;
      }
      if (token.kind === 'ident' && message === 'Alert' && !argument) {
        cursor.advance();
        argument = { start: token.start, end: token.end, text: token.text };
        return true;
      }
      return false;
    },
    stray,
  );
  const ends = [
    messageToken.end,
    ...fields.map((f) => f.end),
    argument?.end ?? 0,
    payload?.end ?? 0,
  ];
  return {
    kind: 'tls',
    start: from.start,
    end: Math.max(...ends),
    keywordSpan: spanOf(from),
    from,
    to,
    arrow: spanOf(arrowToken),
    ...(forward ? { forward: spanOf(forward) } : {}),
    message,
    messageSpan: spanOf(messageToken),
    fields,
    ...(stray.length > 0 ? { strayFields: stray } : {}),
    ...(argument ? { argument } : {}),
    ...(payload ? { payload } : {}),
  };
}
