import { certificateSubject } from './x509Subject';
import { suiteName, versionName } from './tlsNames';

/** The most stream bytes kept per direction while looking for handshake messages. */
const MAX_BUFFER = 64 * 1024;

const CONTENT_CHANGE_CIPHER_SPEC = 20;
const CONTENT_ALERT = 21;
const CONTENT_HANDSHAKE = 22;
const CONTENT_APPLICATION_DATA = 23;
const HANDSHAKE_CLIENT_HELLO = 1;
const HANDSHAKE_SERVER_HELLO = 2;
const HANDSHAKE_CERTIFICATE = 11;
const EXTENSION_SERVER_NAME = 0;
const EXTENSION_SUPPORTED_VERSIONS = 43;
const EXTENSION_ALPN = 16;

/**
 * Follows one direction of a TCP connection's byte stream from its first payload byte and
 * reports the TLS records it recognises (RFC 8446 §5, RFC 5246 §6.2): ClientHello with SNI,
 * ServerHello with version and cipher suite, Certificate subject, ChangeCipherSpec, the first
 * application data. Stops, and frees its buffer, at the first non-TLS byte, once the stream is
 * encrypted, or after MAX_BUFFER bytes.
 */
export class TlsStream {
  private buffer: Uint8Array | undefined = new Uint8Array(0);
  private nextSeq = -1;
  /** Handshake message bytes gathered across records. */
  private handshake: Uint8Array = new Uint8Array(0);
  private encrypted = false;

  /** True while this direction may still show TLS. */
  get active(): boolean {
    return this.buffer !== undefined;
  }

  /** Feeds a segment's captured payload; returns what it completed (e.g. "ClientHello sni=x"). */
  push(seq: number, payload: Uint8Array, wireLength: number): string[] {
    if (!this.buffer || wireLength === 0) return [];
    if (this.nextSeq < 0) this.nextSeq = seq;
    if (seq !== this.nextSeq) return []; // a retransmission or a gap: only in-order bytes count
    if (payload.length < wireLength) {
      this.buffer = undefined; // the snapshot length cut the payload: the stream has a hole
      return [];
    }
    this.nextSeq = (seq + wireLength) >>> 0;
    const joined = new Uint8Array(this.buffer.length + payload.length);
    joined.set(this.buffer);
    joined.set(payload, this.buffer.length);
    if (joined.length > MAX_BUFFER) {
      this.buffer = undefined;
      return [];
    }
    return this.records(joined);
  }

  private records(data: Uint8Array): string[] {
    const found: string[] = [];
    let at = 0;
    while (data.length - at >= 5) {
      const type = data[at] as number;
      const major = data[at + 1] as number;
      if (type < CONTENT_CHANGE_CIPHER_SPEC || type > CONTENT_APPLICATION_DATA || major !== 3) {
        this.buffer = undefined;
        return found;
      }
      const length = u16(data, at + 3);
      if (data.length - at - 5 < length) break;
      const body = data.subarray(at + 5, at + 5 + length);
      at += 5 + length;
      if (type === CONTENT_CHANGE_CIPHER_SPEC) {
        found.push('ChangeCipherSpec');
        this.encrypted = true;
      } else if (type === CONTENT_ALERT) {
        found.push(
          this.encrypted
            ? 'Alert (encrypted)'
            : `Alert level=${body[0] ?? 0} description=${body[1] ?? 0}`,
        );
      } else if (type === CONTENT_HANDSHAKE && !this.encrypted) {
        found.push(...this.handshakeMessages(body));
      } else if (type === CONTENT_APPLICATION_DATA) {
        // From here on everything is encrypted: nothing more to learn.
        found.push('ApplicationData (encrypted from here on)');
        this.buffer = undefined;
        return found;
      }
    }
    if (this.buffer) this.buffer = data.slice(at);
    return found;
  }

  private handshakeMessages(record: Uint8Array): string[] {
    const data = new Uint8Array(this.handshake.length + record.length);
    data.set(this.handshake);
    data.set(record, this.handshake.length);
    const found: string[] = [];
    let at = 0;
    while (data.length - at >= 4) {
      const type = data[at] as number;
      const length = ((data[at + 1] as number) << 16) | u16(data, at + 2);
      if (data.length - at - 4 < length) break;
      const body = data.subarray(at + 4, at + 4 + length);
      at += 4 + length;
      const text = describe(type, body);
      if (text) found.push(text);
    }
    this.handshake = data.slice(at);
    return found;
  }
}

function describe(type: number, body: Uint8Array): string | undefined {
  try {
    if (type === HANDSHAKE_CLIENT_HELLO) return clientHello(body);
    if (type === HANDSHAKE_SERVER_HELLO) return serverHello(body);
    if (type === HANDSHAKE_CERTIFICATE) return certificate(body);
  } catch {
    // A RangeError from a malformed message: the reader below never reads past `body`.
  }
  return undefined;
}

/** A bounds-checked reader over one message. */
class Reader {
  constructor(
    private readonly data: Uint8Array,
    public at = 0,
  ) {}
  get left(): number {
    return this.data.length - this.at;
  }
  u8(): number {
    this.need(1);
    return this.data[this.at++] as number;
  }
  u16(): number {
    this.need(2);
    const value = u16(this.data, this.at);
    this.at += 2;
    return value;
  }
  u24(): number {
    return (this.u8() << 16) | this.u16();
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.data.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  private need(n: number): void {
    if (this.left < n) throw new RangeError('short TLS message');
  }
}

function clientHello(body: Uint8Array): string {
  const r = new Reader(body);
  const legacy = r.u16();
  r.bytes(32);
  r.bytes(r.u8());
  r.bytes(r.u16());
  r.bytes(r.u8());
  const parts = ['ClientHello'];
  let versions: number[] = [];
  if (r.left >= 2) {
    const extensions = new Reader(r.bytes(r.u16()));
    while (extensions.left >= 4) {
      const type = extensions.u16();
      const data = new Reader(extensions.bytes(extensions.u16()));
      if (type === EXTENSION_SERVER_NAME) {
        data.u16();
        while (data.left >= 3) {
          const nameType = data.u8();
          const name = data.bytes(data.u16());
          if (nameType === 0) parts.push(`sni=${printable(name)}`);
        }
      } else if (type === EXTENSION_SUPPORTED_VERSIONS) {
        const list = new Reader(data.bytes(data.u8()));
        while (list.left >= 2) versions.push(list.u16());
      } else if (type === EXTENSION_ALPN) {
        const list = new Reader(data.bytes(data.u16()));
        const names: string[] = [];
        while (list.left >= 1) names.push(printable(list.bytes(list.u8())));
        parts.push(`alpn=${names.join(',')}`);
      }
    }
  }
  versions = versions.filter((v) => (v & 0x0f0f) !== 0x0a0a); // GREASE (RFC 8701)
  parts.push(`versions=${(versions.length > 0 ? versions : [legacy]).map(versionName).join(',')}`);
  return parts.join(' ');
}

function serverHello(body: Uint8Array): string {
  const r = new Reader(body);
  let version = r.u16();
  r.bytes(32);
  r.bytes(r.u8());
  const suite = r.u16();
  r.u8();
  if (r.left >= 2) {
    const extensions = new Reader(r.bytes(r.u16()));
    while (extensions.left >= 4) {
      const type = extensions.u16();
      const data = new Reader(extensions.bytes(extensions.u16()));
      if (type === EXTENSION_SUPPORTED_VERSIONS && data.left >= 2) version = data.u16();
    }
  }
  return `ServerHello version=${versionName(version)} suite=${suiteName(suite)}`;
}

function certificate(body: Uint8Array): string {
  const r = new Reader(body);
  const list = new Reader(r.bytes(r.u24()));
  const subjects: string[] = [];
  while (list.left >= 3) {
    const subject = certificateSubject(list.bytes(list.u24()));
    subjects.push(subject ? `"${subject}"` : '?');
  }
  return `Certificate subject=${subjects[0] ?? '?'}${subjects.length > 1 ? ` (+${subjects.length - 1} more)` : ''}`;
}

function printable(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes)
    text += b >= 0x21 && b <= 0x7e && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : '?';
  return text;
}

function u16(data: Uint8Array, at: number): number {
  return ((data[at] as number) << 8) | (data[at + 1] as number);
}
