import { printTls } from './formatTls';
import type { ParseResult } from '../syntax/parser';
import type { SegmentStatement, Statement, ValueField } from '../syntax/tree';

/**
 * True when two parses say the same thing: the same statements with the same names, flags,
 * values and payloads in the same order, and the same syntax errors. Positions are left out, since
 * formatting moves them. The formatter checks its own output with this before handing it out.
 */
export function sameMeaning(before: ParseResult, after: ParseResult): boolean {
  return meaning(before) === meaning(after);
}

function meaning(parsed: ParseResult): string {
  return JSON.stringify([
    parsed.document.statements.map((s) => statementMeaning(parsed.document.text, s)),
    parsed.diagnostics.map((d) => d.code),
  ]);
}

function statementMeaning(text: string, statement: Statement): unknown {
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
      return [statement.kind];
    case 'simultaneous':
      return [statement.kind, statement.segments.map(segmentMeaning), !statement.closeBrace];
    case 'ca':
    case 'key':
    case 'cert':
    case 'trust':
    case 'attacker':
    case 'date':
    case 'tls':
      return [statement.kind, printTls(text, statement)];
    default: {
      const unexpected: never = statement;
      return unexpected;
    }
  }
}

function segmentMeaning(segment: SegmentStatement): unknown {
  const value = (field: ValueField | undefined) =>
    field && [field.value.symbol?.text, field.value.offset];
  return [
    segment.kind,
    segment.from.text,
    segment.to.text,
    segment.lost,
    segment.flags.map((f) => f.flag),
    value(segment.seq),
    value(segment.ack),
    segment.win?.value.text,
    segment.len?.value.text,
    segment.payload?.value,
    segment.broken,
  ];
}
