import { TCP_FLAG } from '../../protocol/tcpFlags';
import type { TcpPacket } from '../read/packet';
import { ANALYSIS_LABELS, analysisFlags } from '../../tcp/tcpAnalysis';

/** Marks the lines that stand for packets the capture does not hold (the parser reads it). */
export { ASSUMED_MARK as ASSUMED } from '../../syntax/captureAnnotation';

/** The longest payload label written after a segment. */
const MAX_LABEL = 40;

/**
 * The capture annotation after each imported segment: `# frame N t=SECONDS`, a SYN's options,
 * and Wireshark's analysis in brackets. The grammar is syntax/captureAnnotation.ts's, which
 * the parser reads it with: the two must agree (a test imports captures and reads them back).
 */
export function segmentComment(
  packet: TcpPacket,
  seconds: string,
  bits: number,
  dupAck?: string,
): string {
  let comment = `# frame ${packet.frame} t=${seconds}`;
  if (packet.flags & TCP_FLAG.SYN) {
    if (packet.mss >= 0) comment += ` mss=${packet.mss}`;
    if (packet.wscale >= 0) comment += ` wscale=${packet.wscale}`;
  }
  for (const flag of analysisFlags(bits)) {
    comment +=
      flag === 'DUPLICATE_ACK' && dupAck
        ? ` [TCP Dup ACK ${dupAck}]`
        : ` [${ANALYSIS_LABELS[flag]}]`;
  }
  return comment;
}

/** The seq/ack/win/len fields and the payload label of a segment line. */
export function segmentFields(packet: TcpPacket): string {
  let fields = `seq=${packet.seq}`;
  if (packet.flags & TCP_FLAG.ACK) fields += ` ack=${packet.ack}`;
  if (packet.win >= 0) fields += ` win=${packet.win}`;
  if (packet.len > 0) fields += ` len=${packet.len}`;
  const label = payloadLabel(packet);
  if (label) fields += ` "${label}"`;
  return fields;
}

/** The start of a text payload (an HTTP request line, say) as a label; binary gets none. */
export function payloadLabel(packet: TcpPacket): string {
  const bytes = packet.bytes;
  const end = Math.min(packet.payloadEnd, packet.payloadStart + MAX_LABEL);
  let label = '';
  for (let i = packet.payloadStart; i < end; i++) {
    const b = bytes[i] as number;
    if (b === 13 || b === 10) break;
    if (b < 0x20 || b > 0x7e) return '';
    label += b === 0x22 || b === 0x5c ? `\\${String.fromCharCode(b)}` : String.fromCharCode(b);
  }
  return label.length >= 3 ? label : '';
}

const TENS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const ZEROS = '000000000';

/** `0.000454` from a time in nanoseconds, with as many digits as the capture had. */
export function secondsText(nanoseconds: number, precision: number): string {
  const digits = Math.max(0, Math.min(precision, 9));
  const whole = Math.floor(nanoseconds / 1e9);
  const fraction = Math.round(nanoseconds - whole * 1e9);
  if (digits === 0) return String(whole);
  // The first `digits` of the nine, cut rather than rounded (a fraction rounded up to a whole
  // second keeps its ten digits' first ones, as the text always gave it).
  if (fraction >= 1e9) return `${whole}.${String(fraction).slice(0, digits)}`;
  const shown = String(Math.floor(fraction / TENS[9 - digits]!));
  return `${whole}.${shown.length < digits ? ZEROS.slice(shown.length - digits) + shown : shown}`;
}
