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
 * is the close; a reset is a reset; the rest is data transfer.
 */
export function phaseOf(step: SegmentStep): Phase {
  const flags = new Set(step.flags);
  if (flags.has('RST')) return 'reset';
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

/** The name of each phase, by language. */
export const PHASE_TITLES: Readonly<Record<Locale, Readonly<Record<Phase, string>>>> = {
  en: TCP_TEXT_TABLES.en.phases,
  'zh-cn': TCP_TEXT_TABLES['zh-cn'].phases,
};
