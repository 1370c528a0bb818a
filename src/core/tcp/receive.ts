import {
  atOrBefore,
  before,
  distance,
  plus,
  seqValue,
  type SeqValue,
  type SymbolValues,
} from './seqValue';
import { CLOSED_TCB, causeOf, newCause, segmentLength, type Segment, type Tcb } from './tcb';
import type { SegmentOutcome } from './trace';

export interface Received {
  readonly tcb: Tcb;
  readonly outcome: SegmentOutcome;
}

/**
 * Delivers a segment to its receiver: RFC 9293 §3.10.7 "SEGMENT ARRIVES", in its order
 * (sequence check, RST, SYN, ACK, text, FIN), for the states a scenario can reach.
 */
export function receive(tcb: Tcb, segment: Segment, symbols: SymbolValues): Received {
  const state = tcb.state;
  if (state === 'LISTEN' || (state === 'CLOSED' && tcb.listening)) {
    return receiveListening(tcb, segment);
  }
  // One connection per endpoint: a segment from another endpoint is not part of it.
  if (state !== 'CLOSED' && tcb.peer !== undefined && segment.from !== tcb.peer) {
    return { tcb, outcome: 'ignored' };
  }
  switch (state) {
    case 'CLOSED':
      return receiveClosed(tcb, segment);
    case 'SYN_SENT':
      return receiveSynSent(tcb, segment, symbols);
    default:
      return receiveSynchronized(tcb, segment, symbols);
  }
}

/** §3.10.7.1: a CLOSED endpoint answers anything but a reset with a reset. */
function receiveClosed(tcb: Tcb, segment: Segment): Received {
  if (segment.flags.has('RST')) return { tcb, outcome: 'ignored' };
  return { tcb: { ...tcb, refusal: refusalFor(segment) }, outcome: 'refused' };
}

function refusalFor(segment: Segment): NonNullable<Tcb['refusal']> {
  // With ACK: <SEQ=SEG.ACK><CTL=RST>; without: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
  const reply = segment.ack
    ? { seq: segment.ack }
    : { seq: seqValue(0), ack: plus(segment.seq, segmentLength(segment)) };
  return { span: segment.span, from: segment.from, segment, ...reply };
}

/** §3.10.7.2: LISTEN takes a SYN, answers an ACK with a reset, and ignores the rest. */
function receiveListening(tcb: Tcb, segment: Segment): Received {
  const listening: Tcb = { ...CLOSED_TCB, state: 'LISTEN', listening: true };
  if (segment.flags.has('RST')) return { tcb, outcome: 'ignored' };
  if (segment.flags.has('ACK')) {
    return { tcb: { ...tcb, refusal: refusalFor(segment) }, outcome: 'refused' };
  }
  if (!segment.flags.has('SYN')) return { tcb, outcome: 'ignored' };
  const cause = synCause(segment);
  return {
    tcb: {
      ...listening,
      state: 'SYN_RECEIVED',
      stateSpan: segment.span,
      passive: true,
      peer: segment.from,
      irs: segment.seq,
      // §3.10.7.2/3: RCV.NXT = SEG.SEQ+1; data on a SYN is only queued (TCP Fast Open aside).
      rcvNxt: plus(segment.seq, 1),
      rcvNxtCause: cause,
    },
    outcome: 'delivered',
  };
}

/** §3.10.7.3: SYN_SENT waits for the peer's SYN, with or without an ACK of its own. */
function receiveSynSent(tcb: Tcb, segment: Segment, symbols: SymbolValues): Received {
  const ack = segment.ack;
  const ackOk =
    ack !== undefined &&
    tcb.sndNxt !== undefined &&
    tcb.iss !== undefined &&
    before(tcb.iss, ack, symbols) &&
    atOrBefore(ack, tcb.sndNxt, symbols);
  if (ack !== undefined && !ackOk) {
    // §3.10.7.3: an unacceptable ACK is answered <SEQ=SEG.ACK><CTL=RST> (unless it is a reset).
    if (segment.flags.has('RST')) return { tcb, outcome: 'ignored' };
    return { tcb: { ...tcb, refusal: refusalFor(segment) }, outcome: 'refused' };
  }
  if (segment.flags.has('RST')) {
    // A reset that acknowledges our SYN: "connection refused".
    return ackOk ? { tcb: closed(tcb, segment), outcome: 'reset' } : { tcb, outcome: 'ignored' };
  }
  if (!segment.flags.has('SYN')) return { tcb, outcome: 'ignored' };
  const synchronized = ackOk && ack !== undefined;
  return {
    tcb: {
      ...tcb,
      state: synchronized ? 'ESTABLISHED' : 'SYN_RECEIVED',
      stateSpan: segment.span,
      peer: segment.from,
      irs: segment.seq,
      // §3.10.7.2/3: RCV.NXT = SEG.SEQ+1; data on a SYN is only queued (TCP Fast Open aside).
      rcvNxt: plus(segment.seq, 1),
      rcvNxtCause: synCause(segment),
      ...(synchronized ? { sndUna: ack } : {}),
    },
    outcome: 'delivered',
  };
}

/** A SYN advances RCV.NXT by one only; data on it is not counted (see RCV.NXT above). */
function synCause(segment: Segment): NonNullable<Tcb['rcvNxtCause']> {
  const cause = causeOf(segment);
  if (cause.length === 0 && !cause.fin) return cause;
  return newCause(cause.span, cause.from, cause.seq, cause.syn, false, 0);
}

function closed(tcb: Tcb, segment: Segment): Tcb {
  return { ...CLOSED_TCB, listening: tcb.listening, stateSpan: segment.span };
}

/** §3.10.7.4: SYN_RECEIVED and every synchronized state. */
function receiveSynchronized(tcb: Tcb, segment: Segment, symbols: SymbolValues): Received {
  const rcvNxt = tcb.rcvNxt;
  if (segment.flags.has('RST')) {
    // RFC 5961 §3.2: only a reset at exactly RCV.NXT is acted on.
    if (rcvNxt && distance(rcvNxt, segment.seq, symbols) !== 0) return { tcb, outcome: 'ignored' };
    const after: Tcb =
      tcb.state === 'SYN_RECEIVED' && tcb.passive
        ? { ...CLOSED_TCB, state: 'LISTEN', listening: true, stateSpan: segment.span }
        : closed(tcb, segment);
    return { tcb: after, outcome: 'reset' };
  }
  const duplicateSyn =
    segment.flags.has('SYN') &&
    tcb.irs !== undefined &&
    distance(tcb.irs, segment.seq, symbols) === 0;
  if (segment.flags.has('SYN') && !duplicateSyn) {
    // RFC 5961 §4: a SYN in a synchronized state gets a challenge ACK and changes nothing.
    return { tcb, outcome: 'ignored' };
  }
  if (!segment.flags.has('ACK') || segment.ack === undefined) return { tcb, outcome: 'ignored' };
  const acked = receiveAck(tcb, segment.ack, segment, symbols);
  if (!acked) return { tcb, outcome: 'ignored' };
  if (duplicateSyn) return { tcb: acked, outcome: 'delivered' };
  return receiveText(acked, segment, symbols);
}

/** The ACK part: advance SND.UNA and leave the states that wait for our SYN or FIN to be acked. */
function receiveAck(
  tcb: Tcb,
  ack: SeqValue,
  segment: Segment,
  symbols: SymbolValues,
): Tcb | undefined {
  const { sndUna, sndNxt } = tcb;
  if (!sndUna || !sndNxt) return undefined;
  if (!atOrBefore(ack, sndNxt, symbols)) return undefined; // acks something not yet sent
  let next: Tcb = tcb;
  if (before(sndUna, ack, symbols)) {
    const stillUnacked = (sent: Tcb['sent'][number]) =>
      before(ack, plus(sent.seq, sent.length + (sent.fin ? 1 : 0)), symbols);
    // Forget what is now acknowledged (copying only when something goes).
    const sent = tcb.sent.every(stillUnacked) ? tcb.sent : tcb.sent.filter(stillUnacked);
    next = { ...tcb, sndUna: ack, sent };
  } else if (tcb.state === 'SYN_RECEIVED') {
    return undefined; // SYN_RECEIVED needs its SYN acknowledged
  }
  const finAcked = next.finSeq !== undefined && atOrBefore(plus(next.finSeq, 1), ack, symbols);
  const moved = (state: Tcb['state']): Tcb => ({ ...next, state, stateSpan: segment.span });
  switch (next.state) {
    case 'SYN_RECEIVED':
      return moved('ESTABLISHED');
    case 'FIN_WAIT_1':
      return finAcked ? moved('FIN_WAIT_2') : next;
    case 'CLOSING':
      return finAcked ? moved('TIME_WAIT') : next;
    case 'LAST_ACK':
      return finAcked ? { ...closed(next, segment) } : next;
    default:
      return next;
  }
}

/** Data and FIN: in order they advance RCV.NXT; ahead of a gap they wait in the queue. */
function receiveText(tcb: Tcb, segment: Segment, symbols: SymbolValues): Received {
  const length = segment.len + (segment.flags.has('FIN') ? 1 : 0);
  const rcvNxt = tcb.rcvNxt;
  if (length === 0 || !rcvNxt || tcb.state === 'CLOSED') return { tcb, outcome: 'delivered' };
  const gap = distance(rcvNxt, segment.seq, symbols);
  if (gap === undefined) return { tcb, outcome: 'ignored' };
  if (before(rcvNxt, segment.seq, symbols)) {
    const queued = {
      seq: segment.seq,
      length: segment.len,
      fin: segment.flags.has('FIN'),
      cause: causeOf(segment),
    };
    return { tcb: { ...tcb, queue: [...tcb.queue, queued] }, outcome: 'queued' };
  }
  const end = plus(segment.seq, length);
  if (atOrBefore(end, rcvNxt, symbols)) return { tcb, outcome: 'duplicate' };
  const accepted = accept(tcb, end, segment.flags.has('FIN'), causeOf(segment));
  return { tcb: drain(accepted, symbols), outcome: 'delivered' };
}

function accept(tcb: Tcb, end: SeqValue, fin: boolean, cause: Tcb['rcvNxtCause']): Tcb {
  const next: Tcb = { ...tcb, rcvNxt: end, ...(cause ? { rcvNxtCause: cause } : {}) };
  if (!fin) return next;
  const moved = (state: Tcb['state']): Tcb => ({ ...next, state, stateSpan: cause?.span });
  switch (tcb.state) {
    case 'SYN_RECEIVED':
    case 'ESTABLISHED':
      return moved('CLOSE_WAIT');
    case 'FIN_WAIT_1':
      return moved('CLOSING');
    case 'FIN_WAIT_2':
      return moved('TIME_WAIT');
    default:
      return next;
  }
}

/** Moves queued segments that now continue RCV.NXT into the stream. */
function drain(tcb: Tcb, symbols: SymbolValues): Tcb {
  let current = tcb;
  for (let progressed = true; progressed && current.queue.length > 0;) {
    progressed = false;
    for (const queued of current.queue) {
      const rcvNxt = current.rcvNxt;
      if (!rcvNxt || !atOrBefore(queued.seq, rcvNxt, symbols)) continue;
      const end = plus(queued.seq, queued.length + (queued.fin ? 1 : 0));
      const rest = current.queue.filter((q) => q !== queued);
      current = before(rcvNxt, end, symbols)
        ? accept({ ...current, queue: rest }, end, queued.fin, queued.cause)
        : { ...current, queue: rest };
      progressed = true;
      break;
    }
  }
  return current;
}
