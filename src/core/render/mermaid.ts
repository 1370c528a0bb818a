import { RENDER_TEXT } from './renderText';
import type { Analysis } from '../check/analyze';
import type { Diagnostic } from '../check/diagnostic';
import { formatFlags } from '../tcp/flags';
import type { SeqValue } from '../tcp/seqValue';
import type { SegmentStep, TraceStep } from '../tcp/trace';
import { escapeMermaid as esc, truncate } from './escapeMermaid';
import { showNumber, type NumberStyle } from './numberStyle';
import { PHASE_TITLES, phaseOf, type Phase } from '../tcp/phase';
import { ERROR_COLOUR, PHASE_COLOURS } from './colours';
import { TlsDrawing, type TlsCanvas } from './mermaidTls';
import { tlsText } from '../tls/tlsText';

export interface MermaidOptions {
  readonly numbers: NumberStyle;
  /** Notes with each endpoint's new state after every change. */
  readonly showStates: boolean;
  /** Payload text in the arrow labels. */
  readonly showPayload: boolean;
  /** Number each arrow with its source line (Mermaid's autonumber). */
  readonly lineNumbers: boolean;
  /** At most this many segments are drawn, in a window around `focusOffset`. */
  readonly maxSegments: number;
  readonly focusOffset?: number;
}

export const DEFAULT_MERMAID_OPTIONS: MermaidOptions = {
  numbers: 'asWritten',
  showStates: true,
  showPayload: true,
  lineNumbers: true,
  maxSegments: Number.POSITIVE_INFINITY,
};

/** One arrow of the diagram, in drawing order, for click-to-source and highlighting. */
export interface DiagramMessage {
  /** 0-based source line of the segment. */
  readonly line: number;
  readonly faulty: boolean;
  readonly lost: boolean;
  /** A TLS message rather than a TCP segment. */
  readonly tls: boolean;
}

export interface MermaidDiagram {
  readonly text: string;
  readonly messages: readonly DiagramMessage[];
  /** The segments drawn (0-based, inclusive) out of all of them. */
  readonly window: { readonly first: number; readonly last: number; readonly total: number };
}

const PAYLOAD_MAX = 40;
const NOTE_MAX = 90;

/**
 * Turns a checked scenario into Mermaid `sequenceDiagram` text: one arrow per segment, notes
 * for state changes, tinted phases, errors in the error colour with the expected value.
 * Every piece of user text goes through `escapeMermaid`, so no scenario can change the
 * diagram's structure or configuration.
 */
export function renderMermaid(
  analysis: Analysis,
  options: Partial<MermaidOptions> = {},
): MermaidDiagram {
  return new MermaidWriter(analysis, { ...DEFAULT_MERMAID_OPTIONS, ...options }).write();
}

type Item =
  | { readonly kind: 'single'; readonly step: TraceStep }
  | { readonly kind: 'group'; readonly steps: readonly SegmentStep[] };

class MermaidWriter {
  private readonly out: string[] = ['sequenceDiagram'];
  private readonly messages: DiagramMessage[] = [];
  private readonly ids = new Map<string, string>();
  private readonly symbols: ReadonlyMap<string, number | undefined>;
  private readonly errorsByLine = new Map<number, Diagnostic>();
  private depth = 1;
  private readonly tls: TlsDrawing;

  constructor(
    private readonly analysis: Analysis,
    private readonly options: MermaidOptions,
  ) {
    this.symbols = new Map(analysis.trace.symbols.map((s) => [s.name, s.value]));
    this.tls = new TlsDrawing(this.canvas());
    for (const d of analysis.diagnostics) {
      if (d.severity !== 'error') continue;
      const line = analysis.lines.lineOf(d.span);
      if (!this.errorsByLine.has(line)) this.errorsByLine.set(line, d);
    }
  }

  write(): MermaidDiagram {
    const { trace } = this.analysis;
    if (trace.title !== undefined) this.emit(`title ${esc(trace.title)}`);
    trace.endpoints.forEach((endpoint, index) => {
      const id = `p${index}`;
      this.ids.set(endpoint.name, id);
      const address = endpoint.address ? `<br/>${esc(endpoint.address.text)}` : '';
      const role = endpoint.attacker ? `<br/>${esc(tlsText().attacker)}` : '';
      this.emit(`participant ${id} as ${esc(endpoint.name)}${role}${address}`);
    });
    const { steps, window } = this.visibleSteps();
    if (window.total > 0 && (window.first > 0 || window.last < window.total - 1)) {
      this.noteAcross(
        RENDER_TEXT.window({ first: window.first + 1, last: window.last + 1, total: window.total }),
      );
    }
    this.writeItems(groupItems(steps));
    return { text: this.out.join('\n') + '\n', messages: this.messages, window };
  }

  /** The drawing primitives the TLS part uses. */
  private canvas(): TlsCanvas {
    return {
      emit: (line) => this.emit(line),
      open: (line) => this.open(line),
      close: () => this.close(),
      note: (endpoint, text) => this.note(endpoint, text),
      noteAcross: (text) => this.noteAcross(text),
      id: (endpoint) => this.ids.get(endpoint),
      lineOf: (span) => this.analysis.lines.lineOf(span),
      errorOn: (line) => this.errorsByLine.get(line),
      arrow: (line, faulty) => this.messages.push({ line, faulty, lost: false, tls: true }),
      lineNumbers: this.options.lineNumbers,
      showPayload: this.options.showPayload,
    };
  }

  private emit(line: string): void {
    this.out.push('  '.repeat(this.depth) + line);
  }

  private open(line: string): void {
    this.emit(line);
    this.depth++;
  }

  private close(): void {
    this.depth--;
    this.emit('end');
  }

  /** The steps to draw: all of them, or a window of `maxSegments` around the focus. */
  private visibleSteps(): { steps: readonly TraceStep[]; window: MermaidDiagram['window'] } {
    const all = this.analysis.trace.steps;
    const segments: number[] = [];
    all.forEach((step, index) => {
      if (step.kind === 'segment') segments.push(index);
    });
    const total = segments.length;
    const max = Math.max(1, Math.floor(this.options.maxSegments));
    if (total <= max) return { steps: all, window: { first: 0, last: total - 1, total } };
    const focus = this.options.focusOffset ?? 0;
    let focused = segments.findIndex((index) => (all[index]?.span.end ?? 0) >= focus);
    if (focused < 0) focused = total - 1;
    const first = Math.max(0, Math.min(focused - Math.floor(max / 2), total - max));
    const last = first + max - 1;
    const startStep = first === 0 ? 0 : (segments[first] as number);
    const endStep = last === total - 1 ? all.length : (segments[last + 1] as number);
    return { steps: all.slice(startStep, endStep), window: { first, last, total } };
  }

  private writeItems(items: readonly Item[]): void {
    let phase: Phase | undefined;
    // The phase last titled: TCP segments between TLS messages (an imported capture) go on in
    // the same phase, tinted again but not titled again.
    let titled: Phase | undefined;
    for (const item of items) {
      const first = item.kind === 'group' ? item.steps[0] : item.step;
      if (first?.kind === 'tls') {
        if (phase) this.close();
        phase = undefined;
      } else {
        this.tls.end();
      }
      // A segment the engine could not simulate stays in the phase around it.
      if (first?.kind === 'segment' && this.known(first) && first.outcome !== 'invalid') {
        const next = phaseOf(first);
        if (next !== phase) {
          if (phase) this.close();
          phase = next;
          this.open(`rect ${PHASE_COLOURS[next]}`);
          if (next !== titled) this.noteAcross(PHASE_TITLES[next]);
          titled = next;
        }
      }
      if (item.kind === 'group') this.writeGroup(item.steps);
      else this.writeStep(item.step);
    }
    this.tls.end();
    if (phase) this.close();
  }

  private writeStep(step: TraceStep): void {
    switch (step.kind) {
      case 'segment':
        if (!this.known(step)) return;
        this.writeSegment(step);
        this.stateNotes(step, 'both');
        return;
      case 'listen':
      case 'close':
      case 'wait':
        if (step.kind === 'wait') this.noteAcross(RENDER_TEXT.timeWaitEnds);
        for (const change of step.changes) {
          if (change.before !== change.after) this.stateNote(change.endpoint, change.after);
        }
        return;
      case 'tls':
        this.tls.write(step);
        return;
      case 'expect':
        if (step.passed || !step.expected) return;
        this.open(`rect ${ERROR_COLOUR}`);
        this.note(
          step.endpoint,
          RENDER_TEXT.expectFailed({ expected: step.expected, actual: step.actual }),
        );
        this.close();
        return;
    }
  }

  /** Segments sent before any of them arrives: a `par` block, then the states they lead to. */
  private writeGroup(steps: readonly SegmentStep[]): void {
    const known = steps.filter((step) => this.known(step));
    if (known.length === 0) return;
    this.open(`par ${esc(RENDER_TEXT.together)}`);
    known.forEach((step, index) => {
      if (index > 0) {
        this.depth--;
        this.emit('and');
        this.depth++;
      }
      this.writeSegment(step);
    });
    this.close();
    if (!this.options.showStates) return;
    const finals = new Map<string, string>();
    for (const step of known) {
      if (!finals.has(step.from) || step.sender.after.state !== step.sender.before.state) {
        finals.set(step.from, step.sender.after.state);
      }
    }
    for (const step of known) finals.set(step.to, step.receiver.after.state);
    for (const [endpoint, state] of finals) this.stateNote(endpoint, state);
  }

  private writeSegment(step: SegmentStep): void {
    const from = this.ids.get(step.from) as string;
    const to = this.ids.get(step.to) as string;
    const line = this.analysis.lines.lineOf(step.span);
    if (step.faulty) this.open(`rect ${ERROR_COLOUR}`);
    if (this.options.lineNumbers) this.emit(`autonumber ${line + 1}`);
    this.emit(`${from}${arrowOf(step)}${to}: ${esc(this.label(step))}`);
    this.messages.push({ line, faulty: step.faulty, lost: step.lost, tls: false });
    if (step.faulty) {
      const error = this.errorsByLine.get(line);
      if (error && !step.corrected.seq && !step.corrected.ack) {
        this.note(step.from, truncate(`✗ ${error.code} ${error.message}`, NOTE_MAX));
      }
      this.close();
    }
  }

  private label(step: SegmentStep): string {
    const parts: string[] = [formatFlags(new Set(step.flags)) || RENDER_TEXT.noFlags];
    const value = (role: 'seq' | 'ack', used: SeqValue | undefined, iss: SeqValue | undefined) => {
      const node = step.statement[role]?.value;
      if (!used) {
        // Not simulated: show what was written.
        if (node) parts.push(`${role}=${this.analysis.document.text.slice(node.start, node.end)}`);
        return;
      }
      const shown = showNumber(used, this.options.numbers, this.symbols, iss);
      if (step.corrected[role] && node) {
        const written = this.analysis.document.text.slice(node.start, node.end);
        // Read as sent, the receiver got the written value: "should be" is still the expected one.
        const expected = showNumber(
          step.expected[role] ?? used,
          this.options.numbers,
          this.symbols,
          iss,
        );
        parts.push(`${role}=${RENDER_TEXT.shouldBe({ written, shown: expected })}`);
      } else {
        parts.push(`${role}=${shown}`);
      }
    };
    value('seq', step.seq, step.sender.after.iss ?? step.sender.before.iss);
    if (step.flags.includes('ACK') || (!step.ack && step.statement.ack)) {
      value('ack', step.ack, step.receiver.before.iss);
    }
    if (step.statement.win) parts.push(`win=${step.statement.win.value.text}`);
    if (step.len > 0) parts.push(`len=${step.len}`);
    if (this.options.showPayload && step.payload !== undefined) {
      parts.push(`"${truncate(step.payload, PAYLOAD_MAX)}"`);
    }
    if (step.lost) parts.push(RENDER_TEXT.lost);
    else if (step.outcome === 'queued') parts.push(RENDER_TEXT.outOfOrder);
    else if (step.retransmission) parts.push(RENDER_TEXT.retransmission);
    return parts.join(' ');
  }

  private known(step: SegmentStep): boolean {
    return this.ids.has(step.from) && this.ids.has(step.to);
  }

  private stateNotes(step: SegmentStep, which: 'both'): void {
    if (!this.options.showStates || which !== 'both') return;
    if (step.sender.after.state !== step.sender.before.state) {
      this.stateNote(step.from, step.sender.after.state);
    }
    if (step.receiver.after.state !== step.receiver.before.state) {
      this.stateNote(step.to, step.receiver.after.state);
    }
  }

  private stateNote(endpoint: string, state: string): void {
    if (this.options.showStates) this.note(endpoint, state);
  }

  /** A note beside an endpoint: outside the diagram for the first and last participants. */
  private note(endpoint: string, text: string): void {
    const id = this.ids.get(endpoint);
    if (!id) return;
    const index = Number(id.slice(1));
    const count = this.ids.size;
    const where =
      count > 1 && index === 0 ? 'left of' : count > 1 && index === count - 1 ? 'right of' : 'over';
    this.emit(`Note ${where} ${id}: ${esc(text)}`);
  }

  private noteAcross(text: string): void {
    if (this.ids.size === 0) return;
    const last = `p${this.ids.size - 1}`;
    this.emit(`Note over p0${this.ids.size > 1 ? `,${last}` : ''}: ${esc(text)}`);
  }
}

/** Solid arrows for segments that carry SYN, FIN, RST or data; dashed for pure ACKs; a cross when lost. */
function arrowOf(step: SegmentStep): string {
  const pureAck = step.len === 0 && step.flags.every((flag) => flag === 'ACK' || flag === 'PSH');
  if (step.lost) return pureAck ? '--x' : '-x';
  return pureAck ? '-->>' : '->>';
}

/** Consecutive segments of one `simultaneous` block become one group. */
function groupItems(steps: readonly TraceStep[]): Item[] {
  const items: Item[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as TraceStep;
    if (step.kind !== 'segment' || step.group === undefined) {
      items.push({ kind: 'single', step });
      continue;
    }
    const group: SegmentStep[] = [step];
    while (i + 1 < steps.length) {
      const next = steps[i + 1] as TraceStep;
      if (next.kind !== 'segment' || next.group !== step.group) break;
      group.push(next);
      i++;
    }
    items.push({ kind: 'group', steps: group });
  }
  return items;
}
