import type { Locale } from '../text/locale';
import { TCP_TEXT_TABLES } from './tcpText';
import type { SegmentStep } from './trace';
import { hasSentFin, isSynchronized, type TcpState } from '../protocol/tcpStates';

export type Phase = 'handshake' | 'data' | 'close' | 'reset';

/** Once either side has sent or received a FIN, the connection is closing. */
function closing(state: TcpState): boolean {
  return hasSentFin(state) || state === 'CLOSE_WAIT';
}

/**
 * The phase of the connection a segment belongs to, read off the trace: the SYNs and the ACK
 * that completes them are the handshake; a FIN, or anything sent once either side is closing,
 * is the close; a reset that resets a connection is a reset; the rest is data transfer.
 */
export function phaseOf(step: SegmentStep): Phase {
  const flags = new Set(step.flags);
  if (flags.has('RST')) {
    if (resets(step)) return 'reset';
    // A reset the receiver challenged or dropped changes nothing there (RFC 5961 §3.2): it
    // belongs to the phase the connection is in, like the challenge ACK that answers it.
    if (opening(step.sender.before.state) || opening(step.receiver.before.state)) {
      return 'handshake';
    }
  }
  // A SYN sent in a synchronized state opens nothing: the peer challenges it (RFC 5961 §4).
  if (flags.has('SYN') && !isSynchronized(step.sender.before.state)) return 'handshake';
  if (flags.has('FIN')) return 'close';
  const { sender, receiver } = step;
  if (closing(sender.before.state) || closing(receiver.before.state)) {
    return 'close';
  }
  const completesHandshake =
    step.len === 0 &&
    (receiver.before.state === 'SYN_RECEIVED' || sender.before.state === 'SYN_RECEIVED');
  return completesHandshake ? 'handshake' : 'data';
}

/**
 * Whether a RST resets a connection: its receiver's (the outcome says so), or, when it never
 * arrives, its sender's own: an abort (RFC 9293 §3.10.5) resets the sender as it leaves.
 */
function resets(step: SegmentStep): boolean {
  if (step.outcome === 'reset') return true;
  const arrives = step.outcome !== 'lost' && step.outcome !== 'inFlight';
  return !arrives && step.sender.before.state !== 'CLOSED' && step.sender.after.state === 'CLOSED';
}

function opening(state: TcpState): boolean {
  return state === 'SYN_SENT' || state === 'SYN_RECEIVED';
}

/** The name of each phase, by language. */
export const PHASE_TITLES: Readonly<Record<Locale, Readonly<Record<Phase, string>>>> = {
  en: TCP_TEXT_TABLES.en.phases,
  'zh-cn': TCP_TEXT_TABLES['zh-cn'].phases,
};
