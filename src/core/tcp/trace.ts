import type { Span } from '../text/span';
import type { Address, SegmentStatement } from '../syntax/tree';
import type { Reason } from './explain';
import type { TcpFlag } from '../protocol/tcpFlags';
import type { SeqValue } from './seqValue';
import type { TcbView } from './tcb';
import type { TcpState } from '../protocol/tcpStates';

export interface EndpointInfo {
  readonly name: string;
  readonly span: Span;
  readonly address?: Address;
  /** False for a name used without a declaration (already reported). */
  readonly declared: boolean;
  /** Declared with `attacker`: it may intercept, replace and forward TLS messages. */
  readonly attacker?: boolean;
}

export interface SymbolInfo {
  readonly name: string;
  /** Where it was bound: a `let` or its first use in a seq=. */
  readonly span: Span;
  /** The number from `let`; undefined for a purely symbolic value. */
  readonly value?: number;
  /** The endpoint whose initial sequence number it names, when bound by a SYN. */
  readonly owner?: string;
}

/**
 * Which reading of a wrong segment the scenario means (chosen in `reading.ts`): a typo for the
 * value a correct stack sends, or the segment exactly as written.
 */
export type Reading = 'intended' | 'asSent';

/** What happened to a segment at its receiver. */
export type SegmentOutcome =
  | 'delivered' // accepted in order
  | 'lost' // `-x`: never arrived
  | 'inFlight' // `~>` and never delivered: still in the network at the end
  | 'queued' // arrived ahead of a gap
  | 'duplicate' // everything in it had already arrived
  | 'refused' // no one listening: a reset is due
  | 'reset' // a RST that closed the receiver
  | 'ignored' // dropped by the receiver's rules
  | 'challenged' // dropped, and the receiver owes an ACK (RFC 5961 §3.2, §4; RFC 9293 §3.10.7.4)
  | 'invalid'; // not simulated because the segment itself is malformed

export interface SegmentStep {
  readonly kind: 'segment';
  readonly statement: SegmentStatement;
  readonly span: Span;
  readonly from: string;
  readonly to: string;
  readonly flags: readonly TcpFlag[];
  readonly lost: boolean;
  /**
   * Set when the network delivered it at a `deliver` statement (`span` is that statement's):
   * 'later' for its first arrival after it was sent, 'again' for a duplicate.
   */
  readonly network?: 'later' | 'again';
  /** Steps sent together in a `simultaneous` block share a group number. */
  readonly group?: number;
  /**
   * The values the receiver got: as written when right; when wrong, as expected, or as written
   * when `reading` is 'asSent'.
   */
  readonly seq?: SeqValue;
  readonly ack?: SeqValue;
  readonly len: number;
  readonly payload?: string;
  /** What a correct segment carries here, and why. */
  readonly expected: { readonly seq?: SeqValue; readonly ack?: SeqValue };
  readonly why: { readonly seq?: Reason; readonly ack?: Reason };
  readonly retransmission: boolean;
  /** Which written values were wrong (or the ACK flag missing). */
  readonly corrected: { readonly seq: boolean; readonly ack: boolean };
  /**
   * For a wrong segment: whether the receiver got it as its writer meant it ('intended', a typo)
   * or exactly as written ('asSent', and it reacted by the RFC), as the lines after it show.
   */
  readonly reading?: Reading;
  readonly outcome: SegmentOutcome;
  /** True when the engine reported an error on this segment. */
  readonly faulty: boolean;
  readonly sender: { readonly before: TcbView; readonly after: TcbView };
  readonly receiver: { readonly before: TcbView; readonly after: TcbView };
}

export interface ActionStep {
  readonly kind: 'listen' | 'close' | 'wait';
  readonly span: Span;
  /** A `wait 30s`: the time that passed, in seconds (absent for `wait 2MSL`). */
  readonly seconds?: number;
  /** The endpoints whose state this step changed, with their states before and after. */
  readonly changes: readonly {
    readonly endpoint: string;
    readonly before: TcpState;
    readonly after: TcpState;
  }[];
}

export interface ExpectStep {
  readonly kind: 'expect';
  readonly span: Span;
  readonly endpoint: string;
  readonly expected?: TcpState;
  readonly actual: TcpState;
  readonly passed: boolean;
}

/** What the TCP engine records per statement; `analysis/trace.ts` adds the TLS steps. */
export type TcpStep = SegmentStep | ActionStep | ExpectStep;

/** The TCP engine's trace: endpoints, symbols and one step per TCP statement. */
export interface TcpTrace {
  readonly title?: string;
  readonly endpoints: readonly EndpointInfo[];
  readonly symbols: readonly SymbolInfo[];
  readonly steps: readonly TcpStep[];
  /** Each endpoint's state at the end. */
  readonly finalStates: ReadonlyMap<string, TcpState>;
}
