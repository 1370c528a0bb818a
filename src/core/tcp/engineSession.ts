/**
 * The engine, fed one segment at a time: for a program that writes a scenario as it goes (the
 * capture importer) and needs to know, line by line, what the engine makes of what it wrote,
 * without running the scenario again from its start. It moves the same TCBs through the same
 * rules as simulate() (exchange.ts, send.ts, receive.ts); it keeps no trace, so each segment
 * costs the same however long the session runs, and its memory is two TCBs.
 */
import type { Finding } from '../check/diagnostic';
import type { DiagnosticKind } from '../check/codes';
import { TCP_FLAG } from '../protocol/tcpFlags';
import type { TcpState } from '../protocol/tcpStates';
import { parse } from '../syntax/parser';
import type { SegmentStatement } from '../syntax/tree';
import { LineMap } from '../text/lineMap';
import { arrive, transmit } from './exchange';
import type { Outgoing } from './outgoing';
import { flagsOfBits } from './segmentShape';
import { sentAsWritten, type Sent, type SendContext } from './send';
import type { Reading } from './reading';
import { seqValue, type SeqValue, type SymbolValues } from './seqValue';
import { MAX_WSCALE, NO_WSCALE } from './windowScale';
import { CLOSED_TCB, newTcb, type Tcb } from './tcb';
import type { SegmentOutcome } from './trace';

/** One side of a session: 0 or 1, the index of its name. */
export type Side = 0 | 1;

/** A segment as it is on the wire: absolute numbers, flags as header bits (TCP_FLAG). */
export interface WireSegment {
  readonly from: Side;
  readonly flags: number;
  readonly seq: number;
  /** Read only when the ACK bit is set. */
  readonly ack: number;
  readonly len: number;
  /** The window it advertises; negative when unknown. */
  readonly win: number;
  /**
   * A SYN's Window Scale option (windowScale.ts): its shift, NO_WSCALE (the default) when it
   * carried none, UNSEEN_WSCALE for a SYN the importer assumed.
   */
  readonly wscale?: number;
  /** `-x`: sent, and lost on the way. */
  readonly lost?: boolean;
}

/** What the engine made of one segment. */
export interface SessionStep {
  /** 'unsent' when its sender could not send it (the diagnostics say why). */
  readonly outcome: SegmentOutcome | 'unsent';
  /** The kinds of the diagnostics it got, in order (none for a segment that is right). */
  readonly problems: readonly DiagnosticKind[];
}

/** The numbers of one side's TCB (RFC 9293 §3.3.1), undefined where it has none yet. */
export interface SessionNumbers {
  readonly state: TcpState;
  readonly sndUna: number | undefined;
  readonly sndNxt: number | undefined;
  readonly rcvNxt: number | undefined;
}

const NO_SYMBOLS: SymbolValues = new Map();
const NO_PROBLEMS: readonly DiagnosticKind[] = Object.freeze([]);

/**
 * The statement every diagnostic of a session points at: a session has no text of its own,
 * and its callers read the kinds, not the places.
 */
let template: { statement: SegmentStatement; lines: LineMap } | undefined;
function templateStatement(): { statement: SegmentStatement; lines: LineMap } {
  if (!template) {
    const text = 'endpoint a\nendpoint b\na -> b  ACK  seq=0 ack=0';
    const found = parse(text).document.statements.find((s) => s.kind === 'segment');
    template = { statement: found as SegmentStatement, lines: new LineMap(text) };
  }
  return template;
}

/**
 * Two endpoints and their TCBs, fed segments one at a time. Never throws: a segment the engine
 * rejects is answered with its outcome and diagnostics, as analyze() would give them.
 */
export class EngineSession {
  private tcbs: [Tcb, Tcb] = [newTcb(), newTcb()];
  private problems: DiagnosticKind[] = [];
  private row = 0;
  private readonly context: SendContext;
  private readonly out: { -readonly [K in keyof Outgoing]: Outgoing[K] };

  /**
   * `names`: the two endpoints, as their diagnostics name them. `reading`: how a segment with a
   * wrong number arrives, with no lines after it to decide (reading.ts): as the engine corrects
   * it ('intended', a typo), or exactly as sent ('asSent': what a capture shows was on the wire,
   * treated by RFC 9293 §3.10.7 and RFC 5961).
   */
  constructor(
    private readonly names: readonly [string, string],
    private readonly reading: Reading = 'intended',
  ) {
    const { statement, lines } = templateStatement();
    const report = (d: Finding): void => {
      this.problems.push(d.kind);
    };
    this.context = { symbols: NO_SYMBOLS, lines, report };
    this.out = {
      from: '',
      to: '',
      flags: flagsOfBits(0),
      seq: undefined,
      seqGiven: true,
      ack: undefined,
      ackGiven: false,
      flagsBroken: false,
      len: 0,
      wscale: NO_WSCALE,
      span: statement,
      row: 0,
      alone: true,
    };
  }

  /** `listen` on `side` (RFC 9293 §3.10.1 OPEN, passive): only from CLOSED, as the engine says. */
  listen(side: Side): boolean {
    if (this.tcbs[side].state !== 'CLOSED') return false;
    this.tcbs[side] = newTcb({ state: 'LISTEN', listening: true });
    return true;
  }

  /**
   * Sends one segment and delivers it (unless lost), as a `->` or `-x` line. A segment with a
   * wrong number arrives as the session's reading has it (see the constructor); `attempt`
   * tries other segments.
   */
  segment(wire: WireSegment): SessionStep {
    this.problems = [];
    const sent = this.send(wire);
    return this.step(sent ? this.deliver(wire, sent) : 'unsent');
  }

  /** A `simultaneous { }` block: every segment is sent, then each is delivered in order. */
  simultaneous(wires: readonly WireSegment[]): readonly SessionStep[] {
    const sent: { sent: Sent | undefined; problems: DiagnosticKind[] }[] = [];
    for (const wire of wires) {
      this.problems = [];
      sent.push({ sent: this.send(wire), problems: this.problems });
    }
    return wires.map((wire, i) => {
      const each = sent[i] as (typeof sent)[number];
      this.problems = each.problems;
      return this.step(each.sent ? this.deliver(wire, each.sent) : 'unsent');
    });
  }

  /**
   * What `segment(wire)` would give, without giving it: the session is as it was afterwards
   * (two TCBs copied, so it costs what a segment costs). For choosing between orders.
   */
  attempt(wire: WireSegment): SessionStep {
    const kept = this.tcbs;
    // A shallow copy is a whole one: the engine replaces a TCB's arrays, never changes them.
    this.tcbs = [{ ...kept[0] }, { ...kept[1] }];
    const row = this.row;
    try {
      return this.segment(wire);
    } finally {
      this.tcbs = kept;
      this.row = row;
    }
  }

  /** The numbers of `side`'s TCB now. */
  numbers(side: Side): SessionNumbers {
    const tcb = this.tcbs[side];
    return {
      state: tcb.state,
      sndUna: numberOf(tcb.sndUna),
      sndNxt: numberOf(tcb.sndNxt),
      rcvNxt: numberOf(tcb.rcvNxt),
    };
  }

  /** `side`'s RCV.NXT (what it acknowledges), undefined before it has one. */
  rcvNxt(side: Side): number | undefined {
    return numberOf(this.tcbs[side].rcvNxt);
  }

  /** `side`'s SND.NXT, undefined before it has one. */
  sndNxt(side: Side): number | undefined {
    return numberOf(this.tcbs[side].sndNxt);
  }

  private send(wire: WireSegment): Sent | undefined {
    const from = wire.from;
    const to = from === 0 ? 1 : 0;
    const out = this.out;
    const flags = flagsOfBits(wire.flags);
    out.from = this.names[from];
    out.to = this.names[to];
    out.flags = flags;
    out.seq = seqValue(wire.seq);
    const hasAck = (wire.flags & TCP_FLAG.ACK) !== 0;
    out.ack = hasAck ? seqValue(wire.ack) : undefined;
    out.ackGiven = hasAck;
    out.len = wire.len;
    out.wscale =
      wire.flags & TCP_FLAG.SYN ? Math.min(wire.wscale ?? NO_WSCALE, MAX_WSCALE) : NO_WSCALE;
    out.row = this.row++;
    return transmit(out, this.tcbs[from], this.tcbs[to], this.context, wire.win, false);
  }

  private deliver(wire: WireSegment, sent: Sent): SegmentOutcome {
    if (wire.lost) return 'lost';
    const to = wire.from === 0 ? 1 : 0;
    const { report } = this.context;
    let segment = sent.segment;
    if (this.reading === 'asSent' && sent.asWritten) {
      segment = sent.asWritten;
      // A resend past SND.NXT, as written, is a retransmission with new data: its sender moves.
      sentAsWritten(this.tcbs[wire.from], sent);
    } else if (sent.unlessAsSent) {
      report(sent.unlessAsSent);
    }
    return arrive(
      this.tcbs[to],
      this.names[to],
      segment,
      wire.win,
      NO_SYMBOLS,
      report,
      this.out.span,
    );
  }

  private step(outcome: SessionStep['outcome']): SessionStep {
    const problems = this.problems.length ? this.problems : NO_PROBLEMS;
    return { outcome, problems };
  }
}

function numberOf(value: SeqValue | undefined): number | undefined {
  return value === undefined || value.symbol !== undefined ? undefined : value.offset;
}

/** A closed endpoint's numbers, for callers that have no session yet. */
export const CLOSED_NUMBERS: SessionNumbers = Object.freeze({
  state: CLOSED_TCB.state,
  sndUna: undefined,
  sndNxt: undefined,
  rcvNxt: undefined,
});
