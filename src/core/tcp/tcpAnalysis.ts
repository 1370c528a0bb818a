import { TCP_FLAG } from '../protocol/tcpFlags';

/**
 * Wireshark's TCP analysis flags (epan/dissectors/packet-tcp.c, tcp_analyze_sequence_number),
 * as bits. The rules live here only: the importer (capture/write) and the checker of imported
 * scenarios (analysis/capturedTraffic.ts) both run this analyzer, over the few numbers of a
 * segment it needs (AnalyzedSegment), with flags as the header's bits (TCP_FLAG).
 */
export const ANALYSIS = {
  RETRANSMISSION: 1 << 0,
  FAST_RETRANSMISSION: 1 << 1,
  SPURIOUS_RETRANSMISSION: 1 << 2,
  OUT_OF_ORDER: 1 << 3,
  LOST_SEGMENT: 1 << 4,
  ACK_LOST_SEGMENT: 1 << 5,
  DUPLICATE_ACK: 1 << 6,
  ZERO_WINDOW: 1 << 7,
  WINDOW_FULL: 1 << 8,
  KEEP_ALIVE: 1 << 9,
  REUSED_PORTS: 1 << 10,
  KEEP_ALIVE_ACK: 1 << 11,
  WINDOW_UPDATE: 1 << 12,
  ZERO_WINDOW_PROBE: 1 << 13,
  ZERO_WINDOW_PROBE_ACK: 1 << 14,
} as const;

export type AnalysisFlag = keyof typeof ANALYSIS;

/** Wireshark's names, as its Info column shows them, so that users can search for them. */
export const ANALYSIS_LABELS: Readonly<Record<AnalysisFlag, string>> = {
  RETRANSMISSION: 'TCP Retransmission',
  FAST_RETRANSMISSION: 'TCP Fast Retransmission',
  SPURIOUS_RETRANSMISSION: 'TCP Spurious Retransmission',
  OUT_OF_ORDER: 'TCP Out-Of-Order',
  LOST_SEGMENT: 'TCP Previous segment not captured',
  ACK_LOST_SEGMENT: 'TCP ACKed unseen segment',
  DUPLICATE_ACK: 'TCP Dup ACK',
  ZERO_WINDOW: 'TCP ZeroWindow',
  WINDOW_FULL: 'TCP Window Full',
  KEEP_ALIVE: 'TCP Keep-Alive',
  REUSED_PORTS: 'TCP Port numbers reused',
  KEEP_ALIVE_ACK: 'TCP Keep-Alive ACK',
  WINDOW_UPDATE: 'TCP Window Update',
  ZERO_WINDOW_PROBE: 'TCP ZeroWindowProbe',
  ZERO_WINDOW_PROBE_ACK: 'TCP ZeroWindowProbeAck',
};

/** The flags of `bits`, in the order of ANALYSIS. */
export function analysisFlags(bits: number): AnalysisFlag[] {
  const out: AnalysisFlag[] = [];
  if (bits === 0) return out; // most packets: the importer asks for every one
  for (const [name, bit] of ANALYSIS_ENTRIES) if (bits & bit) out.push(name);
  return out;
}

const ANALYSIS_ENTRIES = Object.entries(ANALYSIS) as [AnalysisFlag, number][];

/** What Wireshark keeps per direction (tcp_flow_t and its tcp_analyze_seq_info). */
class Flow {
  baseSet = false;
  base = 0;
  nextSeq = 0;
  nextSeqTime = 0;
  maxSeqToBeAcked = 0;
  lastAck = 0;
  lastAckTime = 0;
  dupAckCount = 0;
  lastNonDupAck = 0;
  /** The last window it advertised; -1 while none is known (tcpdump text without `win`). */
  window = -1;
  /** -1 unknown, -2 scaling not used, else the shift. */
  windowScale = -1;
  lastFlags = 0;
}

/** One segment as the analyzer needs it. `time` is in nanoseconds from any fixed origin. */
export interface AnalyzedSegment {
  /** 0 for the side that sent the conversation's first packet, 1 for the other. */
  readonly direction: 0 | 1;
  readonly frame: number;
  readonly time: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  /** -1 when unknown (tcpdump text without `win`): taken as the side's last window. */
  readonly win: number;
  readonly len: number;
  /** The window scale option of a SYN, or -1. */
  readonly wscale: number;
}

const SYN_FIN_RST = TCP_FLAG.SYN | TCP_FLAG.FIN | TCP_FLAG.RST;
/** Wireshark's out-of-order threshold before the handshake's RTT is known: 3 ms. */
const DEFAULT_OUT_OF_ORDER_NS = 3_000_000;
/** A retransmission within 20 ms of the second duplicate ACK is a fast one. */
const FAST_RETRANSMISSION_NS = 20_000_000;

/**
 * Wireshark's TCP sequence analysis of one conversation, fed segment by segment. Holds a few
 * numbers per direction, never the segments. Use `isReuse` first: a SYN with a new initial
 * sequence number starts a new conversation on the same ports.
 */
export class TcpAnalyzer {
  private readonly flows: [Flow, Flow] = [new Flow(), new Flow()];
  /** The initial RTT (SYN to the ACK of the SYN ACK), 0 while unknown. */
  private firstRtt = 0;
  private lastSynTime = -1;
  private sawSynAck = false;
  /** For duplicate ACKs: the number (#n) and the frame they repeat. */
  dupAckNumber = 0;
  dupAckFrame = 0;

  /** True when this segment is a SYN that starts a new connection on the same four-tuple. */
  isReuse(direction: 0 | 1, seq: number, flags: number): boolean {
    const flow = this.flows[direction];
    return (
      (flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === TCP_FLAG.SYN && flow.baseSet && seq !== flow.base
    );
  }

  /** Analyses the next segment and returns its ANALYSIS bits. */
  analyze(s: AnalyzedSegment): number {
    const fwd = this.flows[s.direction];
    const rev = this.flows[1 - s.direction] as Flow;
    const { seq, ack, flags, len, time } = s;
    this.windowScaling(s, fwd, rev);
    this.roundTrip(s);
    let bits = 0;

    if (!fwd.baseSet) {
      fwd.base = flags & TCP_FLAG.SYN ? seq : (seq - 1) >>> 0;
      fwd.baseSet = true;
    }
    if (!rev.baseSet && flags & TCP_FLAG.ACK) {
      rev.base = (ack - 1) >>> 0;
      rev.baseSet = true;
    }
    // A window the line does not give is unknown: nothing is said of windows (zero, update,
    // full, probe), and a repeated ACK compares only seq and ack.
    const window = s.win;
    const known = window >= 0;
    const plain = (flags & SYN_FIN_RST) === 0;

    checks: {
      // ZERO WINDOW PROBE: one byte at the next seq into a zero window.
      if (len === 1 && seq === fwd.nextSeq && rev.window === 0) {
        bits |= ANALYSIS.ZERO_WINDOW_PROBE;
        break checks;
      }
      if (window === 0 && plain) bits |= ANALYSIS.ZERO_WINDOW;
      // LOST PACKET: a gap before this segment (RSTs are not checked).
      if (fwd.nextSeq !== 0 && seqGt(seq, fwd.nextSeq) && (flags & TCP_FLAG.RST) === 0) {
        bits |= ANALYSIS.LOST_SEGMENT;
      }
      // KEEP ALIVE: 0 or 1 byte starting one before the next seq.
      if ((len === 0 || len === 1) && seq === (fwd.nextSeq - 1) >>> 0 && plain) {
        bits |= ANALYSIS.KEEP_ALIVE;
      }
      // WINDOW UPDATE: nothing but a new window.
      if (
        len === 0 &&
        known &&
        window !== 0 &&
        window !== fwd.window &&
        seq === fwd.nextSeq &&
        ack === fwd.lastAck &&
        plain
      ) {
        bits |= ANALYSIS.WINDOW_UPDATE;
      }
      // WINDOW FULL: data up to the edge of the window the peer offered.
      if (len > 0 && rev.windowScale !== -1 && rev.window >= 0 && plain) {
        const shift = rev.windowScale === -2 ? 0 : rev.windowScale;
        if ((seq + len) >>> 0 === (rev.lastAck + rev.window * 2 ** shift) >>> 0) {
          bits |= ANALYSIS.WINDOW_FULL;
        }
      }
      const sameWindow = known ? window !== 0 && window === fwd.window : fwd.window !== 0;
      const repeats = len === 0 && sameWindow && seq === fwd.nextSeq && plain;
      if (repeats && ack === fwd.lastAck && rev.lastFlags & ANALYSIS.KEEP_ALIVE) {
        bits |= ANALYSIS.KEEP_ALIVE_ACK;
        break checks;
      }
      if (
        len === 0 &&
        window === 0 &&
        window === fwd.window &&
        seq === fwd.nextSeq &&
        (ack === fwd.lastAck || ack === (fwd.lastAck + 1) >>> 0) &&
        rev.lastFlags & ANALYSIS.ZERO_WINDOW_PROBE &&
        plain
      ) {
        bits |= ANALYSIS.ZERO_WINDOW_PROBE_ACK;
        break checks;
      }
      // DUPLICATE ACK: same window, seq and ack, no data.
      if (repeats && ack === fwd.lastAck) {
        // -1 marks an ACKed unseen segment already reported (see below): count from 1 again.
        fwd.dupAckCount = fwd.dupAckCount === -1 ? 1 : fwd.dupAckCount + 1;
        bits |= ANALYSIS.DUPLICATE_ACK;
        this.dupAckNumber = fwd.dupAckCount;
        this.dupAckFrame = fwd.lastNonDupAck;
      }
    }

    if (ack !== fwd.lastAck) {
      fwd.lastNonDupAck = s.frame;
      fwd.dupAckCount = 0;
    }
    // ACKED LOST PACKET: acknowledges more than the peer was seen sending.
    // Reported once per gap: when the peer was seen sending more since the last report, the
    // boundary moves up to it; otherwise, while the peer sends only pure ACKs, the same missing
    // data is not reported again (dupAckCount -1 remembers it). This is what tshark 4.0 does
    // (checked against it on the fixtures).
    if (rev.maxSeqToBeAcked !== 0 && seqGt(ack, rev.maxSeqToBeAcked) && flags & TCP_FLAG.ACK) {
      if (seqGt(rev.nextSeq, rev.maxSeqToBeAcked)) {
        rev.maxSeqToBeAcked = rev.nextSeq;
        bits |= ANALYSIS.ACK_LOST_SEGMENT;
      } else {
        if (rev.dupAckCount === 0) bits |= ANALYSIS.ACK_LOST_SEGMENT;
        rev.dupAckCount = -1;
      }
    }

    bits |= this.retransmission(s, fwd, rev, bits);

    let nextSeq = (seq + len) >>> 0;
    if (flags & (TCP_FLAG.SYN | TCP_FLAG.FIN)) nextSeq = (nextSeq + 1) >>> 0;
    const probe = (bits & ANALYSIS.ZERO_WINDOW_PROBE) !== 0;
    if ((seqGt(nextSeq, fwd.nextSeq) || fwd.nextSeq === 0) && !probe) {
      fwd.nextSeq = nextSeq;
      fwd.nextSeqTime = time;
    }
    if ((seq === fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked === 0) && !probe) {
      fwd.maxSeqToBeAcked = fwd.nextSeq;
    }
    if (known) fwd.window = window;
    fwd.lastAck = ack;
    fwd.lastAckTime = time;
    fwd.lastFlags = bits;
    return bits;
  }

  /** Spurious retransmission, fast retransmission, out-of-order or retransmission. */
  private retransmission(s: AnalyzedSegment, fwd: Flow, rev: Flow, bits: number): number {
    const { seq, len, flags, time } = s;
    const synFin = flags & (TCP_FLAG.SYN | TCP_FLAG.FIN) ? 1 : 0;
    if (!(len > 0 || synFin)) return 0;
    if (bits & ANALYSIS.KEEP_ALIVE) return 0;
    let notAdvanced = fwd.nextSeq !== 0 && seqLt(seq, fwd.nextSeq);
    // New data starting one byte early (after a zero window probe) is not a retransmission.
    if (len > 1 && (fwd.nextSeq - 1) >>> 0 === seq) notAdvanced = false;
    // Data the peer had already acknowledged.
    if (len > 0 && rev.lastAck !== 0 && seqLe((seq + len) >>> 0, rev.lastAck)) {
      return ANALYSIS.SPURIOUS_RETRANSMISSION;
    }
    if (
      notAdvanced &&
      rev.dupAckCount >= 2 &&
      rev.lastAck === seq &&
      unsignedBelow(time - rev.lastAckTime, FAST_RETRANSMISSION_NS)
    ) {
      return ANALYSIS.FAST_RETRANSMISSION;
    }
    const threshold = this.firstRtt !== 0 ? this.firstRtt : DEFAULT_OUT_OF_ORDER_NS;
    if (
      notAdvanced &&
      unsignedBelow(time - fwd.nextSeqTime, threshold) &&
      fwd.nextSeq !== (seq + len + synFin) >>> 0
    ) {
      return ANALYSIS.OUT_OF_ORDER;
    }
    return notAdvanced ? ANALYSIS.RETRANSMISSION : 0;
  }

  /** RFC 7323 §2.2: scaling is on only when both SYNs carry the option. */
  private windowScaling(s: AnalyzedSegment, fwd: Flow, rev: Flow): void {
    if (!(s.flags & TCP_FLAG.SYN)) return;
    if (s.flags & TCP_FLAG.ACK) {
      if (s.wscale < 0 || rev.windowScale === -2) fwd.windowScale = rev.windowScale = -2;
      else fwd.windowScale = s.wscale;
    } else {
      fwd.windowScale = s.wscale < 0 ? -2 : s.wscale;
    }
  }

  /** Wireshark's iRTT: from the last SYN to the first ACK after the SYN ACK. */
  private roundTrip(s: AnalyzedSegment): void {
    // Zero means unknown, as in Wireshark; a clock going backwards can make it negative.
    if (this.firstRtt !== 0) return;
    const synAck = TCP_FLAG.SYN | TCP_FLAG.ACK;
    if ((s.flags & synAck) === TCP_FLAG.SYN) this.lastSynTime = s.time;
    else if ((s.flags & synAck) === synAck) this.sawSynAck = true;
    else if (s.flags & TCP_FLAG.ACK && this.sawSynAck && this.lastSynTime >= 0) {
      this.firstRtt = s.time - this.lastSynTime;
    }
  }
}

/**
 * `delta < limit` as Wireshark computes it: both are unsigned 64-bit nanoseconds there
 * (packet-tcp.c, the out-of-order and fast retransmission tests), so a negative time
 * difference (the capture's clock went backwards) is huge and never "recent", and a negative
 * limit (a first RTT measured across a backwards clock) is huge and everything is below it.
 */
function unsignedBelow(delta: number, limit: number): boolean {
  if (delta < 0) return limit < 0 && delta < limit;
  return limit < 0 || delta < limit;
}

function seqGt(a: number, b: number): boolean {
  const d = (a - b) | 0;
  return d > 0;
}

function seqLt(a: number, b: number): boolean {
  return seqGt(b, a);
}

function seqLe(a: number, b: number): boolean {
  return !seqGt(a, b);
}
