import {
  atOrBefore,
  before,
  distance,
  plus,
  sameValue,
  seqValue,
  type SeqValue,
  type SymbolValues,
} from './seqValue';
import { causeOf, newCause, resetTcb, segmentLength, type Segment, type Tcb } from './tcb';
import type { SegmentOutcome } from './trace';
import { receiveWindow } from './windowScale';

/**
 * Delivers a segment to its receiver: RFC 9293 §3.10.7 "SEGMENT ARRIVES", in its order
 * (sequence check, RST, SYN, ACK, text, FIN), for the states a scenario can reach. Changes
 * `tcb` in place (see Tcb) and says what became of the segment.
 */
export function receive(tcb: Tcb, segment: Segment, symbols: SymbolValues): SegmentOutcome {
  const state = tcb.state;
  if (state === 'LISTEN' || (state === 'CLOSED' && tcb.listening)) {
    return receiveListening(tcb, segment);
  }
  // One connection per endpoint: a segment from another endpoint is not part of it.
  if (state !== 'CLOSED' && tcb.peer !== undefined && segment.from !== tcb.peer) {
    return 'ignored';
  }
  switch (state) {
    case 'CLOSED':
      return receiveClosed(tcb, segment);
    case 'SYN_SENT':
      return receiveSynSent(tcb, segment, symbols);
    case 'TIME_WAIT':
      // §3.10.7.4: "The only thing that can arrive in this state is a retransmission of the
      // remote FIN. Acknowledge it, and restart the 2 MSL timeout." Only that FIN: its sequence
      // number is the one before RCV.NXT; a FIN anywhere else is not the peer's resent.
      if (isRemoteFinAgain(tcb, segment, symbols)) tcb.timeWaited = 0;
      return receiveSynchronized(tcb, segment, symbols);
    default:
      return receiveSynchronized(tcb, segment, symbols);
  }
}

function isRemoteFinAgain(tcb: Tcb, segment: Segment, symbols: SymbolValues): boolean {
  if (!segment.flags.has('FIN') || segment.flags.has('RST') || !tcb.rcvNxt) return false;
  return sameValue(plus(segment.seq, segment.len + 1), tcb.rcvNxt, symbols);
}

/** How many older segments a CLOSED endpoint remembers to answer with a reset each. */
const MAX_UNANSWERED = 64;

/** §3.10.7.1: a CLOSED endpoint answers anything but a reset with a reset. */
function receiveClosed(tcb: Tcb, segment: Segment): SegmentOutcome {
  if (segment.flags.has('RST')) return 'ignored';
  return refuse(tcb, segment);
}

/**
 * A segment to be answered by a reset. Every segment gets its own (§3.10.7.1, §3.10.7.2): one
 * not answered yet waits behind this one (bounded, so that a long stream costs nothing).
 */
function refuse(tcb: Tcb, segment: Segment): SegmentOutcome {
  if (tcb.refusal && tcb.unanswered.length < MAX_UNANSWERED)
    tcb.unanswered = [...tcb.unanswered, tcb.refusal];
  tcb.refusal = refusalFor(segment);
  return 'refused';
}

function refusalFor(segment: Segment): NonNullable<Tcb['refusal']> {
  // With ACK: <SEQ=SEG.ACK><CTL=RST>; without: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
  const reply = segment.ack
    ? { seq: segment.ack }
    : { seq: seqValue(0), ack: plus(segment.seq, segmentLength(segment)) };
  return { span: segment.span, from: segment.from, segment, ...reply };
}

/** §3.10.7.2: LISTEN takes a SYN, answers an ACK with a reset, and ignores the rest. */
function receiveListening(tcb: Tcb, segment: Segment): SegmentOutcome {
  if (segment.flags.has('RST')) return 'ignored';
  if (segment.flags.has('ACK')) return refuse(tcb, segment);
  if (!segment.flags.has('SYN')) return 'ignored';
  resetTcb(tcb, {
    state: 'SYN_RECEIVED',
    listening: true,
    stateSpan: segment.span,
    passive: true,
    peer: segment.from,
    irs: segment.seq,
    // §3.10.7.2/3: RCV.NXT = SEG.SEQ+1; data on a SYN is only queued, unless the SYN ACK
    // acknowledges it (TCP Fast Open, RFC 7413: see planSynAck).
    rcvNxt: plus(segment.seq, 1),
    rcvNxtCause: synCause(segment),
    synData: segment.len > 0 ? causeOf(segment) : undefined,
    // RFC 7323 §2.2: the peer's Window Scale option, half of what decides this side's scale.
    peerWscale: segment.wscale,
  });
  return 'delivered';
}

/** §3.10.7.3: SYN_SENT waits for the peer's SYN, with or without an ACK of its own. */
function receiveSynSent(tcb: Tcb, segment: Segment, symbols: SymbolValues): SegmentOutcome {
  const ack = segment.ack;
  const ackOk =
    ack !== undefined &&
    tcb.sndNxt !== undefined &&
    tcb.iss !== undefined &&
    before(tcb.iss, ack, symbols) &&
    atOrBefore(ack, tcb.sndNxt, symbols);
  if (ack !== undefined && !ackOk) {
    // §3.10.7.3: an unacceptable ACK is answered <SEQ=SEG.ACK><CTL=RST> (unless it is a reset).
    if (segment.flags.has('RST')) return 'ignored';
    tcb.refusal = refusalFor(segment);
    return 'refused';
  }
  if (segment.flags.has('RST')) {
    // A reset that acknowledges our SYN: "connection refused".
    if (!ackOk) return 'ignored';
    close(tcb, segment);
    return 'reset';
  }
  if (!segment.flags.has('SYN')) return 'ignored';
  const synchronized = ackOk && ack !== undefined;
  tcb.state = synchronized ? 'ESTABLISHED' : 'SYN_RECEIVED';
  tcb.stateSpan = segment.span;
  tcb.peer = segment.from;
  tcb.irs = segment.seq;
  // §3.10.7.2/3: RCV.NXT = SEG.SEQ+1; data on a SYN is only queued (TCP Fast Open aside). A
  // SYN ACK that acknowledges our SYN has its text processed ("continue processing at the sixth
  // step"): RCV.NXT moves past it too.
  const text = synchronized && segment.len > 0;
  tcb.rcvNxt = plus(segment.seq, 1 + (text ? segment.len : 0));
  tcb.rcvNxtCause = text ? causeOf(segment) : synCause(segment);
  tcb.peerWscale = segment.wscale; // RFC 7323 §2.2, as in LISTEN
  if (synchronized) tcb.sndUna = ack;
  return 'delivered';
}

/** A SYN advances RCV.NXT by one only; data on it is not counted (see RCV.NXT above). */
function synCause(segment: Segment): NonNullable<Tcb['rcvNxtCause']> {
  const cause = causeOf(segment);
  if (cause.length === 0 && !cause.fin) return cause;
  const ref = cause.traceRef < 0 ? -1 : cause.traceRef + 1;
  return newCause(cause.span, cause.from, cause.seq, cause.syn, false, 0, ref);
}

function close(tcb: Tcb, segment: Segment): void {
  resetTcb(tcb, { listening: tcb.listening, stateSpan: segment.span });
}

/** §3.10.7.4: SYN_RECEIVED and every synchronized state. */
function receiveSynchronized(tcb: Tcb, segment: Segment, symbols: SymbolValues): SegmentOutcome {
  const rcvNxt = tcb.rcvNxt;
  if (segment.flags.has('RST')) {
    // RFC 5961 §3.2 (RFC 9293 §3.10.7.4): only a reset at exactly RCV.NXT is acted on; one
    // elsewhere in the window gets a challenge ACK, one outside it is dropped silently. The
    // window is RCV.WND as scaled (RFC 7323 §2.3), or the largest it can be when the scale is
    // unknown: a reset the receiver may have taken as in its window is challenged.
    const offset = rcvNxt && distance(rcvNxt, segment.seq, symbols);
    if (rcvNxt && offset !== 0) {
      const inWindow = offset !== undefined && offset > 0 && offset < receiveWindow(tcb);
      return inWindow ? 'challenged' : 'ignored';
    }
    if (tcb.state === 'SYN_RECEIVED' && tcb.passive) {
      resetTcb(tcb, { state: 'LISTEN', listening: true, stateSpan: segment.span });
    } else {
      close(tcb, segment);
    }
    return 'reset';
  }
  const duplicateSyn =
    segment.flags.has('SYN') &&
    tcb.irs !== undefined &&
    distance(tcb.irs, segment.seq, symbols) === 0;
  if (segment.flags.has('SYN') && !duplicateSyn) {
    // RFC 5961 §4: a SYN in a synchronized state gets a challenge ACK and changes nothing.
    if (tcb.state !== 'SYN_RECEIVED') return 'challenged';
    // §3.10.7.4, SYN-RECEIVED: "first, check sequence number": a SYN outside the window is not
    // acceptable, answered with an ACK and dropped; "fourth, check the SYN bit": one inside it
    // returns a connection opened by a passive OPEN to LISTEN (and is not processed further);
    // an active OPEN's goes on as in the synchronized states.
    const offset = rcvNxt && distance(rcvNxt, segment.seq, symbols);
    const inWindow = offset !== undefined && offset >= 0 && offset < receiveWindow(tcb);
    if (!inWindow || !tcb.passive) return 'challenged';
    resetTcb(tcb, { state: 'LISTEN', listening: true, stateSpan: segment.span });
    return 'ignored';
  }
  // §3.10.7.4 "first, check sequence number": data or a FIN that starts at or past the right
  // edge of the window (RCV.NXT+RCV.WND) is not acceptable: "an acknowledgment should be sent in
  // reply", and the segment is dropped, its ACK field unread. (A zero window takes ACKs: see
  // receiveText.)
  if (rcvNxt && beyondWindow(tcb, rcvNxt, segment, symbols)) return 'challenged';
  if (rcvNxt && emptyAndOld(rcvNxt, segment, symbols)) return 'challenged';
  // §3.10.7.4 "fifth, check the ACK field": "if the ACK bit is off, drop the segment".
  if (!segment.flags.has('ACK') || segment.ack === undefined) return 'ignored';
  // RFC 5961 §5.2: an ACK older than SND.UNA - MAX.SND.WND is no duplicate but a blind
  // injection or a confusion: the segment is dropped, data and FIN with it, and an ACK sent.
  if (tcb.state !== 'SYN_RECEIVED' && tooOld(tcb, segment.ack, symbols)) return 'challenged';
  if (!receiveAck(tcb, segment.ack, segment, symbols)) {
    if (tcb.state === 'SYN_RECEIVED') {
      // §3.10.7.4 SYN-RECEIVED: "If the segment acknowledgment is not acceptable, form a reset
      // segment <SEQ=SEG.ACK><CTL=RST> and send it"; the endpoint stays in SYN_RECEIVED.
      tcb.refusal = refusalFor(segment);
      return 'refused';
    }
    // §3.10.7.4: an ACK of something not yet sent is answered with an ACK and dropped, with
    // whatever data or FIN it carries.
    const unsent = tcb.sndNxt && before(tcb.sndNxt, segment.ack, symbols);
    return unsent ? 'challenged' : 'ignored';
  }
  if (duplicateSyn) return 'delivered';
  return receiveText(tcb, segment, symbols);
}

/**
 * Whether data or a FIN starts at or past RCV.NXT+RCV.WND (a window above zero). RCV.WND is
 * the window field shifted left by the scale the SYNs agreed (RFC 7323 §2.3, windowScale.ts);
 * when the SYNs were not seen the scale is unknown and the window is the largest the field can
 * mean, win × 2^14, so that a capture's `win=64` (64 KiB at a shift of 10) never drops data the
 * receiver took. A zero window is zero at any scale (see receiveText).
 */
function beyondWindow(
  tcb: Tcb,
  rcvNxt: SeqValue,
  segment: Segment,
  symbols: SymbolValues,
): boolean {
  if (segment.len === 0 && !segment.flags.has('FIN')) return false;
  const window = receiveWindow(tcb);
  if (window === 0) return false;
  const offset = distance(rcvNxt, segment.seq, symbols);
  // At or after RCV.NXT (less than half the number space ahead), and past the window.
  return offset !== undefined && offset < 2 ** 31 && offset >= window;
}

/**
 * §3.10.7.4 "first, check sequence number", the table's rows for SEG.LEN = 0: a segment that
 * occupies no sequence space is acceptable only at or after RCV.NXT (RCV.NXT =< SEG.SEQ). One
 * before it, such as a pure ACK that forgot that a SYN or FIN consumes one, is answered with an
 * ACK and dropped, its ACK field unread. A SYN is checked apart (duplicateSyn).
 */
function emptyAndOld(rcvNxt: SeqValue, segment: Segment, symbols: SymbolValues): boolean {
  if (segment.len > 0 || segment.flags.has('FIN') || segment.flags.has('SYN')) return false;
  return before(segment.seq, rcvNxt, symbols);
}

/** RFC 7323 §2.3: a window scale above 14 is taken as 14. */
const MAX_WINDOW_SHIFT = 14;

/**
 * MAX.SND.WND of RFC 5961 §5.2, the largest window the peer has advertised, taken as the
 * largest any window can be (65535 << 14, RFC 7323 §2.3): the receiver's TCB does not hold the
 * peer's windows, and the written `win=` may be scaled (see beyondWindow). So only an ACK older
 * than every window is dropped; a real stack drops no ACK this one keeps.
 */
const MAX_SEND_WINDOW = 65535 * 2 ** MAX_WINDOW_SHIFT;

/** Whether `ack` lies before SND.UNA - MAX.SND.WND (RFC 5961 §5.2), less than half the space. */
function tooOld(tcb: Tcb, ack: SeqValue, symbols: SymbolValues): boolean {
  const behind = tcb.sndUna && distance(ack, tcb.sndUna, symbols);
  return behind !== undefined && behind > MAX_SEND_WINDOW && behind < 2 ** 31;
}

/**
 * The ACK part: advance SND.UNA and leave the states that wait for our SYN or FIN to be acked.
 * False (and `tcb` unchanged) when the ACK is not acceptable.
 */
function receiveAck(tcb: Tcb, ack: SeqValue, segment: Segment, symbols: SymbolValues): boolean {
  const { sndUna, sndNxt } = tcb;
  if (!sndUna || !sndNxt) return false;
  if (!atOrBefore(ack, sndNxt, symbols)) return false; // acks something not yet sent
  if (before(sndUna, ack, symbols)) {
    tcb.sndUna = ack;
    tcb.sent = tcb.sent.acknowledge(ack, symbols);
  } else if (tcb.state === 'SYN_RECEIVED') {
    return false; // SYN_RECEIVED needs its SYN acknowledged
  }
  const finAcked = tcb.finSeq !== undefined && atOrBefore(plus(tcb.finSeq, 1), ack, symbols);
  switch (tcb.state) {
    case 'SYN_RECEIVED':
      move(tcb, 'ESTABLISHED', segment.span);
      break;
    case 'FIN_WAIT_1':
      if (finAcked) move(tcb, 'FIN_WAIT_2', segment.span);
      break;
    case 'CLOSING':
      if (finAcked) move(tcb, 'TIME_WAIT', segment.span);
      break;
    case 'LAST_ACK':
      if (finAcked) close(tcb, segment);
      break;
    default:
      break;
  }
  return true;
}

function move(tcb: Tcb, state: Tcb['state'], span: Tcb['stateSpan']): void {
  tcb.state = state;
  tcb.stateSpan = span;
  // RFC 9293 §3.10.7.4: entering TIME_WAIT starts the 2MSL timer.
  if (state === 'TIME_WAIT') tcb.timeWaited = 0;
}

/** Data and FIN: in order they advance RCV.NXT; ahead of a gap they wait in the queue. */
function receiveText(tcb: Tcb, segment: Segment, symbols: SymbolValues): SegmentOutcome {
  const fin = segment.flags.has('FIN');
  const length = segment.len + (fin ? 1 : 0);
  const rcvNxt = tcb.rcvNxt;
  if (length === 0 || !rcvNxt || tcb.state === 'CLOSED') return 'delivered';
  const gap = distance(rcvNxt, segment.seq, symbols);
  if (gap === undefined) return 'ignored';
  // §3.10.7.4: "If the RCV.WND is zero, no segments will be acceptable, but special allowance
  // should be made to accept valid ACKs": the ACK was taken above; the data is dropped, and
  // an acknowledgment is due.
  if (receiveWindow(tcb) === 0 && before(rcvNxt, segment.end, symbols)) return 'challenged';
  if (before(rcvNxt, segment.seq, symbols)) {
    const queued = { seq: segment.seq, length: segment.len, fin, cause: causeOf(segment) };
    tcb.queue = tcb.queue.hold(queued, symbols);
    return 'queued';
  }
  const end = segment.end; // SEG.SEQ + `length`
  if (atOrBefore(end, rcvNxt, symbols)) return 'duplicate';
  if (
    segment.len > 0 &&
    segment.ack &&
    (tcb.state === 'FIN_WAIT_1' || tcb.state === 'FIN_WAIT_2')
  ) {
    // RFC 9293 §3.6.1: after CLOSE a host that closes both ways SHOULD reset on new data
    // (SHLD-2); one that only closed its sending side reads it. Both may follow.
    tcb.lateData = { span: segment.span, from: segment.from, ack: segment.ack };
  }
  accept(tcb, end, fin, causeOf(segment));
  if (tcb.queue.size > 0) drain(tcb, symbols);
  return 'delivered';
}

function accept(tcb: Tcb, end: SeqValue, fin: boolean, cause: Tcb['rcvNxtCause']): void {
  const state = tcb.state;
  tcb.rcvNxt = end;
  if (cause) tcb.rcvNxtCause = cause;
  if (!fin) return;
  switch (state) {
    case 'SYN_RECEIVED':
    case 'ESTABLISHED':
      move(tcb, 'CLOSE_WAIT', cause?.span);
      break;
    case 'FIN_WAIT_1':
      move(tcb, 'CLOSING', cause?.span);
      break;
    case 'FIN_WAIT_2':
      move(tcb, 'TIME_WAIT', cause?.span);
      break;
    default:
      break;
  }
}

/** Moves queued segments that now continue RCV.NXT into the stream. */
function drain(tcb: Tcb, symbols: SymbolValues): void {
  tcb.queue = tcb.queue.drain(
    () => tcb.rcvNxt,
    symbols,
    (queued) => {
      const rcvNxt = tcb.rcvNxt as SeqValue; // the queue takes a segment only once RCV.NXT reaches it
      const end = plus(queued.seq, queued.length + (queued.fin ? 1 : 0));
      if (before(rcvNxt, end, symbols)) accept(tcb, end, queued.fin, queued.cause);
    },
  );
}
