import { TCP_FLAG } from './tcpFlags';

/** What one tcpdump TCP line says, numbers as printed (possibly relative). */
export interface TcpdumpLine {
  /** Seconds and nanoseconds of the timestamp; both 0 when the line has none. */
  readonly sec: number;
  readonly nsec: number;
  readonly precision: number;
  readonly src: string;
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
  readonly flags: number;
  /** Undefined when tcpdump left the field out (a pure ACK has no seq). */
  readonly seq?: number;
  readonly ack?: number;
  /** -1 when the line does not say (a study note's trace often leaves it out). */
  readonly win: number;
  readonly len: number;
  readonly mss: number;
  readonly wscale: number;
}

const TIMESTAMP =
  /^(?:(\d{4})-(\d{2})-(\d{2}) )?(?:(\d{1,2}):(\d{2}):(\d{2})|(\d+))(?:\.(\d{1,9}))?\s/;
// Addresses end at the last dot before the port; the port may be a service name.
const ADDRESSES =
  /(?:^|[\s(])([0-9A-Za-z:._%-]+)\.([0-9A-Za-z-]+) > ([0-9A-Za-z:._%-]+)\.([0-9A-Za-z-]+): (.*)$/s;
const CURRENT_FLAGS = /^Flags \[([^\]]*)\]/;
// tcpdump 3.x: `S 3626544836:3626544836(0) ack 1 win 5840 <mss 1460>`, `. ack 1 win 5840`.
// As notes copy it: the `(0)` or the `.` of a pure ACK left out (`S 3626544836:3626544836`,
// `ack 1739326487`).
const OLD_FLAGS = /^(?:([SFPRUWE]+|\.)(?= (?:\d+:\d+|ack|win))|(?=ack \d))/;
const OLD_RANGE = /^ (\d+):(\d+)(?:\((\d+)\))?/;

/** Well-known service names tcpdump prints without -n (services(5)). */
const SERVICES: Readonly<Record<string, number>> = {
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  http: 80,
  pop3: 110,
  imap: 143,
  https: 443,
  submission: 587,
  ldap: 389,
  imaps: 993,
  pop3s: 995,
  mysql: 3306,
  postgresql: 5432,
  'http-alt': 8080,
  webcache: 8080,
  'xmpp-client': 5222,
};

/**
 * Reads one tcpdump record (a line, with its -v continuation lines joined by a space).
 * Returns undefined for anything that is not TCP (UDP, ARP, ICMP, a summary line), and a
 * string naming the problem for a TCP line it cannot read.
 */
export function parseTcpdumpLine(text: string): TcpdumpLine | string | undefined {
  const time = TIMESTAMP.exec(text);
  const addresses = ADDRESSES.exec(time ? text.slice(time[0].length) : text);
  if (!addresses) return undefined;
  const rest = addresses[5] as string;
  const current = CURRENT_FLAGS.exec(rest);
  const old = current ? null : OLD_FLAGS.exec(rest);
  if (!current && !old) return undefined;
  const srcPort = port(addresses[2] as string);
  const dstPort = port(addresses[4] as string);
  if (srcPort === undefined || dstPort === undefined) return 'unknown port';
  let flags = letters((current ?? old)?.[1] ?? '');
  let seq: number | undefined;
  let ack: number | undefined;
  let len = -1;
  let seqEnd: number | undefined;
  let options: string;
  if (current) {
    const seqMatch = /, seq (\d+)(?::(\d+))?/.exec(rest);
    if (seqMatch) {
      seq = Number(seqMatch[1]);
      if (seqMatch[2] !== undefined) seqEnd = Number(seqMatch[2]);
    }
    const ackMatch = /, ack (\d+)/.exec(rest);
    if (ackMatch) ack = Number(ackMatch[1]);
    const lengthMatch = /, length (\d+)/.exec(rest);
    if (lengthMatch) len = Number(lengthMatch[1]);
    options = between(rest, ', options [', ']');
  } else {
    const after = rest.slice((old?.[0] ?? '').length);
    const range = OLD_RANGE.exec(after);
    if (range) {
      seq = Number(range[1]);
      seqEnd = Number(range[2]);
      if (range[3] !== undefined) len = Number(range[3]);
    }
    const ackMatch = /(?:^| )ack (\d+)/.exec(after);
    if (ackMatch) {
      ack = Number(ackMatch[1]);
      flags |= TCP_FLAG.ACK; // the old format had no letter for ACK: `ack N` meant it was set
    }
    options = between(after, '<', '>');
  }
  const win = Number(/,? win (\d+)/.exec(rest)?.[1] ?? -1);
  if (len < 0) len = seq !== undefined && seqEnd !== undefined ? (seqEnd - seq) >>> 0 : 0;
  if (!isUint32(seq) || !isUint32(ack) || len > 0x7fffffff) return 'a number is out of range';
  const { sec, nsec, precision } = timestamp(time);
  return {
    sec,
    nsec,
    precision,
    src: addresses[1] as string,
    srcPort,
    dst: addresses[3] as string,
    dstPort,
    flags,
    ...(seq !== undefined ? { seq } : {}),
    ...(ack !== undefined ? { ack } : {}),
    win,
    len,
    mss: Number(/mss (\d+)/.exec(options)?.[1] ?? -1),
    wscale: Math.min(Number(/wscale (\d+)/.exec(options)?.[1] ?? -1), 14),
  };
}

/**
 * The text between the first `open` and the `close` after it ('' without them): what the
 * regular expression /open([^close]*)close/ finds, in linear time on any line (that one is
 * quadratic on a run of `open`).
 */
function between(text: string, open: string, close: string): string {
  const start = text.indexOf(open);
  if (start < 0) return '';
  const end = text.indexOf(close, start + open.length);
  return end < 0 ? '' : text.slice(start + open.length, end);
}

function letters(text: string): number {
  let flags = 0;
  for (const c of text) {
    if (c === 'S') flags |= TCP_FLAG.SYN;
    else if (c === 'F') flags |= TCP_FLAG.FIN;
    else if (c === 'P') flags |= TCP_FLAG.PSH;
    else if (c === 'R') flags |= TCP_FLAG.RST;
    else if (c === 'U') flags |= TCP_FLAG.URG;
    else if (c === 'W') flags |= TCP_FLAG.CWR;
    else if (c === 'E') flags |= TCP_FLAG.ECE;
    else if (c === '.') flags |= TCP_FLAG.ACK;
  }
  return flags;
}

function port(text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value <= 65535 ? value : undefined;
  }
  return SERVICES[text];
}

function isUint32(value: number | undefined): boolean {
  return value === undefined || value <= 0xffffffff;
}

function timestamp(time: RegExpExecArray | null): { sec: number; nsec: number; precision: number } {
  if (!time) return { sec: 0, nsec: 0, precision: 0 };
  const fraction = time[8] ?? '';
  const nsec = Number(fraction.padEnd(9, '0') || 0);
  let sec: number;
  if (time[7] !== undefined) {
    sec = Number(time[7]); // -tt: seconds since the epoch
  } else {
    sec = Number(time[4]) * 3600 + Number(time[5]) * 60 + Number(time[6]);
    if (time[1] !== undefined) {
      sec += Date.UTC(Number(time[1]), Number(time[2]) - 1, Number(time[3])) / 1000;
    }
  }
  return { sec, nsec, precision: fraction.length };
}
