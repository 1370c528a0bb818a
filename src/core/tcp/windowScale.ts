import { TCP_FLAG } from '../protocol/tcpFlags';
import type { SegmentStatement } from '../syntax/tree';
import type { Segment, Tcb } from './tcb';

/**
 * Window scaling (RFC 7323 §2): each side announces a shift in the Window Scale option of its
 * SYN; once both SYNs carried one, every later window field a side sends is its receive window
 * shifted right by its own shift, and is read shifted left again. The window of a SYN or SYN ACK
 * is never scaled (§2.2).
 *
 * The engine knows a SYN's option as a number: the shift (0 to 14), or one of the values below.
 * The shift a side applies to its own windows follows from its SYN's option and its peer's
 * (windowShift); when a SYN was not seen (an imported capture that starts after the handshake)
 * the shift is unknown, and a window is taken as the largest the field can mean.
 */

/** The SYN carried no Window Scale option. */
export const NO_WSCALE = -1;
/** The SYN is not in the capture (the importer assumed it): its options are unknown. */
export const UNSEEN_WSCALE = -2;
/** The SYN carried the option, with a shift this side cannot know (see advertise). */
export const SOME_WSCALE = -3;

/** RFC 7323 §2.3: a shift above 14 is taken as 14. */
export const MAX_WSCALE = 14;

/** The shift of a side whose windows may mean any shift (windowShift). */
export const UNKNOWN_SHIFT = -1;

/** The largest window without scaling (RFC 9293 §3.1: a 16-bit field). */
const MAX_UNSCALED = 65535;

/**
 * The Window Scale option a segment carries, as the engine knows it: `wscale=` written on the
 * line, else the capture annotation's, else UNSEEN_WSCALE on a line the importer assumed, else
 * none. NO_WSCALE unless the segment is a SYN: on any other the option is ignored (RFC 7323
 * §2.2; HS306 says so).
 */
export function wscaleOf(statement: SegmentStatement): number {
  if (!(statement.flagBits & TCP_FLAG.SYN)) return NO_WSCALE;
  const written = statement.wscaleValue;
  if (written >= 0) return Math.min(written, MAX_WSCALE);
  if (statement.captureWscale >= 0) return statement.captureWscale;
  return statement.captureAssumed ? UNSEEN_WSCALE : NO_WSCALE;
}

/**
 * The shift a side applies to the windows it advertises (its Rcv.Wind.Shift, RFC 7323 §2.2),
 * from its SYN's option and its peer's: 0 while either SYN is still to come or carried none
 * (windows are then not scaled), its own shift when both carried one, UNKNOWN_SHIFT when a SYN
 * was not seen.
 */
export function windowShift(tcb: Readonly<Tcb>): number {
  const own = tcb.synWscale;
  const peer = tcb.peerWscale;
  if (own === undefined || peer === undefined || own === NO_WSCALE || peer === NO_WSCALE) {
    return 0;
  }
  if (own < 0 || peer === UNSEEN_WSCALE) return UNKNOWN_SHIFT;
  return own;
}

/**
 * What sending `segment` tells about its sender's window: a SYN records the option it carries
 * (only while opening: a SYN in a synchronized state changes nothing, RFC 5961 §4), and a
 * written `win=` becomes the window (in bytes) the sender tests arriving segments against.
 */
export function advertise(tcb: Tcb, segment: Segment, win: number): void {
  const syn = segment.flags.has('SYN');
  if (syn && (tcb.state === 'SYN_SENT' || tcb.state === 'SYN_RECEIVED')) {
    tcb.synWscale = segment.wscale;
    // RFC 7323 §2.2: a SYN ACK carries the option only if the SYN it answers did, so a peer
    // whose SYN was not seen had one (of a shift that only matters to the peer).
    if (segment.wscale >= 0 && segment.flags.has('ACK') && tcb.peerWscale === UNSEEN_WSCALE) {
      tcb.peerWscale = SOME_WSCALE;
    }
  }
  if (win >= 0) tcb.rcvWnd = syn ? win : largestWindow(win, windowShift(tcb));
}

/**
 * The largest receive window a window field can mean at a shift: exact when the shift is
 * known, else as if shifted by 14, the most it can be (RFC 7323 §2.3). A zero window is zero
 * at any shift.
 */
export function largestWindow(win: number, shift: number): number {
  return win * (FACTORS[shift === UNKNOWN_SHIFT ? MAX_WSCALE : shift] as number);
}

/** 2^shift for each shift: a lookup, where `2 ** shift` is a call on every segment. */
const FACTORS: readonly number[] = Array.from({ length: MAX_WSCALE + 1 }, (_, shift) => 2 ** shift);

/**
 * RCV.WND, the window a receiver tests segments against (RFC 9293 §3.10.7.4): the last one it
 * advertised, in bytes; when the scenario never wrote one, the largest it can have, 65535 at
 * its shift.
 */
export function receiveWindow(tcb: Readonly<Tcb>): number {
  return tcb.rcvWnd ?? largestWindow(MAX_UNSCALED, windowShift(tcb));
}

/**
 * The shift this side applies to the windows its peer advertises (its Snd.Wind.Shift, RFC 7323
 * §2.2): the peer's own shift once both SYNs carried the option, 0 while either carried none,
 * UNKNOWN_SHIFT when a SYN was not seen or its shift cannot be known.
 */
export function sendWindowShift(tcb: Readonly<Tcb>): number {
  const own = tcb.synWscale;
  const peer = tcb.peerWscale;
  if (own === undefined || peer === undefined || own === NO_WSCALE || peer === NO_WSCALE) {
    return 0;
  }
  if (own < 0 || peer < 0) return UNKNOWN_SHIFT;
  return peer;
}

/**
 * What an accepted segment tells its receiver about the peer's window: SND.WND <- SEG.WND
 * (RFC 9293 §3.10.7.3 for the SYN ACK, §3.10.7.4 for the segments after it), shifted left by the
 * peer's scale except on a SYN, whose window is never scaled (RFC 7323 §2.2, §2.3). `win` is the
 * line's `win=`, negative when not written: SND.WND then stays as it was.
 *
 * Simplified: SND.WL1 and SND.WL2, which keep an old reordered segment from moving the window
 * back, are not kept; the caller passes only segments accepted in order or queued ahead of a
 * gap, so a duplicate never moves it.
 */
export function learnSendWindow(tcb: Tcb, segment: Segment, win: number): void {
  if (win < 0) return;
  tcb.sndWnd = segment.flags.has('SYN') ? win : largestWindow(win, sendWindowShift(tcb));
}
