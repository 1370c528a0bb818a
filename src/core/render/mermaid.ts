import { renderTextIn } from './renderText';
import { word } from '../text/words';
import type { Analysis } from '../analysis/analyze';
import type { Diagnostic } from '../check/diagnostic';
import type { TraceStep } from '../analysis/trace';
import type { ActionStep, SegmentStep } from '../tcp/trace';
import { secondsText } from '../tcp/timeWait';
import { escapeMermaid as esc, escapeMermaidText, truncate } from './escapeMermaid';
import type { NumberStyle } from './numberStyle';
import { quotedPayload, segmentFlags, segmentNumbers, segmentRemark } from './segmentText';
import { segmentWindow } from './segmentWindow';
import { PHASE_TITLES, phaseOf, type Phase } from '../tcp/phase';
import { ERROR_COLOUR, PHASE_COLOURS } from './colours';
import { TlsDrawing, type TlsCanvas } from './mermaidTls';
import { TLS_TEXT } from '../tls/tlsText';
import {
  LABEL_LINES,
  LABEL_WIDTH,
  mermaidLines,
  NOTE_LINES,
  NOTE_WIDTH,
  packLines,
} from './labelLines';

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
  /** Lines of its label: Mermaid draws each as a text element of its own. */
  readonly labelLines: number;
}

export interface MermaidDiagram {
  readonly text: string;
  readonly messages: readonly DiagramMessage[];
  /** The segments drawn (0-based, inclusive) out of all of them. */
  readonly window: { readonly first: number; readonly last: number; readonly total: number };
}

/** Characters of a note, at most: the Problems panel and the hover have the whole message. */
const NOTE_MAX = 150;

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
  private depth = 1;
  private readonly tls: TlsDrawing;
  /** The diagram's own words, in the analysis's language. */
  private readonly text: ReturnType<typeof renderTextIn>;

  constructor(
    private readonly analysis: Analysis,
    private readonly options: MermaidOptions,
  ) {
    this.symbols = new Map(analysis.trace.symbols.map((s) => [s.name, s.value]));
    this.tls = new TlsDrawing(this.canvas(), analysis.locale);
    this.text = renderTextIn(analysis.locale);
  }

  write(): MermaidDiagram {
    const { trace } = this.analysis;
    if (trace.title !== undefined) this.emit(`title ${escapeMermaidText(trace.title)}`);
    trace.endpoints.forEach((endpoint, index) => {
      const id = `p${index}`;
      this.ids.set(endpoint.name, id);
      // After the first line break an alias is read to the end of the line, so text escaping
      // is enough there.
      const address = endpoint.address ? `<br/>${escapeMermaidText(endpoint.address.text)}` : '';
      const role = endpoint.attacker
        ? `<br/>${escapeMermaidText(word(TLS_TEXT.attacker, this.analysis.locale))}`
        : '';
      this.emit(`participant ${id} as ${esc(endpoint.name)}${role}${address}`);
    });
    const { steps, window } = segmentWindow(
      trace.steps,
      this.options.maxSegments,
      this.options.focusOffset,
    );
    if (window.total > 0 && (window.first > 0 || window.last < window.total - 1)) {
      this.noteAcross(
        this.text.window({ first: window.first + 1, last: window.last + 1, total: window.total }),
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
      errorOf: (step) => firstError(this.analysis.stepDiagnostics.byStep.get(step)),
      arrow: (line, faulty, labelLines) =>
        this.messages.push({ line, faulty, lost: false, tls: true, labelLines }),
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
          if (next !== titled) this.noteAcross(PHASE_TITLES[this.analysis.locale][next]);
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
        if (step.kind === 'wait') this.noteAcross(this.waitNote(step));
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
          this.text.expectFailed({ expected: step.expected, actual: step.actual }),
        );
        this.close();
        return;
    }
  }

  /** Segments sent before any of them arrives: a `par` block, then the states they lead to. */
  private writeGroup(steps: readonly SegmentStep[]): void {
    const known = steps.filter((step) => this.known(step));
    if (known.length === 0) return;
    this.open(`par ${esc(this.text.together)}`);
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
    const label = packLines(this.label(step), LABEL_WIDTH, LABEL_LINES);
    this.emit(`${from}${arrowOf(step)}${to}: ${mermaidLines(label)}`);
    this.messages.push({
      line,
      faulty: step.faulty,
      lost: step.lost,
      tls: false,
      labelLines: label.length,
    });
    if (step.faulty) {
      // The error is on the segment's own line, which a `deliver` may follow by many.
      const error = firstError(this.analysis.stepDiagnostics.byStatement.get(step.statement));
      if (error && !step.corrected.seq && !step.corrected.ack) {
        this.noteBetween(step.from, step.to, `✗ ${error.code} ${error.message}`);
      }
      this.close();
    }
  }

  /** The parts of a segment's label, most important first: flags, seq, ack, then the rest. */
  private label(step: SegmentStep): string[] {
    const parts: string[] = [segmentFlags(step, this.analysis.locale)];
    const { seq, ack } = segmentNumbers(step, this.analysis, this.options.numbers, this.symbols);
    // The correction is a part of its own, so that a line break falls before it.
    for (const [role, number] of [
      ['seq', seq],
      ['ack', ack],
    ] as const) {
      if (number)
        parts.push(`${role}=${number.text}`, ...(number.shouldBe ? [number.shouldBe] : []));
    }
    if (step.statement.win) parts.push(`win=${step.statement.win.value.text}`);
    if (step.len > 0) parts.push(`len=${step.len}`);
    if (this.options.showPayload && step.payload !== undefined) {
      parts.push(quotedPayload(step.payload));
    }
    const remark = segmentRemark(
      step,
      this.analysis.lines.lineOf(step.statement) + 1,
      this.analysis.locale,
    );
    if (remark) parts.push(remark);
    return parts;
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

  /**
   * A note on an endpoint's lifeline, in short lines: notes beside the first and last
   * participants would widen the diagram by their whole width on each side.
   */
  private note(endpoint: string, text: string): void {
    const id = this.ids.get(endpoint);
    if (id) this.emit(`Note over ${id}: ${noteText(text, NOTE_WIDTH)}`);
  }

  /** A note spanning two endpoints' lifelines (an error on the arrow between them). */
  private noteBetween(from: string, to: string, text: string): void {
    const a = this.ids.get(from);
    const b = this.ids.get(to);
    if (a && b) this.emit(`Note over ${a},${b}: ${noteText(text, LABEL_WIDTH)}`);
  }

  /** A wait's note: 2MSL ends TIME_WAIT; a time says how long, and whether TIME_WAIT ended. */
  private waitNote(step: ActionStep): string {
    if (step.seconds === undefined) return this.text.timeWaitEnds;
    const seconds = secondsText(step.seconds);
    return step.changes.length > 0
      ? this.text.timePassesTimeWaitEnds({ seconds })
      : this.text.timePasses({ seconds });
  }

  private noteAcross(text: string): void {
    if (this.ids.size === 0) return;
    const last = `p${this.ids.size - 1}`;
    this.emit(`Note over p0${this.ids.size > 1 ? `,${last}` : ''}: ${noteText(text, LABEL_WIDTH)}`);
  }
}

/** The first error of a statement's or a step's diagnostics: the one its note shows. */
function firstError(diagnostics: readonly Diagnostic[] | undefined): Diagnostic | undefined {
  return diagnostics?.find((d) => d.severity === 'error');
}

/** A note's text in lines of at most `width` columns, cut after NOTE_MAX characters. */
function noteText(text: string, width: number): string {
  return mermaidLines(packLines(truncate(text, NOTE_MAX).split(' '), width, NOTE_LINES));
}

/**
 * Solid arrows for segments that carry SYN, FIN, RST or data; dashed for pure ACKs; a cross when
 * lost; an open arrowhead (Mermaid's async arrow) when still in flight at the end.
 */
function arrowOf(step: SegmentStep): string {
  const pureAck = step.len === 0 && step.flags.every((flag) => flag === 'ACK' || flag === 'PSH');
  if (step.lost) return pureAck ? '--x' : '-x';
  if (step.outcome === 'inFlight') return pureAck ? '--)' : '-)';
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
