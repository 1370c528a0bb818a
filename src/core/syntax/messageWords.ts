import { diagnostic } from '../check/diagnostic';
import { parseTlsMessageType, type TlsMessageType } from '../protocol/tlsMessageTypes';
import type { Cursor } from './cursor';
import { SYNTAX_TEXT } from './syntaxText';
import type { Token } from './token';

/** The most words a message name takes when written apart (`Server Hello Done`). */
const MAX_WORDS = 3;

/** A message name read from the words at the cursor. */
export interface MessageName {
  readonly message: TlsMessageType;
  /** The first word and the last: one token when written as the language writes it. */
  readonly first: Token;
  readonly last: Token;
  /** How many tokens the name takes. */
  readonly count: number;
}

/**
 * The TLS message name `ahead` tokens past the cursor: one word (`ClientHello`, `client_hello`),
 * or two or three words as notes write it (`Client Hello`, `server hello done`), joined. The
 * longest name wins, so `Certificate Verify` is CertificateVerify, not Certificate followed by a
 * stray word; a word followed by `=` is a field, never part of a name.
 */
export function readMessageName(cursor: Cursor, ahead: number): MessageName | undefined {
  const words: Token[] = [];
  for (let i = 0; i < MAX_WORDS; i++) {
    const token = cursor.peek(ahead + i);
    if (token.kind !== 'ident' || cursor.peek(ahead + i + 1).kind === 'equals') break;
    words.push(token);
  }
  for (let count = words.length; count >= 1; count--) {
    const message = parseTlsMessageType(
      words
        .slice(0, count)
        .map((w) => w.text)
        .join(''),
    );
    if (message) {
      const first = words[0] as Token;
      return { message, first, last: words[count - 1] as Token, count };
    }
  }
  return undefined;
}

/**
 * A name written in words is read as the message (one mistake, one diagnostic: the fields after
 * it are read as that message's), with a warning and a fix that writes it as one word.
 */
export function reportMessageInWords(cursor: Cursor, name: MessageName): void {
  if (name.count === 1) return;
  const span = { start: name.first.start, end: name.last.end };
  cursor.diagnostics.push(
    diagnostic(
      'MessageInWords',
      span,
      {
        text: cursor.text(span),
        message: name.message,
        // The RFCs' enum spelling (RFC 5246 §7.4: client_hello), which the notes also use.
        enumName: name.message.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase(),
      },
      {
        fix: {
          title: SYNTAX_TEXT.fixMessageName({ message: name.message }),
          edits: [{ span, newText: name.message }],
        },
      },
    ),
  );
}
