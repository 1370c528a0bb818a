import { formatValue, type SeqValue } from '../tcp/seqValue';
import type { Locale } from '../text/locale';
import type { ConditionError } from './condition';
import type { DebugTrace } from './debugTrace';
import { debugWords } from './debugText';

/** A variable as the Variables view shows it: a name, a value, and children to expand. */
export interface DebugVariable {
  readonly name: string;
  readonly value: string;
  readonly children?: readonly DebugVariable[];
}

/** A group of variables: one per endpoint, then the current step. */
export interface DebugScope {
  readonly name: string;
  readonly variables: readonly DebugVariable[];
}

/**
 * The Variables view at stop `index`: one scope per endpoint (its TCB after the step, the
 * segments it has in flight, and what it knows of TLS), then one for the step itself. The
 * same table the preview's timeline shows, as words in `locale`.
 */
export function stopScopes(trace: DebugTrace, index: number, locale: Locale): DebugScope[] {
  const words = debugWords(locale);
  const scopes: DebugScope[] = trace.endpoints.map((endpoint) => ({
    name: endpoint,
    variables: endpointVariables(trace, index, endpoint, locale),
  }));
  const stop = trace.stops[index];
  if (stop) {
    const step = stop.step;
    const variables: DebugVariable[] = [{ name: 'line', value: String(stop.line + 1) }];
    if (step.kind === 'segment') {
      variables.push(
        { name: 'from → to', value: `${step.from} → ${step.to}` },
        { name: 'flags', value: step.flags.join(' ') },
        { name: 'seq', value: valueText(step.seq, words.nothing) },
        { name: 'ack', value: valueText(step.ack, words.nothing) },
        { name: 'len', value: String(step.len) },
        { name: `${words.expected} seq`, value: valueText(step.expected.seq, words.nothing) },
        { name: `${words.expected} ack`, value: valueText(step.expected.ack, words.nothing) },
        { name: words.outcome, value: step.outcome },
      );
    } else if (step.kind === 'tls') {
      variables.push(
        { name: 'from → to', value: `${step.from} → ${step.to}` },
        { name: 'message', value: step.message },
      );
      if (step.details.length > 0)
        variables.push({ name: 'fields', value: step.details.join(' ') });
    } else if (step.kind === 'expect') {
      variables.push({ name: step.endpoint, value: step.actual });
    } else {
      variables.push({
        name: words.changes,
        value:
          step.changes.map((c) => `${c.endpoint}: ${c.before} → ${c.after}`).join(', ') ||
          words.nothing,
      });
    }
    if (stop.diagnostics.length > 0) {
      variables.push({
        name: words.problems,
        value: String(stop.diagnostics.length),
        children: stop.diagnostics.map((d) => ({
          name: `${d.severity} ${d.code}`,
          value: d.message,
        })),
      });
    }
    scopes.push({ name: words.scopeStep, variables });
  }
  return scopes;
}

function endpointVariables(
  trace: DebugTrace,
  index: number,
  endpoint: string,
  locale: Locale,
): DebugVariable[] {
  const words = debugWords(locale);
  const tcp = trace.tcp(index, endpoint);
  const value = (v: SeqValue | undefined): string => valueText(v, words.nothing);
  const size = (n: number | undefined): string => (n === undefined ? words.nothing : String(n));
  const variables: DebugVariable[] = [
    { name: 'state', value: tcp.state },
    { name: 'ISS', value: value(tcp.iss) },
    { name: 'SND.UNA', value: value(tcp.sndUna) },
    { name: 'SND.NXT', value: value(tcp.sndNxt) },
    { name: 'SND.WND', value: size(tcp.sndWnd) },
    { name: 'IRS', value: value(tcp.irs) },
    { name: 'RCV.NXT', value: value(tcp.rcvNxt) },
    { name: 'RCV.WND', value: size(tcp.rcvWnd) },
    {
      name: words.inFlight,
      value: String(tcp.inFlight.length),
      children: tcp.inFlight.map((s, i) => ({
        name: String(i),
        value: `${s.flags.join(' ')} seq=${value(s.seq)}${s.ack ? ` ack=${value(s.ack)}` : ''} len=${s.len}`,
      })),
    },
  ];
  const tls = trace.tls(index, endpoint);
  if (tls) {
    const list = (name: string, items: readonly string[]): DebugVariable => ({
      name,
      value: items.length === 0 ? words.nothing : items.join(', '),
      ...(items.length > 0
        ? { children: items.map((item, i) => ({ name: String(i), value: item })) }
        : {}),
    });
    const parts = [
      list(words.randoms, tls.randoms),
      list(words.keyShares, tls.keyShares),
      list(words.premaster, tls.premaster),
      list(words.masterSecret, tls.masterSecret),
      list(words.keys, tls.keys),
      list(words.privateKeys, tls.privateKeys),
      list(
        words.certificatesVerified,
        tls.certificatesVerified.map((c) => c.cert),
      ),
    ];
    if (tls.other.length > 0) parts.push(list(words.otherSecrets, tls.other));
    variables.push({ name: words.tls, value: '', children: parts });
  }
  return variables;
}

function valueText(value: SeqValue | undefined, nothing: string): string {
  return value === undefined ? nothing : formatValue(value);
}

/** Words a condition error in `locale`, for the breakpoint's message or the Debug Console. */
export function conditionErrorText(error: ConditionError, locale: Locale): string {
  const words = debugWords(locale).conditionError;
  const kinds = debugWords(locale).kinds;
  switch (error.kind) {
    case 'unexpected':
      return words.unexpected(error);
    case 'end':
      return words.end;
    case 'singleEquals':
      return words.singleEquals(error);
    case 'unknownName':
      return words.unknownName(error);
    case 'mismatch':
      return words.mismatch({ left: kinds[error.left], right: kinds[error.right] });
    case 'arithmetic':
      return words.arithmetic({ left: kinds[error.left], right: kinds[error.right] });
    case 'notBoolean':
      return words.notBoolean;
    default:
      return assertNever(error);
  }
}

function assertNever(error: never): never {
  throw new Error(`unexpected condition error ${JSON.stringify(error)}`);
}
