import type { TlsEvent } from '../read/tlsEvents';
import type { DirectionDecryption } from '../read/tlsDecryption';
import { handshakeEvent } from '../read/tlsMessages';
import { TLS_CONTENT_TYPE as CONTENT } from '../../protocol/tlsMessageTypes';
import { versionOfCode } from '../../protocol/tlsVersions';

/** The most bytes kept per direction: an unfinished record, or segments after a hole. */
const MAX_BUFFER = 64 * 1024;

const RECORD_HEADER = 5;

/**
 * Follows one direction of a TCP connection's byte stream from its first payload byte and
 * reports the TLS records in it (RFC 8446 §5, RFC 5246 §6.2): the handshake messages while they
 * are readable, then each encrypted record by its content type and length. Segments after a
 * hole wait (copied, up to MAX_BUFFER bytes) until a retransmission fills it; retransmitted bytes
 * count once. Stops, and frees its buffers, at the first non-TLS byte, at a hole that is never
 * filled, or when the snapshot length cut a payload. Once encrypted it keeps no record bodies,
 * unless a key log decrypts them (`keys`): TLS 1.3 records are then gathered whole, opened, and
 * read as the clear ones are, their handshake messages reassembled across records.
 */
export class TlsStream {
  private stopped = false;
  private nextSeq = -1;
  /** Bytes of an unfinished record (a whole record while readable, a header once encrypted). */
  private pending: Uint8Array = new Uint8Array(0);
  /** Handshake message bytes gathered across records. */
  private handshake: Uint8Array = new Uint8Array(0);
  /** Once encrypted, the bytes of the current record still to skip. */
  private skip = 0;
  private encrypted = false;
  /**
   * TLS 1.2: ChangeCipherSpec switches to encryption. TLS 1.3 sends it only for middleboxes
   * (RFC 8446 §D.4) and a ClientHello may follow it in the clear, after a HelloRetryRequest.
   */
  ccsEncrypts = true;
  /** True once a record was read: a stream that never was TLS stops without a word. */
  private seen = false;
  /** Segments beyond a hole, by sequence number. */
  private readonly early = new Map<number, Uint8Array>();
  private earlyBytes = 0;
  /** A protected record being gathered to be opened: its header, and its body so far. */
  private gathering: { header: Uint8Array; body: Uint8Array; filled: number } | undefined;

  constructor(
    /** The key log decryption of this sender's records, if any. */
    private readonly keys?: DirectionDecryption,
  ) {}

  /** True while this direction may still show TLS. */
  get active(): boolean {
    return !this.stopped;
  }

  /** Feeds a segment's captured payload; returns the records it completed. */
  push(seq: number, payload: Uint8Array, wireLength: number): TlsEvent[] {
    if (this.stopped || wireLength === 0) return [];
    if (payload.length < wireLength) return this.stop('snapshot');
    if (this.nextSeq < 0) this.nextSeq = seq;
    const offset = (seq - this.nextSeq) | 0;
    if (offset > 0) return this.hold(seq, payload);
    if (offset + wireLength <= 0) return []; // a retransmission of bytes already read
    const found = this.feed(payload.subarray(-offset));
    this.nextSeq = (seq + wireLength) >>> 0;
    return this.drainEarly(found);
  }

  private hold(seq: number, payload: Uint8Array): TlsEvent[] {
    if (this.early.has(seq)) return [];
    this.earlyBytes += payload.length;
    if (this.earlyBytes > MAX_BUFFER) return this.stop('gap');
    this.early.set(seq, payload.slice());
    return [];
  }

  /** Feeds the held segments that now follow on. */
  private drainEarly(found: TlsEvent[]): TlsEvent[] {
    while (!this.stopped && this.early.size > 0) {
      let progressed = false;
      for (const [seq, bytes] of this.early) {
        const offset = (seq - this.nextSeq) | 0;
        if (offset > 0) continue;
        this.early.delete(seq);
        this.earlyBytes -= bytes.length;
        if (offset + bytes.length > 0) {
          found.push(...this.feed(bytes.subarray(-offset)));
          this.nextSeq = (seq + bytes.length) >>> 0;
        }
        progressed = true;
      }
      if (!progressed) break;
    }
    return found;
  }

  private stop(why: 'gap' | 'snapshot' | 'not-tls' | 'too-long', found: TlsEvent[] = []) {
    if (!this.stopped && this.seen) found.push({ kind: 'Lost', why });
    this.stopped = true;
    this.pending = this.handshake = new Uint8Array(0);
    this.gathering = undefined;
    this.early.clear();
    return found;
  }

  private feed(bytes: Uint8Array): TlsEvent[] {
    const found: TlsEvent[] = [];
    let at = 0;
    while (at < bytes.length && !this.stopped) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, bytes.length - at);
        this.skip -= n;
        at += n;
        continue;
      }
      if (this.gathering) {
        at = this.gather(bytes, at, found);
        continue;
      }
      if (this.encrypted) {
        // Only the five header bytes are kept; the body is skipped as it streams past.
        const need = RECORD_HEADER - this.pending.length;
        const take = bytes.subarray(at, at + need);
        at += take.length;
        this.pending = join(this.pending, take);
        if (this.pending.length < RECORD_HEADER) break;
        const header = this.pending;
        this.pending = new Uint8Array(0);
        if (!isRecordHeader(header)) return this.stop('not-tls', found);
        const length = u16(header, 3);
        this.seen = true;
        // RFC 8446 §5.2: every protected record says application_data outwardly.
        if (header[0] === CONTENT.ApplicationData && length > 0 && this.keys?.wants(found)) {
          this.gathering = { header: header.slice(), body: new Uint8Array(length), filled: 0 };
          continue;
        }
        this.skip = length;
        found.push(encryptedRecord(header[0] as number, length));
        continue;
      }
      // Readable records are gathered whole, then read.
      this.pending = join(this.pending, bytes.subarray(at));
      at = bytes.length;
      if (this.pending.length > MAX_BUFFER) return this.stop('too-long', found);
      this.readRecords(found);
    }
    return found;
  }

  /** Gathers a protected record's body from `bytes` at `at` (copied); opens it once whole. */
  private gather(bytes: Uint8Array, at: number, found: TlsEvent[]): number {
    const record = this.gathering as NonNullable<TlsStream['gathering']>;
    const take = bytes.subarray(at, at + record.body.length - record.filled);
    record.body.set(take, record.filled);
    record.filled += take.length;
    if (record.filled === record.body.length) {
      this.gathering = undefined;
      this.opened(record.header, record.body, found);
    }
    return at + take.length;
  }

  /** A protected record opened with the key log, read as its real content type says. */
  private opened(header: Uint8Array, body: Uint8Array, found: TlsEvent[]): void {
    const record = this.keys?.open(header, body, found);
    if (!record) {
      found.push(encryptedRecord(header[0] as number, body.length));
      return;
    }
    const content = record.content;
    if (record.type === CONTENT.Handshake) {
      this.handshakeMessages(content, found);
      if (this.handshake.length > MAX_BUFFER) this.stop('too-long', found);
    } else if (record.type === CONTENT.Alert) {
      found.push({ kind: 'Alert', level: content[0] ?? 0, description: content[1] ?? 0 });
    } else {
      found.push({ kind: 'ApplicationData', length: content.length });
    }
  }

  private readRecords(found: TlsEvent[]): void {
    const data = this.pending;
    let at = 0;
    while (data.length - at >= RECORD_HEADER && !this.encrypted) {
      const header = data.subarray(at, at + RECORD_HEADER);
      if (!isRecordHeader(header)) {
        this.stop('not-tls', found);
        return;
      }
      const type = header[0] as number;
      const length = u16(header, 3);
      this.seen = true;
      if (data.length - at - RECORD_HEADER < length) break;
      if (type === CONTENT.ApplicationData) {
        // Application data before a ChangeCipherSpec: TLS 1.3, where only the hellos are clear.
        // It is walked (and opened, with a key log) as the encrypted records after it are.
        this.encrypted = true;
        break;
      }
      const body = data.subarray(at + RECORD_HEADER, at + RECORD_HEADER + length);
      at += RECORD_HEADER + length;
      if (type === CONTENT.ChangeCipherSpec) {
        // RFC 5246 §7.1: everything the sender writes after it is protected.
        found.push({ kind: 'ChangeCipherSpec' });
        if (this.ccsEncrypts) this.encrypted = true;
      } else if (type === CONTENT.Alert) {
        found.push({ kind: 'Alert', level: body[0] ?? 0, description: body[1] ?? 0 });
      } else {
        this.handshakeMessages(body, found);
      }
    }
    const rest = data.subarray(at);
    this.pending = new Uint8Array(0);
    // What follows the switch to encryption is walked record by record from here.
    if (this.encrypted) found.push(...this.feed(rest.slice()));
    else this.pending = rest.slice();
  }

  private handshakeMessages(record: Uint8Array, found: TlsEvent[]): void {
    const data = join(this.handshake, record);
    let at = 0;
    while (data.length - at >= 4) {
      const type = data[at] as number;
      const length = ((data[at + 1] as number) << 16) | u16(data, at + 2);
      if (data.length - at - 4 < length) break;
      const body = data.subarray(at + 4, at + 4 + length);
      const event = handshakeEvent(type, body);
      this.keys?.sawHandshake(type, body, event);
      if (event?.kind === 'ServerHello' && versionOfCode(event.version) === '1.3')
        this.ccsEncrypts = false;
      if (event) found.push(event);
      at += 4 + length;
    }
    this.handshake = data.slice(at);
  }
}

function encryptedRecord(type: number, length: number): TlsEvent {
  const content =
    type === CONTENT.Handshake ? 'handshake' : type === CONTENT.Alert ? 'alert' : 'data';
  return { kind: 'Encrypted', content, length };
}

/** A record header: a known content type, major version 3, at most 2^14 + 2048 bytes. */
function isRecordHeader(header: Uint8Array): boolean {
  const type = header[0] as number;
  return (
    type >= CONTENT.ChangeCipherSpec &&
    type <= CONTENT.ApplicationData &&
    header[1] === 3 &&
    u16(header, 3) <= 18432
  );
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function u16(data: Uint8Array, at: number): number {
  return ((data[at] as number) << 8) | (data[at + 1] as number);
}
