import { Conversation, type SegmentSpec } from './pcapWriter';

/**
 * One capture with a connection for each of Wireshark's TCP analysis flags, built by intent.
 * Stored as test/core/capture/fixtures/zoo.pcap with tshark's verdict beside it.
 */
export function captureZoo(): SegmentSpec[] {
  const all: SegmentSpec[] = [];
  let port = 40000;
  const conversation = (iss: [number, number] = [1000, 5000]): Conversation =>
    new Conversation(
      [
        { ip: '10.0.0.1', port: ++port },
        { ip: '10.0.0.2', port: 80 },
      ],
      iss,
      1_700_000_000 + port - 40000,
    );

  // Lost segment, three duplicate ACKs, fast retransmission.
  let c = conversation().handshake();
  const first = c.seqOf(0);
  c.emit(0, 'PA', 100, { lost: true });
  c.emit(0, 'PA', 100, { ack: c.seqOf(1) });
  c.emit(1, 'A', 0, { ack: first });
  c.emit(0, 'PA', 100);
  c.emit(1, 'A', 0, { ack: first });
  c.emit(0, 'PA', 100);
  c.emit(1, 'A', 0, { ack: first });
  c.emit(1, 'A', 0, { ack: first });
  c.emit(0, 'PA', 100, { seq: first, gap: 0.001 });
  c.emit(1, 'A', 0);
  all.push(...c.segments);

  // Retransmission after a timeout.
  c = conversation().handshake();
  const data = c.seqOf(0);
  c.emit(0, 'PA', 50);
  c.emit(0, 'PA', 50, { seq: data, gap: 0.3 });
  c.emit(1, 'A', 0);
  all.push(...c.segments);

  // Spurious retransmission: data resent after it was acknowledged.
  c = conversation().handshake();
  const once = c.seqOf(0);
  c.emit(0, 'PA', 40);
  c.emit(1, 'A', 0);
  c.emit(0, 'PA', 40, { seq: once, gap: 0.2 });
  all.push(...c.segments);

  // Out of order: the second segment is captured before the first.
  c = conversation();
  c.emit(0, 'S', 0, { gap: 0.01 });
  c.emit(1, 'SA', 0, { gap: 0.01 });
  c.emit(0, 'A', 0, { gap: 0.01 });
  const early = c.seqOf(0);
  c.emit(0, 'PA', 100, { lost: true });
  c.emit(0, 'PA', 100);
  c.emit(0, 'PA', 100, { seq: early, gap: 0.001 });
  c.emit(1, 'A', 0);
  all.push(...c.segments);

  // Zero window, a zero window probe, then a window update.
  c = conversation().handshake();
  c.emit(0, 'PA', 100);
  c.emit(1, 'A', 0, { win: 0 });
  c.emit(0, 'A', 1, { gap: 0.2 });
  c.emit(1, 'A', 0, { win: 0, ack: c.seqOf(0) - 1 });
  c.emit(1, 'A', 0, { win: 8192, ack: c.seqOf(0) - 1, gap: 0.1 });
  all.push(...c.segments);

  // Window full: no window scaling, a 1000-byte window filled exactly.
  c = conversation();
  c.emit(0, 'S', 0, { mss: 1460 });
  c.emit(1, 'SA', 0, { mss: 1460, win: 1000 });
  c.emit(0, 'A', 0);
  c.emit(0, 'PA', 1000);
  c.emit(1, 'A', 0, { win: 1000 });
  all.push(...c.segments);

  // Keep-alive and its ACK.
  c = conversation().handshake();
  c.emit(0, 'PA', 10);
  c.emit(1, 'A', 0);
  c.emit(0, 'A', 0, { seq: c.seqOf(0) - 1, gap: 60 });
  c.emit(1, 'A', 0);
  all.push(...c.segments);

  // Port numbers reused: a closed connection, then a new SYN with another ISS.
  c = conversation().handshake();
  c.emit(0, 'FA', 0);
  c.emit(1, 'FA', 0);
  c.emit(0, 'A', 0);
  all.push(...c.segments);
  const again = new Conversation([c.ends[0], c.ends[1]], [90000, 95000], c.time + 1);
  again.handshake();
  again.emit(0, 'PA', 5);
  again.emit(1, 'A', 0);
  all.push(...again.segments);

  // Data missed by the capture, acknowledged by the peer, and more data after the gap, twice.
  c = conversation().handshake();
  c.emit(0, 'PA', 89, { lost: true });
  c.emit(1, 'A', 0, { ack: c.seqOf(0) });
  c.emit(0, 'PA', 10);
  c.emit(1, 'A', 0, { ack: c.seqOf(0) });
  c.emit(0, 'PA', 10, { lost: true });
  c.emit(1, 'A', 0, { ack: c.seqOf(0) });
  c.emit(0, 'PA', 10);
  c.emit(1, 'A', 0, { ack: c.seqOf(0) });
  c.emit(1, 'PA', 30, { ack: c.seqOf(0) });
  all.push(...c.segments);

  // A capture that starts in the middle of a connection.
  c = conversation([777000, 888000]);
  c.emit(0, 'PA', 200);
  c.emit(1, 'A', 0);
  c.emit(1, 'PA', 300);
  c.emit(0, 'A', 0);
  all.push(...c.segments);

  return all.sort((a, b) => a.time - b.time);
}
