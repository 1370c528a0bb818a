import type { Analysis } from '../check/analyze';
import type { Span } from '../syntax/span';
import { formatFlags } from '../tcp/flags';
import { PHASE_TITLES, phaseOf, type Phase } from '../tcp/phase';
import type { SegmentStep } from '../tcp/trace';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: 'scenario' | 'endpoint' | 'phase' | 'segment' | 'symbol';
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
    detail: s.value !== undefined ? String(s.value) : s.owner ? `ISS of ${s.owner}` : '',
    kind: 'symbol',
    span: s.span,
    selectionSpan: s.span,
    children: [],
  }));
  const phases = phaseSymbols(analysis);
  // Declarations first, then the connection's life in order.
  const children = [...endpoints, ...symbols, ...phases];
  const scenario = document.statements.find((s) => s.kind === 'scenario');
  if (!scenario) return children;
  const end = Math.max(scenario.end, ...children.map((c) => c.span.end));
  return [
    {
      name: scenario.title.value || 'scenario',
      detail: 'scenario',
      kind: 'scenario',
      span: { start: scenario.start, end },
      selectionSpan: scenario.title,
      children,
    },
  ];
}

/** Consecutive segments of one phase become one phase symbol. */
function phaseSymbols(analysis: Analysis): OutlineSymbol[] {
  const result: OutlineSymbol[] = [];
  let current: { phase: Phase; steps: SegmentStep[] } | undefined;
  const flush = () => {
    if (!current) return;
    const first = current.steps[0] as SegmentStep;
    const last = current.steps[current.steps.length - 1] as SegmentStep;
    result.push({
      name: PHASE_TITLES[current.phase],
      detail: `${current.steps.length} segment${current.steps.length === 1 ? '' : 's'}`,
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

/** The whole statement line a name stands on, for the symbol's range. */
function statementSpan(analysis: Analysis, span: Span): Span {
  const line = analysis.lines.lineOf(span);
  return { start: analysis.lines.lineStart(line), end: analysis.lines.lineEnd(line) };
}
