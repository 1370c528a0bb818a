import { printTls } from './formatTls';
import type { ParseResult } from '../syntax/parser';
import type { SegmentStatement, Statement } from '../syntax/tree';
import { isTlsStatement } from '../syntax/tlsTree';

/**
 * True when two parses say the same thing: the same statements with the same names, flags,
 * values and payloads in the same order, and the same syntax errors. Positions are left out, since
 * formatting moves them. The formatter checks its own output with this before handing it out.
 */
export function sameMeaning(before: ParseResult, after: ParseResult): boolean {
  // Statement by statement, so that a large document never has its whole meaning in memory.
  const a = before.document.statements;
  const b = after.document.statements;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = JSON.stringify(statementMeaning(before.document.text, a[i] as Statement));
    const y = JSON.stringify(statementMeaning(after.document.text, b[i] as Statement));
    if (x !== y) return false;
  }
  const codes = (parsed: ParseResult) => parsed.diagnostics.map((d) => d.code).join(' ');
  return codes(before) === codes(after);
}

function statementMeaning(text: string, statement: Statement): unknown {
  if (isTlsStatement(statement)) return [statement.kind, printTls(text, statement)];
  switch (statement.kind) {
    case 'scenario':
      return [statement.kind, statement.title.value];
    case 'endpoint':
      return [statement.kind, statement.name.text, statement.address?.text];
    case 'let':
      return [statement.kind, statement.name.text, statement.value.text];
    case 'listen':
    case 'close':
      return [statement.kind, statement.endpoint.text];
    case 'segment':
      return segmentMeaning(statement);
    case 'expect':
      return [statement.kind, statement.endpoint.text, statement.stateText];
    case 'wait':
      return [statement.kind, statement.seconds ?? '2MSL'];
    case 'deliver':
      return [statement.kind, statement.label.text, statement.again !== undefined];
    case 'simultaneous':
      return [statement.kind, statement.segments.map(segmentMeaning), !statement.closeBrace];
    default: {
      const unexpected: never = statement;
      return unexpected;
    }
  }
}

function segmentMeaning(segment: SegmentStatement): unknown {
  // The facts the parser keeps in its table: reading them builds no nodes (segmentNode.ts).
  return [
    segment.kind,
    segment.fromText,
    segment.toText,
    segment.lost,
    segment.inFlight,
    segment.labelText,
    segment.flagBits,
    segment.flagCount,
    segment.seqSymbol,
    segment.seqOffset,
    segment.ackSymbol,
    segment.ackOffset,
    segment.winValue,
    segment.lenValue,
    // -1 without a payload; its text only when there is one.
    segment.payloadBytes >= 0 ? segment.payload?.value : -1,
    segment.broken,
  ];
}
