/**
 * The network between the endpoints. A segment is sent and then delivered: a lone one at once,
 * a `simultaneous` block's after all of the block is sent, and a labelled `~>` one only when a
 * `deliver LABEL [again]` statement names it, however late, and as often as `again` says.
 */
import { TCP_TEXT } from './tcpText';
import { diagnostic, type Finding } from '../check/diagnostic';
import type { LineMap } from '../text/lineMap';
import type { Span } from '../text/span';
import type { DeliverStatement, SegmentStatement } from '../syntax/tree';
import { lineNumber } from './explain';
import type { InFlight } from './reading';
import type { Sent } from './send';
import type { EndpointInfo } from './trace';

/** A segment sent and not yet delivered (all of a `simultaneous` block are sent first). */
export interface Pending {
  statement: SegmentStatement;
  from: string;
  /** The key of the sender's TCB (its name, unless an attacker's second connection). */
  fromKey: string;
  to: string;
  /** Undefined when the segment could not be sent. */
  sent: Sent | undefined;
  shapeLen: number;
  /** Ids in the trace's ViewTable. */
  senderBefore: number;
  senderAfter: number;
  group: number | undefined;
  faulty: boolean;
}

/** A Pending for `statement`, to be filled in when it is sent. */
export function newPending(statement: SegmentStatement): Pending {
  return {
    statement,
    from: '',
    fromKey: '',
    to: '',
    sent: undefined,
    shapeLen: 0,
    senderBefore: 0,
    senderAfter: 0,
    group: undefined,
    faulty: false,
  };
}

/** No segments. */
export const NONE: readonly Pending[] = Object.freeze([]);

/** The segments of a block still to arrive, as a rehearsal replays them. */
export function inFlight(rest: readonly Pending[]): InFlight[] {
  const segments: InFlight[] = [];
  for (const each of rest) {
    if (each.sent) {
      segments.push({ to: each.to, segment: each.sent.segment, lost: each.statement.lost });
    }
  }
  return segments;
}

/** A labelled segment (`as NAME`): sent, and delivered at once or by `deliver` statements. */
export interface Flight {
  readonly pending: Pending;
  /** How many times it arrived so far, and the line of its last arrival. */
  deliveries: number;
  lastDelivery: number;
  /** Where its step goes in the trace if it is never delivered (see Network.undelivered). */
  readonly stepIndex: number;
  /** Its receiver's view when it was sent, for that step. */
  readonly receiverView: number;
  /** Which labelled segment it was, counting from 0 in the order sent. */
  readonly order: number;
}

/** The labelled segments of a scenario, what `deliver` may name, and what it reports. */
export class Network {
  /** Labelled segments by label, in the order they were sent. */
  private readonly flights = new Map<string, Flight>();
  /** `~>` segments whose label was already taken (HS406): nothing can deliver them. */
  private readonly stranded: Flight[] = [];

  constructor(
    private readonly lines: LineMap,
    private readonly report: (d: Finding) => void,
  ) {}

  private line(span: Span): number {
    return lineNumber(this.lines, span);
  }

  /**
   * Records a labelled segment just sent; a label already taken is reported (HS406), and a `~>`
   * segment under it is stranded. `stepIndex` and `receiverView` are as Flight says.
   */
  sent(pending: Pending, label: string, stepIndex: number, receiverView: number): Flight {
    const statement = pending.statement;
    const flight: Flight = {
      pending,
      // `->` and `-x` arrive (or are lost) as they are sent; `~>` waits for a `deliver`.
      deliveries: statement.inFlight ? 0 : 1,
      lastDelivery: this.line(statement),
      stepIndex,
      receiverView,
      order: this.flights.size + this.stranded.length,
    };
    const known = this.flights.get(label);
    if (known) {
      this.report(
        diagnostic('DuplicateLabel', statement.label?.name ?? statement, {
          label,
          line: this.line(known.pending.statement),
        }),
      );
      if (statement.inFlight) this.stranded.push(flight);
    } else {
      this.flights.set(label, flight);
    }
    return flight;
  }

  /**
   * The labelled segment that `deliver NAME [again]` delivers now, and whether it is its first
   * arrival; undefined (reported) when there is none to deliver: an unknown label, a lost
   * segment, or one delivered already without `again`.
   */
  deliver(
    statement: DeliverStatement,
  ): { readonly pending: Pending; readonly first: boolean } | undefined {
    const label = statement.label.text;
    const flight = this.flights.get(label);
    if (!flight) {
      this.report(diagnostic('UnknownLabel', statement.label, { label }));
      return undefined;
    }
    const sentAt = this.line(flight.pending.statement);
    if (flight.pending.statement.lost) {
      this.report(diagnostic('DeliverLost', statement.label, { label, line: sentAt }));
      return undefined;
    }
    if (flight.deliveries > 0 && !statement.again) {
      this.report(
        diagnostic(
          'AlreadyDelivered',
          statement.label,
          { label, line: sentAt, delivered: flight.lastDelivery },
          {
            fix: {
              title: TCP_TEXT.fixDeliverAgain({ label }),
              edits: [{ span: { start: statement.end, end: statement.end }, newText: ' again' }],
            },
          },
        ),
      );
      return undefined;
    }
    const first = flight.deliveries === 0;
    flight.deliveries++;
    flight.lastDelivery = this.line(statement);
    return { pending: flight.pending, first };
  }

  /**
   * The `~>` segments never delivered, in the order they were sent; each still owning its label
   * is reported (an info: a scenario may well end with segments in flight).
   */
  *undelivered(): Generator<Flight> {
    const undelivered = [...this.flights.values(), ...this.stranded]
      .filter((flight) => flight.pending.statement.inFlight && flight.deliveries === 0)
      .sort((a, b) => a.order - b.order);
    for (const flight of undelivered) {
      const { pending } = flight;
      const label = pending.statement.labelText ?? '';
      // A stranded segment's label belongs to another (HS406 says so already).
      if (this.flights.get(label) === flight) {
        this.report(
          diagnostic('StillInFlight', pending.statement.label?.name ?? pending.statement, {
            label,
            to: pending.to,
          }),
        );
      }
      yield flight;
    }
  }

  /** The labelled segment a `deliver` names, as sent, for a rehearsal (see reading.ts). */
  flight(label: string): InFlight | undefined {
    const pending = this.flights.get(label)?.pending;
    return pending?.sent
      ? { to: pending.to, segment: pending.sent.segment, lost: pending.statement.lost }
      : undefined;
  }
}

/**
 * The endpoint a segment from `from` passes for at its receiver, when `from` is an attacker
 * declared with another endpoint's address and port: the receiver cannot tell its segments from
 * that endpoint's (RFC 9293 §3.10.7 finds the connection by the addresses and ports alone).
 * `peer` is the receiver's peer: with one, only the peer can be spoofed; without one (CLOSED,
 * LISTEN), the endpoint declared with that address, other than `to`, the receiver: its reset
 * goes back to that address (§3.10.7.1-2), so it reaches the endpoint, not the attacker.
 */
export function spoofedPeer(
  endpoints: ReadonlyMap<string, EndpointInfo>,
  from: string,
  peer: string | undefined,
  to?: string,
): string | undefined {
  const sender = endpoints.get(from);
  const address = sender?.attacker ? sender.address : undefined;
  if (!address || peer === from) return undefined;
  const holds = (name: string): boolean => {
    const other = endpoints.get(name);
    return other?.address?.host === address.host && other.address.port === address.port;
  };
  if (peer !== undefined) return holds(peer) ? peer : undefined;
  for (const [name, info] of endpoints) {
    if (!info.attacker && name !== to && holds(name)) return name;
  }
  return undefined;
}
