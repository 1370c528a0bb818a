import type { TcpState } from '../protocol/tcpStates';
import { atOrBefore, plus, sameValue, type SeqValue, type SymbolValues } from '../tcp/seqValue';
import type { TcbView } from '../tcp/tcb';
import type { SegmentStep } from '../tcp/trace';
import type { CertificateCheck } from '../tls/tlsTrace';
import type { Trace, TraceStep } from './trace';

/**
 * Every endpoint after every step of a trace: what the preview's timeline table and the
 * debugger's Variables view both show, found here once. It reads the engine's trace only (the
 * TCB snapshots it took around every segment, the state changes of `listen`, `close` and
 * `wait`, the TLS knowledge of every message) and decides nothing: it carries each endpoint's
 * latest values forward to the steps that do not change it.
 */

/** One endpoint after a step: the engine's latest snapshot of its TCB, and more. */
export interface EndpointAfter extends TcbView {
  readonly endpoint: string;
  /**
   * The segments it sent that occupy sequence space and are not acknowledged yet: between
   * SND.UNA and SND.NXT (RFC 9293 §3.3.1), the flight of RFC 5681 §2. A retransmission is the
   * same segment, not one more; a lost one stays until it is acknowledged.
   */
  readonly inFlight: readonly SegmentStep[];
  /** The TLS secrets it knows, as the TLS engine lists them; undefined before its first message. */
  readonly knows?: readonly string[];
  /** The certificates it checked and accepted, once each, in order. */
  readonly verified: readonly CertificateCheck[];
}

/** What the walk keeps per endpoint between the steps that change it. */
interface Running {
  /** Where in the text its latest TCB snapshot and its latest state were taken. */
  viewTime: number;
  view: TcbView | undefined;
  stateTime: number;
  state: TcpState;
  /** Its unacknowledged segments, with where each one ends. */
  unacked: { readonly end: SeqValue; readonly step: SegmentStep }[];
  knows: readonly string[] | undefined;
  verified: CertificateCheck[];
}

/** The walk's whole state after a step, to start again from it. */
interface Checkpoint {
  readonly index: number;
  readonly running: ReadonlyMap<string, Running>;
  readonly delayedNext: number;
}

/** Steps between two saved walks: stepping back through a 100k-step capture stays quick. */
const CHECKPOINT_EVERY = 256;

/**
 * Walks a trace forward and answers "every endpoint after step N" for any N: in order at the
 * cost of one step each (the preview, a debugger continuing), backwards from the nearest saved
 * walk (a debugger stepping back). Never throws.
 */
export class EndpointTimeline {
  /** The endpoints in the order they were declared (or first used). */
  readonly endpoints: readonly string[];
  private readonly steps: readonly TraceStep[];
  private readonly symbols: SymbolValues;
  /**
   * The segments sent with `~>`, by the position of the line that sent them: such a segment
   * is a step where it arrives (a `deliver` line), but its sender's snapshot was taken on its
   * own line, and tells what the sender looked like from that line on.
   */
  private readonly delayed: readonly SegmentStep[];
  private readonly checkpoints: Checkpoint[] = [];
  private running = new Map<string, Running>();
  /** The last step applied (-1: none), and the first delayed segment not applied yet. */
  private index = -1;
  private delayedNext = 0;

  constructor(trace: Pick<Trace, 'steps' | 'endpoints' | 'symbols'>) {
    this.steps = trace.steps;
    this.endpoints = trace.endpoints.map((e) => e.name);
    this.symbols = new Map(trace.symbols.map((s) => [s.name, s.value]));
    this.delayed = trace.steps
      .filter((s): s is SegmentStep => s.kind === 'segment' && s.network === 'later')
      .sort((a, b) => a.statement.start - b.statement.start);
    this.reset();
  }

  /**
   * Every endpoint after step `index` (clamped to the trace; -1 or an empty trace: before any
   * step, all CLOSED), in the order of `endpoints`.
   */
  after(index: number): readonly EndpointAfter[] {
    const target = Math.min(Math.max(index, -1), this.steps.length - 1);
    if (target < this.index) this.restart(target);
    while (this.index < target) {
      this.index++;
      this.apply(this.steps[this.index] as TraceStep);
      if (this.index % CHECKPOINT_EVERY === 0 && !this.saved(this.index)) this.save();
    }
    return this.endpoints.map((endpoint) => this.snapshot(endpoint));
  }

  private reset(): void {
    this.running = new Map(this.endpoints.map((name) => [name, fresh()]));
    this.index = -1;
    this.delayedNext = 0;
  }

  /** Goes back to the latest saved walk at or before `target` (or the start). */
  private restart(target: number): void {
    let best: Checkpoint | undefined;
    for (const checkpoint of this.checkpoints) {
      if (checkpoint.index <= target && (!best || checkpoint.index > best.index)) best = checkpoint;
    }
    if (!best) {
      this.reset();
      return;
    }
    this.running = copy(best.running);
    this.index = best.index;
    this.delayedNext = best.delayedNext;
  }

  private saved(index: number): boolean {
    return this.checkpoints.some((c) => c.index === index);
  }

  private save(): void {
    this.checkpoints.push({
      index: this.index,
      running: copy(this.running),
      delayedNext: this.delayedNext,
    });
  }

  private apply(step: TraceStep): void {
    const now = step.span.start;
    // The `~>` segments sent on lines this step has passed, delivered later.
    while (this.delayedNext < this.delayed.length) {
      const sent = this.delayed[this.delayedNext] as SegmentStep;
      if (sent.statement.start > now) break;
      this.sent(sent);
      this.delayedNext++;
    }
    switch (step.kind) {
      case 'segment':
        this.seen(step.to, now, step.receiver.after, step.receiver.after.state);
        if (step.network !== 'again') this.sent(step);
        return;
      case 'listen':
      case 'close':
      case 'wait':
        for (const change of step.changes) this.seen(change.endpoint, now, undefined, change.after);
        return;
      case 'tls':
        for (const { endpoint, secrets } of step.knowledge) {
          const known = this.running.get(endpoint);
          if (known) known.knows = secrets;
        }
        if (step.certificateCheck) {
          const checker = this.running.get(step.certificateCheck.endpoint);
          const cert = step.certificateCheck.cert;
          if (checker && !checker.verified.some((c) => c.cert === cert)) {
            checker.verified.push(step.certificateCheck);
          }
        }
        return;
      case 'expect':
        return;
    }
  }

  /**
   * A segment's sender, as of the line that sent it: its snapshot, and the segment among its
   * unacknowledged ones when it occupies sequence space (RFC 9293 §3.4: SYN and FIN count one).
   * Applied once for a `~>` segment's line and again at its step: both are the same.
   */
  private sent(step: SegmentStep): void {
    const time = step.network ? step.statement.start : step.span.start;
    this.seen(step.from, time, step.sender.after, step.sender.after.state);
    const sender = this.running.get(step.from);
    // 'invalid': the engine did not send it (the diagnostics say why).
    if (!sender || step.seq === undefined || step.outcome === 'invalid') return;
    const occupies =
      step.len + (step.flags.includes('SYN') ? 1 : 0) + (step.flags.includes('FIN') ? 1 : 0);
    if (occupies === 0) return;
    const end = plus(step.seq, occupies);
    if (!sender.unacked.some((u) => sameValue(u.end, end, this.symbols))) {
      sender.unacked.push({ end, step });
    }
    this.acknowledge(sender);
  }

  /**
   * Drops the segments SND.UNA has passed: everything before it is acknowledged (RFC 9293
   * §3.4). With no SND.UNA there is no connection (never opened, or reset): nothing in flight.
   */
  private acknowledge(endpoint: Running): void {
    const una = endpoint.view?.sndUna;
    endpoint.unacked = una
      ? endpoint.unacked.filter((u) => !atOrBefore(u.end, una, this.symbols))
      : [];
  }

  /**
   * The latest by position in the text wins (a later step at the same position too): a `~>`
   * segment's step comes where it arrives, but tells of its sender on an earlier line.
   */
  private seen(name: string, time: number, view: TcbView | undefined, state: TcpState): void {
    const endpoint = this.running.get(name);
    if (!endpoint) return;
    if (view && time >= endpoint.viewTime) {
      endpoint.viewTime = time;
      endpoint.view = view;
    }
    if (time >= endpoint.stateTime) {
      endpoint.stateTime = time;
      endpoint.state = state;
    }
  }

  private snapshot(name: string): EndpointAfter {
    const r = this.running.get(name) ?? fresh();
    const view = r.view;
    this.acknowledge(r);
    return {
      endpoint: name,
      state: r.state,
      iss: view?.iss,
      sndUna: view?.sndUna,
      sndNxt: view?.sndNxt,
      sndWnd: view?.sndWnd,
      irs: view?.irs,
      rcvNxt: view?.rcvNxt,
      rcvWnd: view?.rcvWnd,
      inFlight: r.unacked.map((u) => u.step),
      knows: r.knows,
      verified: [...r.verified],
    };
  }
}

function fresh(): Running {
  return {
    viewTime: -1,
    view: undefined,
    stateTime: -1,
    state: 'CLOSED',
    unacked: [],
    knows: undefined,
    verified: [],
  };
}

function copy(running: ReadonlyMap<string, Running>): Map<string, Running> {
  return new Map(
    [...running].map(([name, r]) => [
      name,
      { ...r, unacked: [...r.unacked], verified: [...r.verified] },
    ]),
  );
}
