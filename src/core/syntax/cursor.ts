import type { Text } from '../text/words';
import { SYNTAX_TEXT } from './syntaxText';
import type { Finding } from '../check/diagnostic';
import { diagnostic } from '../check/diagnostic';
import { Scanner } from './scanner';
import type { SegmentTable } from './segmentTable';
import type { Token, TokenKind } from './token';

/** How many characters of a run of unexpected ones a message quotes. */
const MAX_SHOWN = 20;

function scanError(token: Token): Finding {
  switch (token.error) {
    case 'unterminatedString':
      return diagnostic('UnterminatedString', token);
    case 'badEscape': {
      const at = token.errorAt ?? token.start;
      return diagnostic('BadEscape', { start: at, end: Math.min(at + 2, token.end) });
    }
    default:
      return diagnostic('UnexpectedCharacter', token, { text: token.text });
  }
}

/**
 * Walks the tokens for the parser, pulling them from the scanner as it goes (with a little
 * lookahead), and collects the parser's diagnostics, including the scanner's errors.
 */
export class Cursor {
  private readonly scanner: Scanner;
  /** The current token and any peeked ones after it. */
  private readonly buffer: Token[] = [];
  readonly diagnostics: Finding[] = [];
  /** The rows of the segments parsed so far (see SegmentNode), made with the first one. */
  segments: SegmentTable | undefined;
  /** The run of unexpected characters the last diagnostic covers, while it may grow. */
  private run:
    { index: number; start: number; end: number; count: number; shown: string } | undefined;

  /** `offset` starts the walk inside the text, to read one line again (see segmentNode.ts). */
  constructor(
    readonly source: string,
    offset = 0,
  ) {
    this.scanner = new Scanner(source, offset);
  }

  /** The source text under `span`. */
  text(span: { start: number; end: number }): string {
    return this.source.slice(span.start, span.end);
  }

  get token(): Token {
    return this.peek(0);
  }

  peek(ahead = 1): Token {
    while (this.buffer.length <= ahead) {
      const token = this.scanner.next();
      if (token.error) this.reportScanError(token);
      this.buffer.push(token);
    }
    return this.buffer[ahead] as Token;
  }

  /**
   * A run of unexpected characters is one problem, not one per character: a pasted line of
   * binary or a row of `@` would otherwise give a diagnostic per byte (a 1 MB line, a million).
   */
  private reportScanError(token: Token): void {
    const last = this.diagnostics.length - 1;
    if (token.error === 'unexpectedCharacter' && this.run && this.run.end === token.start) {
      // Extend the run's diagnostic; its text is written once the run is quoted in full.
      this.run.end = token.end;
      this.run.count++;
      if (this.run.count <= MAX_SHOWN) this.run.shown += token.text;
      this.diagnostics[this.run.index] = diagnostic(
        'UnexpectedCharacter',
        { start: this.run.start, end: this.run.end },
        {
          text: this.run.count > MAX_SHOWN ? `${this.run.shown}…` : this.run.shown,
          count: this.run.count,
        },
      );
      return;
    }
    this.diagnostics.push(scanError(token));
    this.run =
      token.error === 'unexpectedCharacter'
        ? { index: last + 1, start: token.start, end: token.end, count: 1, shown: token.text }
        : undefined;
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
    if (token.kind !== 'eof') this.buffer.shift();
    return token;
  }

  /**
   * Moves to `offset`, for a reader that went through the text without tokens (see
   * readSegmentLine.ts). Only between tokens: nothing may have been peeked past the current one.
   */
  jumpTo(offset: number): void {
    if (this.buffer.length > 0) this.buffer.length = 0;
    this.scanner.moveTo(offset);
  }

  /** Consumes a token of `kind`, or reports what was expected and returns undefined. */
  expect(kind: TokenKind, expected: Text): Token | undefined {
    if (this.token.kind === kind) return this.advance();
    this.report(expected);
    return undefined;
  }

  /**
   * Reports "expected X, found Y" at the current token. At the end of a line that reads well so
   * far, the line is only unfinished, as every line is while it is typed: that is one milder
   * UnfinishedLine, an empty range at the line's end.
   */
  report(expected: Text): void {
    const token = this.token;
    if (token.kind !== 'newline' && token.kind !== 'eof') {
      this.diagnostics.push(
        diagnostic('ExpectedToken', token, { expected, found: describe(token) }),
      );
      return;
    }
    const span = { start: token.start, end: token.start };
    this.diagnostics.push(
      this.readsWellUpTo(token.start)
        ? diagnostic('UnfinishedLine', span, { expected })
        : diagnostic('ExpectedToken', span, { expected, found: describe(token) }),
    );
  }

  /**
   * True when a diagnostic starts between `from` and `to` on the line of `to`. Diagnostics are
   * pushed in reading order, so that line's come last; a scan error from a peek into the next
   * line (starting past `to`) is not counted.
   */
  reportedIn(from: number, to: number): boolean {
    const lineStart = this.source.lastIndexOf('\n', to - 1) + 1;
    for (let i = this.diagnostics.length - 1; i >= 0; i--) {
      const start = (this.diagnostics[i] as Finding).span.start;
      if (start < lineStart) return false;
      if (start >= from && start <= to) return true;
    }
    return false;
  }

  /** True when nothing was reported on the line that ends at `end`. */
  private readsWellUpTo(end: number): boolean {
    return !this.reportedIn(0, end);
  }

  /** Offset of the next token for which `found` holds, unless `stop` holds first. */
  findAhead(found: (token: Token) => boolean, stop: (token: Token) => boolean): number | undefined {
    // A scanner of its own, so nothing is reported twice and the cursor does not move.
    const scanner = new Scanner(this.source, this.token.start);
    for (;;) {
      const token = scanner.next();
      if (found(token)) return token.start;
      if (stop(token) || token.kind === 'eof') return undefined;
    }
  }

  /**
   * Skips the current token and the ones touching it (`+1`, `0x10`): one unreadable word, so
   * that the rest of the line is still read.
   */
  skipWord(): void {
    let last = this.advance();
    while (!this.atLineEnd() && this.token.start === last.end) last = this.advance();
  }

  /**
   * At a `(` after a segment's fields: a remark written in parentheses without `#`, as notes
   * write `ack=x+1 (第二次握手)`. One warning with a fix that makes it a comment, instead of the
   * unexpected `(`, the words in it and the `)`; the rest of the line is read as a comment.
   */
  remark(): void {
    const open = this.token;
    const last = this.diagnostics[this.diagnostics.length - 1];
    if (last && last.kind === 'UnexpectedCharacter' && last.span.start === open.start) {
      this.diagnostics.pop();
      this.run = undefined;
    }
    const newline = this.source.indexOf('\n', open.start);
    let end = newline < 0 ? this.source.length : newline;
    if (this.source.charCodeAt(end - 1) === 13) end--;
    this.diagnostics.push(
      diagnostic('RemarkWithoutHash', { start: open.start, end }, undefined, {
        fix: {
          title: SYNTAX_TEXT.fixRemark,
          edits: [{ span: { start: open.start, end: open.start }, newText: '# ' }],
        },
      }),
    );
    this.jumpTo(end);
  }

  /** The single recovery helper: skip what is left of this statement's line. */
  skipLine(): void {
    while (!this.atLineEnd()) this.advance();
  }
}

/** How a message names a token; the end of the text ends its last line, as a newline does. */
export function describe(token: Token): Text {
  switch (token.kind) {
    case 'newline':
    case 'eof':
      return SYNTAX_TEXT.endOfLine;
    case 'string':
      return SYNTAX_TEXT.aString;
    default:
      return `'${token.text}'`;
  }
}
