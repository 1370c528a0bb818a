import type { Fingerprint, KeyShare, TlsEvent } from './tlsEvents';
import { isGrease } from '../../protocol/tlsCodePoint';
import { TLS_HANDSHAKE_TYPE as HANDSHAKE } from '../../protocol/tlsMessageTypes';
import { readCertificate } from './x509Certificate';

const EXTENSION = {
  SERVER_NAME: 0,
  ALPN: 16,
  PRE_SHARED_KEY: 41,
  SUPPORTED_VERSIONS: 43,
  KEY_SHARE: 51,
} as const;

/** RFC 8446 §4.1.3: SHA-256 of "HelloRetryRequest", the random of every HelloRetryRequest. */
const HELLO_RETRY_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

/** How many bytes of a random or key a fingerprint keeps: 4 bytes tell them apart. */
const FINGERPRINT_BYTES = 4;
/**
 * Where a random's fingerprint starts: past the first four bytes, which older implementations
 * fill with the time (RFC 5246 §7.4.1.2), and well before the last eight, where a TLS 1.3
 * server downgrading to 1.2 writes the same sentinel every time (RFC 8446 §4.1.3).
 */
const RANDOM_FINGERPRINT_AT = 4;

/**
 * One handshake message as an event, or undefined for a message too short for its fields. Reads
 * only inside `body`; never throws.
 */
export function handshakeEvent(type: number, body: Uint8Array): TlsEvent | undefined {
  try {
    switch (type) {
      case HANDSHAKE.ClientHello:
        return clientHello(new Reader(body));
      case HANDSHAKE.ServerHello:
        return serverHello(new Reader(body));
      case HANDSHAKE.Certificate:
        return certificate(new Reader(body));
      case HANDSHAKE.ServerKeyExchange:
        return serverKeyExchange(new Reader(body));
      case HANDSHAKE.ClientKeyExchange:
        return { kind: 'ClientKeyExchange', exchange: clientExchange(new Reader(body)) };
      case HANDSHAKE.CertificateRequest:
        return { kind: 'CertificateRequest' };
      case HANDSHAKE.ServerHelloDone:
        return { kind: 'ServerHelloDone' };
      case HANDSHAKE.CertificateVerify:
        return { kind: 'CertificateVerify' };
      case HANDSHAKE.NewSessionTicket:
        return { kind: 'NewSessionTicket' };
      case HANDSHAKE.EncryptedExtensions:
        return { kind: 'EncryptedExtensions' };
      case HANDSHAKE.Finished:
        return { kind: 'Finished' };
      default:
        return { kind: 'OtherHandshake', type };
    }
  } catch {
    // A RangeError from a malformed message: the reader below never reads past `body`.
    return undefined;
  }
}

function clientHello(r: Reader): TlsEvent {
  const legacy = r.u16();
  const random = randomFingerprint(r.bytes(32));
  const sessionId = hex(r.bytes(r.u8()));
  const suites: number[] = [];
  const suiteList = new Reader(r.bytes(r.u16()));
  while (suiteList.left >= 2) suites.push(suiteList.u16());
  r.bytes(r.u8()); // compression methods
  let sni: string | undefined;
  let versions: number[] = [];
  const alpn: string[] = [];
  const keyShares: KeyShare[] = [];
  for (const [type, data] of extensions(r)) {
    if (type === EXTENSION.SERVER_NAME) {
      data.u16();
      while (data.left >= 3) {
        const nameType = data.u8();
        const name = data.bytes(data.u16());
        if (nameType === 0) sni = printable(name);
      }
    } else if (type === EXTENSION.SUPPORTED_VERSIONS) {
      const list = new Reader(data.bytes(data.u8()));
      while (list.left >= 2) versions.push(list.u16());
    } else if (type === EXTENSION.ALPN) {
      const list = new Reader(data.bytes(data.u16()));
      while (list.left >= 1) alpn.push(printable(list.bytes(list.u8())));
    } else if (type === EXTENSION.KEY_SHARE) {
      const list = new Reader(data.bytes(data.u16()));
      while (list.left >= 4) keyShares.push(keyShare(list));
    }
  }
  versions = versions.filter((v) => !isGrease(v));
  return {
    kind: 'ClientHello',
    random,
    sessionId,
    ...(sni !== undefined ? { sni } : {}),
    alpn,
    versions: versions.length > 0 ? versions : [legacy],
    suites: suites.filter((s) => !isGrease(s)),
    keyShares: keyShares.filter((s) => !isGrease(s.group)),
  };
}

function serverHello(r: Reader): TlsEvent {
  let version = r.u16();
  const randomBytes = r.bytes(32);
  const sessionId = hex(r.bytes(r.u8()));
  const suite = r.u16();
  r.u8(); // compression method
  const helloRetry = hex(randomBytes) === HELLO_RETRY_RANDOM;
  let share: KeyShare | undefined;
  let selectedGroup: number | undefined;
  let preSharedKey = false;
  for (const [type, data] of extensions(r)) {
    if (type === EXTENSION.SUPPORTED_VERSIONS && data.left >= 2) version = data.u16();
    else if (type === EXTENSION.PRE_SHARED_KEY) preSharedKey = true;
    else if (type === EXTENSION.KEY_SHARE) {
      // RFC 8446 §4.2.8: a HelloRetryRequest names only the group; a ServerHello has a share.
      if (helloRetry && data.left >= 2) selectedGroup = data.u16();
      else if (data.left >= 4) share = keyShare(data);
    }
  }
  return {
    kind: 'ServerHello',
    random: randomFingerprint(randomBytes),
    sessionId,
    version,
    suite,
    ...(share ? { keyShare: share } : {}),
    helloRetry,
    ...(selectedGroup !== undefined ? { selectedGroup } : {}),
    preSharedKey,
  };
}

/** TLS 1.2 (RFC 5246 §7.4.2) and TLS 1.3 (RFC 8446 §4.4.2, with a context and extensions). */
function certificate(r: Reader): TlsEvent {
  // TLS 1.3 starts with a one-byte context; TLS 1.2 with the three-byte list length.
  const tls13 = r.left >= 4 && r.peekU24() !== r.left - 3;
  if (tls13) r.bytes(r.u8());
  const list = new Reader(r.bytes(r.u24()));
  const chain = [];
  while (list.left >= 3) {
    chain.push(readCertificate(list.bytes(list.u24())));
    if (tls13 && list.left >= 2) list.bytes(list.u16());
  }
  return { kind: 'Certificate', chain };
}

/** RFC 8422 §5.4: ECParameters (named_curve = 3, then the group) and the public point. */
function serverKeyExchange(r: Reader): TlsEvent {
  if (r.u8() !== 3) return { kind: 'ServerKeyExchange' };
  const group = r.u16();
  return { kind: 'ServerKeyExchange', share: { group, key: fingerprint(r.bytes(r.u8())) } };
}

/** The encrypted premaster secret (RSA) or the public point (ECDHE), as a fingerprint. */
function clientExchange(r: Reader): Fingerprint {
  return fingerprint(r.bytes(r.left));
}

function keyShare(r: Reader): KeyShare {
  const group = r.u16();
  return { group, key: fingerprint(r.bytes(r.u16())) };
}

function* extensions(r: Reader): Generator<[number, Reader]> {
  if (r.left < 2) return;
  const all = new Reader(r.bytes(r.u16()));
  while (all.left >= 4) {
    const type = all.u16();
    yield [type, new Reader(all.bytes(all.u16()))];
  }
}

function randomFingerprint(random: Uint8Array): Fingerprint {
  return hex(random.subarray(RANDOM_FINGERPRINT_AT, RANDOM_FINGERPRINT_AT + FINGERPRINT_BYTES));
}

/** The last bytes of a key: an uncompressed EC point starts with the same 0x04 every time. */
function fingerprint(bytes: Uint8Array): Fingerprint {
  return hex(bytes.subarray(Math.max(0, bytes.length - FINGERPRINT_BYTES)));
}

function hex(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += b.toString(16).padStart(2, '0');
  return text;
}

function printable(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes)
    text += b >= 0x21 && b <= 0x7e && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : '?';
  return text;
}

/** A bounds-checked reader over one message: reading past the end throws a RangeError. */
class Reader {
  constructor(
    private readonly data: Uint8Array,
    private at = 0,
  ) {}
  get left(): number {
    return this.data.length - this.at;
  }
  u8(): number {
    this.need(1);
    return this.data[this.at++] as number;
  }
  u16(): number {
    return (this.u8() << 8) | this.u8();
  }
  u24(): number {
    return (this.u8() << 16) | this.u16();
  }
  peekU24(): number {
    this.need(3);
    const d = this.data;
    return (
      ((d[this.at] as number) << 16) |
      ((d[this.at + 1] as number) << 8) |
      (d[this.at + 2] as number)
    );
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
