import { docsIn } from './docs';
import type { Analysis } from '../analysis/analyze';
import type { Span } from '../text/span';
import { formatFlags } from '../protocol/tcpFlags';
import { PHASE_TITLES, phaseOf, type Phase } from '../tcp/phase';
import type { SegmentStep } from '../tcp/trace';
import type { TlsStep } from '../tls/tlsTrace';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: 'scenario' | 'endpoint' | 'phase' | 'segment' | 'symbol' | 'certificate';
  /** The whole range the symbol covers. */
  readonly span: Span;
  /** The part to select when the symbol is chosen. */
  readonly selectionSpan: Span;
  readonly children: readonly OutlineSymbol[];
}

/**
 * The outline: the scenario, its endpoints and symbols, and its phases (handshake, data
 * transfer, close, reset) with their segments. Phases come from the trace, not from keywords.
 */
export function outline(analysis: Analysis): OutlineSymbol[] {
  const docs = docsIn(analysis.locale);
  const { document, trace } = analysis;
  const endpoints: OutlineSymbol[] = trace.endpoints
    .filter((e) => e.declared)
    .map((e) => ({
      name: e.name,
      detail: e.address ? e.address.text : '',
      kind: 'endpoint',
      span: statementSpan(analysis, e.span),
      selectionSpan: e.span,
      children: [],
    }));
  const symbols: OutlineSymbol[] = trace.symbols.map((s) => ({
    name: s.name,
    detail:
      s.value !== undefined
        ? String(s.value)
        : s.owner
          ? docs.features.issOf({ endpoint: s.owner })
          : '',
    kind: 'symbol',
    span: s.span,
    selectionSpan: s.span,
    children: [],
  }));
  const pki: OutlineSymbol[] = document.statements.flatMap((s) =>
    s.kind === 'ca' || s.kind === 'key' || s.kind === 'cert'
      ? [
          {
            name: s.name.text,
            detail:
              s.kind === 'ca'
                ? docs.features.certificateAuthority
                : s.kind === 'key'
                  ? docs.features.keyPair
                  : docs.features.certificate,
            kind: 'certificate' as const,
            span: { start: s.start, end: s.end },
            selectionSpan: s.name,
            children: [],
          },
        ]
      : [],
  );
  const phases = [...phaseSymbols(analysis), ...tlsSymbols(analysis)].sort(
    (a, b) => a.span.start - b.span.start,
  );
  // Declarations first, then the connection's life in order.
  const children = [...endpoints, ...symbols, ...pki, ...phases];
  const scenario = document.statements.find((s) => s.kind === 'scenario');
  if (!scenario) return children;
  const end = Math.max(scenario.end, ...children.map((c) => c.span.end));
  return [
    {
      name: scenario.title.value || docs.features.scenario,
      detail: docs.features.scenario,
      kind: 'scenario',
      span: { start: scenario.start, end },
      selectionSpan: scenario.title,
      children,
    },
  ];
}

/** Consecutive segments of one phase become one phase symbol. */
function phaseSymbols(analysis: Analysis): OutlineSymbol[] {
  const docs = docsIn(analysis.locale);
  const result: OutlineSymbol[] = [];
  let current: { phase: Phase; steps: SegmentStep[] } | undefined;
  const flush = () => {
    if (!current) return;
    const first = current.steps[0] as SegmentStep;
    const last = current.steps[current.steps.length - 1] as SegmentStep;
    result.push({
      name: PHASE_TITLES[analysis.locale][current.phase],
      detail: docs.features.segments({ count: current.steps.length }),
      kind: 'phase',
      span: { start: first.span.start, end: last.span.end },
      selectionSpan: { start: first.span.start, end: first.span.start },
      children: current.steps.map((step) => ({
        name: `${step.from} → ${step.to}`,
        detail: formatFlags(new Set(step.flags)),
        kind: 'segment',
        span: step.span,
        selectionSpan: step.statement.arrow,
        children: [],
      })),
    });
    current = undefined;
  };
  for (const step of analysis.trace.steps) {
    if (step.kind !== 'segment' || step.outcome === 'invalid') continue;
    const phase = phaseOf(step);
    if (current?.phase !== phase) {
      flush();
      current = { phase, steps: [] };
    }
    current?.steps.push(step);
  }
  flush();
  return result;
}

/** Each TLS handshake, with its messages. */
function tlsSymbols(analysis: Analysis): OutlineSymbol[] {
  const docs = docsIn(analysis.locale);
  const sessions = new Map<number, TlsStep[]>();
  for (const step of analysis.trace.steps) {
    if (step.kind !== 'tls' || step.session === undefined) continue;
    const list = sessions.get(step.session) ?? [];
    list.push(step);
    sessions.set(step.session, list);
  }
  return [...sessions.values()].map((steps) => {
    const first = steps[0] as TlsStep;
    const last = steps[steps.length - 1] as TlsStep;
    const version = steps.find((s) => s.version)?.version;
    return {
      name: docs.features.tlsHandshake({ from: first.from, to: first.to }),
      detail: `${version ? `TLS ${version}, ` : ''}${docs.features.messages({ count: steps.length })}`,
      kind: 'phase' as const,
      span: { start: first.span.start, end: last.span.end },
      selectionSpan: { start: first.span.start, end: first.span.start },
      children: steps.map((step) => ({
        name: `${step.from} → ${step.to}`,
        detail: `${step.forwarded ? `${docs.features.forward} ` : ''}${step.message}`,
        kind: 'segment' as const,
        span: step.span,
        selectionSpan: step.statement.messageSpan,
        children: [],
      })),
    };
  });
}

/** The whole statement line a name stands on, for the symbol's range. */
function statementSpan(analysis: Analysis, span: Span): Span {
  const line = analysis.lines.lineOf(span);
  return { start: analysis.lines.lineStart(line), end: analysis.lines.lineEnd(line) };
}
