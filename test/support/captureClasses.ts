import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureReader } from '../../src/core/capture/read/captureReader';
import { addressText } from '../../src/core/capture/read/packet';
import { Conversation, type SegmentSpec } from './pcapWriter';

/**
 * Captures of the traffic classes that real networks produce and that a lock-step reading of a
 * capture gets wrong (issue 17): one small capture per class, built by intent. Stored as
 * test/core/capture/fixtures/class-NAME.pcap with tshark's verdict beside each
 * (`makeClasses.ts`, then `scripts/tshark-verdicts.mjs`). Frames are in array order: a class
 * whose point is the order of the capture writes its segments in that order.
 */
export const CAPTURE_CLASSES: Readonly<Record<string, () => SegmentSpec[]>> = {
  'clock-backwards': clockBackwards,
  'midstream-low-ack': midstreamLowAck,
  'synack-before-syn': synAckBeforeSyn,
  'fin-rst-crossing': finRstCrossing,
  'final-ack-lost': finalAckLost,
  'fin-unanswered': finUnanswered,
  'rst-ack-nonzero-seq': rstAckNonZeroSeq,
  'repeated-rsts': repeatedRsts,
  'tls13-hrr-reordered': tls13HrrReordered,
};

const conversation = (port: number, iss: [number, number] = [1000, 5000]): Conversation =>
  new Conversation(
    [
      { ip: '10.0.0.1', port },
      { ip: '10.0.0.2', port: 80 },
    ],
    iss,
    1_700_000_000,
  );

/** The capture's clock goes back: the data segments are captured again, 0.5 s earlier. */
function clockBackwards(): SegmentSpec[] {
  const c = conversation(41001).handshake();
  const first = c.seqOf(0);
  const sent = [c.emit(0, 'PA', 10, { gap: 1 }), c.emit(0, 'PA', 10)];
  // The same two segments once more, stamped before the ones already seen.
  c.segments.push(...sent.map((s) => ({ ...s, time: s.time - 0.5 })));
  c.emit(1, 'A', 0);
  c.emit(0, 'PA', 10, { seq: first });
  c.emit(1, 'A', 0);
  // A first round trip measured across the backwards clock is negative: Wireshark's unsigned
  // threshold is then huge, and a resend 5 s later is still called out of order.
  const d = conversation(41011);
  d.time = c.time + 10;
  d.emit(0, 'S', 0, { mss: 1460 });
  d.emit(1, 'SA', 0, { mss: 1460 });
  d.emit(0, 'A', 0, { time: d.time - 1 });
  const again = d.seqOf(0);
  d.emit(0, 'PA', 10);
  d.emit(0, 'PA', 10);
  d.emit(0, 'PA', 10, { seq: again, gap: 5 });
  d.emit(1, 'A', 0);
  return [...c.segments, ...d.segments];
}

/**
 * The capture starts in the middle of a transfer: the client's first captured segment is not
 * its oldest unacknowledged one, and the server's first ACK is below that segment's seq.
 */
function midstreamLowAck(): SegmentSpec[] {
  const c = conversation(41002, [1_000_000, 5_000_000]);
  c.emit(0, 'PA', 100, { lost: true });
  c.emit(0, 'PA', 100, { lost: true });
  const low = c.seqOf(0) - 100;
  c.emit(0, 'PA', 100);
  c.emit(1, 'A', 0, { ack: low });
  c.emit(1, 'A', 0);
  c.emit(1, 'PA', 50);
  c.emit(0, 'A', 0);
  return c.segments;
}

/** A SYN ACK captured before the SYN it answers (two capture points merged, say). */
function synAckBeforeSyn(): SegmentSpec[] {
  const c = conversation(41003).handshake();
  c.emit(0, 'PA', 20);
  c.emit(1, 'A', 0);
  const [syn, synAck, ...rest] = c.segments as [SegmentSpec, SegmentSpec, ...SegmentSpec[]];
  return [{ ...synAck, time: syn.time }, { ...syn, time: synAck.time }, ...rest];
}

/**
 * The client's FIN and the server's RST cross: each was sent before the other arrived. A
 * second connection follows, so that a FIN held back to the end would land far from its own.
 */
function finRstCrossing(): SegmentSpec[] {
  const c = conversation(41004).handshake();
  c.emit(0, 'PA', 100);
  c.emit(1, 'A', 0);
  c.emit(1, 'RA', 0);
  c.emit(0, 'FA', 0, { ack: c.seqOf(1) });
  const d = conversation(41005, [7000, 9000]);
  d.time = c.time + 0.001;
  d.handshake();
  d.emit(0, 'PA', 30);
  d.emit(1, 'A', 0);
  d.emit(0, 'FA', 0);
  d.emit(1, 'FA', 0);
  d.emit(0, 'A', 0);
  return [...c.segments, ...d.segments];
}

/**
 * A connection whose last packet is a FIN nobody acknowledges in the capture, while another
 * connection goes on: the FIN belongs with its own connection, not at the end of the file.
 */
function finUnanswered(): SegmentSpec[] {
  const c = conversation(41010).handshake();
  c.emit(0, 'PA', 10);
  c.emit(1, 'A', 0);
  c.emit(0, 'FA', 0);
  const d = conversation(41012, [7000, 9000]);
  d.time = c.time + 0.001;
  d.handshake();
  d.emit(0, 'PA', 30);
  d.emit(1, 'A', 0);
  return [...c.segments, ...d.segments];
}

/**
 * Captured at the client: its last ACK is lost after the capture point, so the server sends
 * its FIN again and the client acknowledges it again.
 */
function finalAckLost(): SegmentSpec[] {
  const c = conversation(41006).handshake();
  c.emit(0, 'PA', 40);
  c.emit(1, 'A', 0);
  c.emit(0, 'FA', 0);
  const fin = c.emit(1, 'FA', 0);
  c.emit(0, 'A', 0);
  c.emit(1, 'FA', 0, { seq: fin.seq, gap: 0.2 });
  c.emit(0, 'A', 0);
  return c.segments;
}

/**
 * A SYN to a closed port answered by a RST ACK whose seq is not zero (a middlebox's reset):
 * the SYN-SENT receiver checks only the ACK field (RFC 9293 §3.10.7.3).
 */
function rstAckNonZeroSeq(): SegmentSpec[] {
  const c = conversation(41007);
  c.emit(0, 'S', 0, { mss: 1460 });
  c.emit(1, 'RA', 0, { seq: 123_456, win: 0 });
  return c.segments;
}

/**
 * The server resets the connection while the client still has data in flight: each segment
 * that arrives after the reset is answered by another RST (RFC 9293 §3.10.7.1), and the client
 * goes on sending what it had queued before the first reset reached it.
 */
function repeatedRsts(): SegmentSpec[] {
  const c = conversation(41008).handshake();
  c.emit(0, 'PA', 100);
  c.emit(1, 'A', 0);
  const reset = c.seqOf(1);
  const inFlight = [c.emit(0, 'PA', 100), c.emit(0, 'PA', 100), c.emit(0, 'PA', 100)];
  c.segments.splice(c.segments.length - 3, 3);
  c.emit(1, 'R', 0, { seq: reset });
  for (const s of inFlight) {
    c.segments.push({ ...s, time: (c.time += 0.0001) });
    c.emit(1, 'R', 0, { seq: reset });
  }
  // Captured at the client: two segments leave before the server's RST ACK (which does not
  // acknowledge them) arrives; each reaches the CLOSED server and gets a RST of its own.
  const d = conversation(41009);
  d.time = c.time + 0.001;
  d.handshake();
  const acked = d.seqOf(0);
  d.emit(0, 'PA', 100);
  d.emit(0, 'PA', 100);
  d.emit(1, 'RA', 0, { ack: acked });
  d.emit(1, 'R', 0);
  d.emit(1, 'R', 0);
  return [...c.segments, ...d.segments];
}

/**
 * tls13-hrr.pcap (our own loopback capture of a TLS 1.3 HelloRetryRequest) with the server's
 * second flight (ServerHello and the encrypted handshake, one segment there) cut in two and
 * captured in the wrong order: the ServerHello's start arrives after the rest.
 */
function tls13HrrReordered(): SegmentSpec[] {
  const specs: SegmentSpec[] = [];
  const reader = new CaptureReader((p) => {
    specs.push({
      time: p.sec + p.nsec / 1e9,
      src: addressText(p.srcWords, p.family),
      dst: addressText(p.dstWords, p.family),
      sport: p.srcPort,
      dport: p.dstPort,
      seq: p.seq,
      ack: p.ack,
      flags: flagLetters(p.flags),
      win: p.win,
      payload: Uint8Array.from(p.bytes.subarray(p.payloadStart, p.payloadEnd)),
      ...(p.mss >= 0 ? { mss: p.mss } : {}),
      ...(p.wscale >= 0 ? { wscale: p.wscale } : {}),
    });
  });
  reader.push(readFileSync(join(__dirname, '../core/capture/fixtures/tls13-hrr.pcap')));
  reader.end();
  // The server's second flight: its first segment after the client's second ClientHello.
  const at = specs.findIndex((s, i) => i > 6 && s.sport === specs[1]?.sport && s.payload?.length);
  const flight = specs[at] as SegmentSpec;
  const payload = flight.payload as Uint8Array;
  const cut = 50;
  const head = { ...flight, payload: payload.subarray(0, cut), time: flight.time + 0.000002 };
  const tail = { ...flight, seq: flight.seq + cut, payload: payload.subarray(cut) };
  return [...specs.slice(0, at), tail, head, ...specs.slice(at + 1)];
}

function flagLetters(bits: number): string {
  return [...'FSRPAUEC'].filter((_, i) => bits & (1 << i)).join('');
}
