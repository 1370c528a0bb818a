import { printTls, tlsHead } from './formatTls';
import { displayWidth } from '../text/displayWidth';
import type { ParseResult } from '../syntax/parser';
import { LineMap } from '../text/lineMap';
import type { SegmentStatement, Statement } from '../syntax/tree';
import { isTlsStatement } from '../syntax/tlsTree';

/** One line of the text. `[start, end)` is its content, without the line break. */
export interface SourceLine {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** Where the next line starts: `end` plus the line break, or `end` on a last line without one. */
  readonly next: number;
}

/** What the formatter does with a line. */
export type LineRole =
  /** A line with a syntax error, or one the formatter does not understand: left as it is. */
  | { readonly kind: 'verbatim' }
  | { readonly kind: 'blank' }
  | { readonly kind: 'comment'; readonly indent: number; readonly text: string }
  | {
      readonly kind: 'segment';
      readonly indent: number;
      readonly statement: SegmentStatement;
      readonly comment?: number;
      /** Segments of one paragraph (blank lines and block braces end one) are aligned together. */
      readonly paragraph: number;
    }
  /** Any other statement, or a block's `simultaneous {` or `}`: always at column 0. */
  | {
      readonly kind: 'statement';
      readonly code: string;
      readonly comment?: number;
      /** For a TLS message: the length of its `A -> B` head, which runs of them align. */
      readonly head?: number;
      /** The columns that head takes (a Chinese name takes two per character). */
      readonly headWidth?: number;
    };

/** Splits `text` into lines; a final line break ends the last line rather than starting one. */
export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  // A byte order mark stays outside every edit.
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    if (newline < 0) {
      lines.push({ index: lines.length, start, end: text.length, next: text.length });
      break;
    }
    const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    lines.push({ index: lines.length, start, end, next: newline + 1 });
    start = newline + 1;
  }
  return lines;
}

/** Block indentation, as in the examples. */
export const BLOCK_INDENT = 2;

const BLANK = /^[ \t\r\f\v\ufeff]*$/;

/**
 * Decides what each line is, from the parse: a line touched by a syntax error (HS0xx) is left
 * as it is, since reprinting it could change what it means.
 */
export function lineRoles(
  text: string,
  lines: readonly SourceLine[],
  parsed: ParseResult,
): LineRole[] {
  const map = new LineMap(text);
  const roles: (LineRole | undefined)[] = new Array<LineRole | undefined>(lines.length);
  const blockLines = new Set<number>();
  const braceLines = new Set<number>();
  const place = (offset: number, role: LineRole): void => {
    const line = lines[map.positionAt(offset).line];
    if (line) roles[line.index] ??= role;
  };
  for (const diagnostic of parsed.diagnostics) {
    if (!diagnostic.code.startsWith('HS0')) continue;
    const first = map.positionAt(diagnostic.span.start).line;
    const last = map.positionAt(Math.max(diagnostic.span.start, diagnostic.span.end - 1)).line;
    for (let line = first; line <= last && line < lines.length; line++) {
      roles[line] = { kind: 'verbatim' };
    }
  }
  for (const statement of parsed.document.statements) {
    if (statement.kind === 'simultaneous') {
      placeBlock(text, statement, map, place, blockLines);
      braceLines.add(map.lineOf(statement));
      if (statement.closeBrace) braceLines.add(map.lineOf(statement.closeBrace));
    } else if (statement.kind === 'segment') {
      place(statement.start, segmentRole(text, statement, 0));
    } else {
      place(statement.start, statementRole(text, statement));
    }
  }
  let paragraph = 0;
  return lines.map((line, index) => {
    const role = roles[index] ?? unplacedRole(text, line, blockLines.has(index));
    if (role.kind === 'blank' || braceLines.has(index)) paragraph++;
    return role.kind === 'segment' ? { ...role, paragraph } : role;
  });
}

/** A line no statement starts on: blank, a comment, or something unexpected. */
function unplacedRole(text: string, line: SourceLine, inBlock: boolean): LineRole {
  const content = text.slice(line.start, line.end);
  if (BLANK.test(content)) return { kind: 'blank' };
  const trimmed = content.replace(/^[ \t\f\v\ufeff]+/, '');
  if (trimmed.startsWith('#') || trimmed.startsWith('//')) {
    return { kind: 'comment', indent: inBlock ? BLOCK_INDENT : 0, text: trimmed.trimEnd() };
  }
  return { kind: 'verbatim' };
}

function placeBlock(
  text: string,
  block: Extract<Statement, { kind: 'simultaneous' }>,
  map: LineMap,
  place: (offset: number, role: LineRole) => void,
  blockLines: Set<number>,
): void {
  const brace = skipBlanks(text, block.keywordSpan.end);
  const open = text[brace] === '{' ? commentAfter(text, brace + 1, false) : null;
  place(block.start, open === null ? { kind: 'verbatim' } : codeRole('simultaneous {', open));
  for (const segment of block.segments)
    place(segment.start, segmentRole(text, segment, BLOCK_INDENT));
  const close = block.closeBrace;
  if (close) place(close.start, codeRole('}', commentAfter(text, close.end, false)));
  const last = close ? map.lineOf(close) - 1 : map.positionAt(block.end).line;
  for (let line = map.lineOf(block) + 1; line <= last; line++) blockLines.add(line);
}

function segmentRole(text: string, statement: SegmentStatement, indent: number): LineRole {
  // Commas and `+` between flags and fields are separators: the reprinted line drops them.
  const comment = commentAfter(text, statement.end, true);
  if (comment === null) return { kind: 'verbatim' };
  const role = { kind: 'segment' as const, indent, statement, paragraph: 0 };
  return comment === undefined ? role : { ...role, comment };
}

function statementRole(text: string, statement: Exclude<Statement, SegmentStatement>): LineRole {
  const code = printStatement(text, statement);
  if (code === undefined) return { kind: 'verbatim' };
  const role = codeRole(code, commentAfter(text, statement.end, false));
  return statement.kind === 'tls' && role.kind === 'statement'
    ? { ...role, head: tlsHead(statement).length, headWidth: displayWidth(tlsHead(statement)) }
    : role;
}

function codeRole(code: string, comment: number | undefined | null): LineRole {
  if (comment === null) return { kind: 'verbatim' };
  return { kind: 'statement', code, ...(comment === undefined ? {} : { comment }) };
}

/** A statement other than a segment, with single spaces between its tokens. */
function printStatement(
  text: string,
  statement: Exclude<Statement, SegmentStatement>,
): string | undefined {
  if (isTlsStatement(statement)) return printTls(text, statement);
  const source = (span: { start: number; end: number }): string => text.slice(span.start, span.end);
  switch (statement.kind) {
    case 'scenario':
      return `scenario ${source(statement.title)}`;
    case 'endpoint':
      return statement.address
        ? `endpoint ${statement.name.text} ${source(statement.address)}`
        : `endpoint ${statement.name.text}`;
    case 'let':
      return `let ${statement.name.text} = ${statement.value.text}`;
    case 'listen':
    case 'close':
      return `${statement.endpoint.text} ${statement.kind}`;
    case 'expect':
      return `expect ${statement.endpoint.text} ${statement.stateText}`;
    case 'wait':
      return `wait ${source(statement.duration)}`;
    case 'deliver':
      return `deliver ${statement.label.text}${statement.again ? ' again' : ''}`;
    case 'simultaneous':
      return undefined; // placed by placeBlock
    default: {
      const unexpected: never = statement;
      return unexpected;
    }
  }
}

function skipBlanks(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && ' \t\r\f\v\ufeff'.includes(text[i] as string)) i++;
  return i;
}

/**
 * Where the trailing comment after a statement's code starts: undefined when there is none, and
 * null when something else follows (the line is then left alone, to be safe).
 */
function commentAfter(
  text: string,
  offset: number,
  separators: boolean,
): number | undefined | null {
  let i = offset;
  for (;;) {
    i = skipBlanks(text, i);
    const ch = text[i];
    if (!separators || (ch !== ',' && ch !== '+')) break;
    i++;
  }
  const ch = text[i];
  if (ch === undefined || ch === '\n') return undefined;
  if (ch === '#' || (ch === '/' && text[i + 1] === '/')) return i;
  return null;
}
