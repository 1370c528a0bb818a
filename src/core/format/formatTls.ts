import type { TlsStatement } from '../syntax/tlsTree';

/** A TLS statement with single spaces between its words, as the formatter writes it. */
export function printTls(text: string, statement: TlsStatement): string {
  const source = (span: { start: number; end: number }): string => text.slice(span.start, span.end);
  const fields = (list: readonly { start: number; end: number }[]) => list.map(source);
  switch (statement.kind) {
    case 'ca':
    case 'key':
    case 'cert':
      return [statement.kind, statement.name.text, ...fields(statement.fields)].join(' ');
    case 'trust':
      return [
        'trust',
        statement.endpoint.text,
        ...statement.authorities.map((a) => a.text),
        ...(statement.any ? ['any'] : []),
      ].join(' ');
    case 'attacker':
      return [
        'attacker',
        statement.name.text,
        ...(statement.address ? [source(statement.address)] : []),
      ].join(' ');
    case 'date':
      return `date ${statement.date.text}`;
    case 'tls':
      return [
        `${tlsHead(statement)} `,
        ...(statement.forward ? ['forward'] : []),
        source(statement.messageSpan),
        ...fields(statement.fields),
        ...(statement.argument ? [statement.argument.text] : []),
        ...(statement.payload ? [source(statement.payload)] : []),
      ].join(' ');
  }
}

/** `A -> B`: the part of a TLS message line that runs of them align, like segments. */
export function tlsHead(statement: { from: { text: string }; to: { text: string } }): string {
  return `${statement.from.text} -> ${statement.to.text}`;
}
