import { LineMap } from '../../../src/core/text/lineMap';
import { parse } from '../../../src/core/syntax/parser';
import type { TlsMessageStatement } from '../../../src/core/syntax/tlsTree';
import { simulate } from '../../../src/core/tcp/simulate';
import type { Content } from '../../../src/core/tls/session';
import { startTlsRun, type TlsRun } from '../../../src/core/tls/tlsRun';
import { lines } from '../../helpers';

/**
 * A TLS run over a scenario before any of its messages: the section tests hand it the messages
 * one by one, with a session they set up themselves.
 */
export function runOf(...text: string[]): { run: TlsRun; messages: TlsMessageStatement[] } {
  const source = lines(...text);
  const lineMap = new LineMap(source);
  const { document } = parse(source);
  const { trace } = simulate(document, lineMap);
  const messages = document.statements.filter((s): s is TlsMessageStatement => s.kind === 'tls');
  return { run: startTlsRun(document, lineMap, trace), messages };
}

/** The content of a written message, as the engine builds it. */
export function writtenContent(statement: TlsMessageStatement): Content {
  return {
    message: statement.message,
    fields: new Map(statement.fields.map((f) => [f.name, f.value])),
    ...(statement.argument ? { argument: statement.argument.text } : {}),
  };
}

/** The kinds of the diagnostics a run has reported so far. */
export function reported(run: TlsRun): string[] {
  return run.log.diagnostics.map((d) => d.kind);
}
