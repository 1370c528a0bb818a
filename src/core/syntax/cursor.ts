import type { Diagnostic } from '../check/diagnostic';
import { diagnostic } from '../check/diagnostic';
import type { Token, TokenKind } from './token';

/** Walks the token list for the parser and collects its diagnostics. */
export class Cursor {
  private index = 0;
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    private readonly source: string,
  ) {}

  /** The source text under `span`. */
  text(span: { start: number; end: number }): string {
    return this.source.slice(span.start, span.end);
  }

  get token(): Token {
    return this.tokens[this.index] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  peek(ahead = 1): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)] as Token;
  }

  at(kind: TokenKind): boolean {
    return this.token.kind === kind;
  }

  /** True at the end of a statement: a newline or the end of the text. */
  atLineEnd(): boolean {
    return this.token.kind === 'newline' || this.token.kind === 'eof';
  }

  advance(): Token {
    const token = this.token;
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  /** Consumes a token of `kind`, or reports what was expected and returns undefined. */
  expect(kind: TokenKind, expected: string): Token | undefined {
    if (this.token.kind === kind) return this.advance();
    this.report(expected);
    return undefined;
  }

  /** Reports "expected X, found Y" at the current token (an empty range at a line's end). */
  report(expected: string): void {
    const token = this.token;
    const atEnd = token.kind === 'newline' || token.kind === 'eof';
    const span = atEnd ? { start: token.start, end: token.start } : token;
    this.diagnostics.push(diagnostic('ExpectedToken', span, { expected, found: describe(token) }));
  }

  /** Offset of the next token for which `found` holds, unless `stop` holds first. */
  findAhead(found: (token: Token) => boolean, stop: (token: Token) => boolean): number | undefined {
    for (let i = this.index; i < this.tokens.length; i++) {
      const token = this.tokens[i] as Token;
      if (found(token)) return token.start;
      if (stop(token)) return undefined;
    }
    return undefined;
  }

  /** The single recovery helper: skip what is left of this statement's line. */
  skipLine(): void {
    while (!this.atLineEnd()) this.advance();
  }
}

export function describe(token: Token): string {
  switch (token.kind) {
    case 'newline':
      return 'the end of the line';
    case 'eof':
      return 'the end of the file';
    case 'string':
      return 'a string';
    default:
      return `'${token.text}'`;
  }
}
