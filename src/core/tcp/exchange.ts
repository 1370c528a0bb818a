/**
 * The two halves of moving one segment between two TCBs, shared by the simulator (which runs a
 * whole scenario) and EngineSession (which is fed one segment at a time): what the sender does
 * (RFC 9293 §3.10.2 SEND) and what the receiver does (§3.10.7 SEGMENT ARRIVES). Both change the
 * TCBs in place; neither throws.
 */
import { diagnostic, type Finding } from '../check/diagnostic';
import type { Span } from '../text/span';
import type { DeliverStatement, SegmentStatement } from '../syntax/tree';
import { receive } from './receive';
import { inject, send, type Outgoing, type Sent, type SendContext } from './send';
import { formatValue, type SymbolValues } from './seqValue';
import type { Segment, Tcb } from './tcb';
import type { SegmentOutcome } from './trace';
import { advertise, learnSendWindow } from './windowScale';

/**
 * Sends `out` from `sender` to `receiver`: forged as written when `attacker` (a blind
 * injection), else checked against the sender's TCB, which moves on. `win`, the window the
 * line advertises (negative when none), is the one the sender tests arriving segments against.
 */
export function transmit(
  out: Outgoing,
  sender: Tcb,
  receiver: Readonly<Tcb>,
  context: SendContext,
  win: number,
  attacker: boolean,
): Sent | undefined {
  const sent = (attacker ? inject(out) : undefined) ?? send(out, sender, context, receiver);
  // The window `sender` advertises, at its scale, is the one it tests arriving segments against.
  if (sent) advertise(sender, sent.segment, win);
  return sent;
}

/**
 * Delivers `segment` to `receiver` (named `to`): a segment that arrives ahead of RCV.NXT is
 * queued and reported (OutOfOrder) at the label of the `deliver` that delivered it, else at
 * the statement's seq= (else the statement). `win`, the window the segment advertises (negative
 * when none), becomes the receiver's SND.WND when the segment is accepted.
 */
export function arrive(
  receiver: Tcb,
  to: string,
  segment: Segment,
  win: number,
  symbols: SymbolValues,
  report: (d: Finding) => void,
  statement: SegmentStatement,
  delivery?: DeliverStatement,
): SegmentOutcome {
  const rcvNxtBefore = receiver.rcvNxt;
  const outcome = receive(receiver, segment, symbols);
  if (outcome === 'delivered' || outcome === 'queued') learnSendWindow(receiver, segment, win);
  if (outcome === 'queued' && rcvNxtBefore) {
    // Only now: asking a statement for its seq= node builds it (see syntax/segmentNode.ts).
    const at: Span = delivery?.label ?? statement.seq?.value ?? statement;
    report(
      diagnostic('OutOfOrder', at, {
        endpoint: to,
        expected: formatValue(rcvNxtBefore),
        got: formatValue(segment.seq),
      }),
    );
  }
  return outcome;
}
