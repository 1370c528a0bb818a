import type { Text } from '../../text/words';
import { CAPTURE_MESSAGES as M } from './captureMessages';
import { decodeIp } from './decodeFrame';
import { TCP_FLAG } from '../../protocol/tcpFlags';
import { TcpPacket, type CaptureProblem, type PacketSink } from './packet';
import { parseTcpdumpLine, type TcpdumpLine } from '../../protocol/tcpdumpLine';
import { parseAddressWords } from './addressWords';
import { visibleText } from '../../text/visibleText';

/** A long line is cut here: tcpdump lines are short, and a huge one is not tcpdump output. */
const MAX_LINE = 64 * 1024;
const HEX_LINE = /^\s+0x[0-9a-fA-F]+:\s((?:\s[0-9a-fA-F]{2,4}){1,8})/;
const MAX_HEX_BYTES = 65_536 + 60;

/**
 * tcpdump prints numbers relative to the first ACK-carrying packet of each conversation
 * unless run with -S (print-tcp.c). Per conversation: the bases, and whether the numbers turned
 * out to be relative.
 */
interface Conversation {
  recorded: boolean;
  /** Base of the direction whose source sorts first, and of the other one. */
  base: [number, number];
  mode: 'unknown' | 'relative' | 'absolute';
  /** Next absolute seq per direction, to fill in the seq tcpdump leaves out of pure ACKs. */
  next: [number, number];
  known: [boolean, boolean];
}

/**
 * Reads tcpdump's text output (current and 3.x formats, -v continuation lines, -x/-X hex
 * dumps, any timestamp option, -S or relative numbers) pushed in pieces, and hands each TCP
 * packet to `sink` with absolute numbers. Never throws.
 */
export class TcpdumpTextReader {
  readonly problems: CaptureProblem[] = [];
  frames = 0;
  tcpLines = 0;
  stopped = false;
  private partial = '';
  private lineNumber = 0;
  private record = '';
  private recordLine = 0;
  private hex: number[] = [];
  private readonly conversations = new Map<string, Conversation>();
  private readonly packet = new TcpPacket();
  private readonly scratch = new TcpPacket();

  constructor(private readonly sink: PacketSink) {}

  push(text: string): void {
    let start = 0;
    const joined = this.partial.length > 0 ? this.partial + text : text;
    for (;;) {
      const newline = joined.indexOf('\n', start);
      if (newline < 0) break;
      this.line(joined.slice(start, newline));
      start = newline + 1;
    }
    this.partial = joined.slice(start, start + MAX_LINE);
  }

  end(): void {
    if (this.partial.length > 0) this.line(this.partial);
    this.partial = '';
    this.flush();
    if (this.tcpLines === 0 && this.problems.length === 0) {
      this.problems.push({ offset: -1, line: 0, message: M.textNothing(), fatal: true });
    }
    this.stopped = true;
  }

  private line(raw: string): void {
    this.lineNumber++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    if (/^\s/.test(text)) {
      const hex = HEX_LINE.exec(text);
      if (hex) this.addHex(hex[1] as string);
      else if (this.record) this.record += ' ' + text.trim();
      return;
    }
    this.flush();
    this.record = text;
    this.recordLine = this.lineNumber;
  }

  private addHex(groups: string): void {
    for (const group of groups.trim().split(' ')) {
      if (this.hex.length >= MAX_HEX_BYTES) return;
      for (let i = 0; i + 1 < group.length; i += 2)
        this.hex.push(parseInt(group.slice(i, i + 2), 16));
    }
  }

  private flush(): void {
    if (!this.record) return;
    const record = this.record;
    const hex = this.hex;
    this.record = '';
    this.hex = [];
    this.frames++;
    const parsed = parseTcpdumpLine(record);
    if (parsed === undefined) return;
    if (typeof parsed === 'string') {
      this.problem(M.textUnreadable({ text: `${parsed}: ${visibleText(record.slice(0, 120))}` }));
      return;
    }
    const packet = this.packet;
    if (!this.fill(packet, parsed)) {
      this.problem(M.textUnreadable({ text: visibleText(record.slice(0, 120)) }));
      return;
    }
    this.tcpLines++;
    this.attachPayload(packet, hex);
    this.sink(packet);
  }

  private fill(packet: TcpPacket, line: TcpdumpLine): boolean {
    const src = parseAddressWords(line.src, packet.srcWords);
    const dst = parseAddressWords(line.dst, packet.dstWords);
    if (src.family !== dst.family) return false;
    packet.family = src.family;
    packet.srcName = src.name;
    packet.dstName = dst.name;
    packet.frame = this.frames;
    packet.sec = line.sec;
    packet.nsec = line.nsec;
    packet.precision = line.precision;
    packet.srcPort = line.srcPort;
    packet.dstPort = line.dstPort;
    packet.flags = line.flags;
    packet.win = line.win;
    packet.len = line.len;
    packet.mss = line.mss;
    packet.wscale = line.wscale;
    packet.bytes = EMPTY;
    packet.payloadStart = packet.payloadEnd = 0;
    this.absolute(packet, line, `${line.src}.${line.srcPort}`, `${line.dst}.${line.dstPort}`);
    return true;
  }

  /** Turns the printed numbers back into absolute ones, the way print-tcp.c made them. */
  private absolute(packet: TcpPacket, line: TcpdumpLine, from: string, to: string): void {
    const forward = from < to;
    const key = forward ? `${from} ${to}` : `${to} ${from}`;
    const dir: 0 | 1 = forward ? 0 : 1;
    const other: 0 | 1 = forward ? 1 : 0;
    let conversation = this.conversations.get(key);
    if (!conversation) {
      conversation = {
        recorded: false,
        base: [0, 0],
        mode: 'unknown',
        next: [0, 0],
        known: [false, false],
      };
      this.conversations.set(key, conversation);
    }
    let seq = line.seq;
    let ack = line.ack ?? 0;
    const hasAck = (line.flags & TCP_FLAG.ACK) !== 0;
    if (hasAck && (!conversation.recorded || (line.flags & TCP_FLAG.SYN) !== 0)) {
      const recordedSeq = seq ?? (conversation.known[dir] ? conversation.next[dir] : 0);
      conversation.recorded = true;
      conversation.base[dir] = recordedSeq;
      conversation.base[other] = (ack - 1) >>> 0;
      seq = recordedSeq;
    } else if (hasAck) {
      if (conversation.mode === 'unknown')
        conversation.mode = guessMode(conversation, dir, other, seq, ack);
      if (conversation.mode === 'relative') {
        if (seq !== undefined) seq = (seq + conversation.base[dir]) >>> 0;
        ack = (ack + conversation.base[other]) >>> 0;
      }
    }
    if (seq === undefined)
      seq = conversation.known[dir] ? conversation.next[dir] : conversation.base[dir];
    packet.seq = seq;
    packet.ack = ack;
    const consumed =
      line.len +
      ((line.flags & TCP_FLAG.SYN) !== 0 ? 1 : 0) +
      ((line.flags & TCP_FLAG.FIN) !== 0 ? 1 : 0);
    const end = (seq + consumed) >>> 0;
    if (!conversation.known[dir] || serialAfter(end, conversation.next[dir]))
      conversation.next[dir] = end;
    conversation.known[dir] = true;
  }

  /** The hex dump of -x/-X starts at the IP header; -XX (with the link header) is not used. */
  private attachPayload(packet: TcpPacket, hex: number[]): void {
    if (hex.length === 0) return;
    const bytes = Uint8Array.from(hex);
    const scratch = this.scratch;
    if (!decodeIp(bytes, 0, bytes.length, scratch)) return;
    if (scratch.srcPort !== packet.srcPort || scratch.dstPort !== packet.dstPort) return;
    packet.bytes = bytes;
    packet.payloadStart = scratch.payloadStart;
    packet.payloadEnd = scratch.payloadEnd;
  }

  private problem(message: Text): void {
    if (this.problems.length < 100) {
      this.problems.push({ offset: -1, line: this.recordLine, message, fatal: false });
    }
  }
}

const EMPTY = new Uint8Array(0);

/**
 * Decides, at the first packet after the one tcpdump recorded its bases from, whether the
 * numbers are relative (small, counted from the bases) or absolute (-S): whichever reading lands
 * nearer the recorded base.
 */
function guessMode(
  conversation: Conversation,
  dir: 0 | 1,
  other: 0 | 1,
  seq: number | undefined,
  ack: number,
): 'relative' | 'absolute' {
  const [value, base] =
    seq !== undefined ? [seq, conversation.base[dir]] : [ack, conversation.base[other]];
  const asRelative = distance(value, 0);
  const asAbsolute = distance(value, base);
  return asRelative <= asAbsolute ? 'relative' : 'absolute';
}

function distance(a: number, b: number): number {
  const d = (a - b) >>> 0;
  return Math.min(d, 2 ** 32 - d);
}

function serialAfter(a: number, b: number): boolean {
  const d = (a - b) >>> 0;
  return d !== 0 && d < 0x80000000;
}
