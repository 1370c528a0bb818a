import type { CertificateFacts } from './x509Certificate';
import { keyLogNoteText, type KeyLogNote } from './keyLogNote';
import { groupName } from '../../protocol/tlsGroups';
import { suiteName } from '../../protocol/tlsSuites';
import { versionName } from '../../protocol/tlsVersions';

/** A key share or a random, as the first bytes in hex (enough to tell them apart). */
export type Fingerprint = string;

export interface KeyShare {
  readonly group: number;
  readonly key: Fingerprint;
}

/**
 * What a capture shows of TLS in one direction of a connection, record by record (RFC 5246 §7.4,
 * RFC 8446 §4): the readable handshake messages with the facts the language can state, and the
 * records that are encrypted, by their content type only.
 */
export type TlsEvent =
  | {
      readonly kind: 'ClientHello';
      readonly random: Fingerprint;
      readonly sessionId: Fingerprint;
      readonly sni?: string;
      readonly alpn: readonly string[];
      /** supported_versions without GREASE, or the legacy version. */
      readonly versions: readonly number[];
      readonly suites: readonly number[];
      readonly keyShares: readonly KeyShare[];
    }
  | {
      readonly kind: 'ServerHello';
      readonly random: Fingerprint;
      readonly sessionId: Fingerprint;
      readonly version: number;
      readonly suite: number;
      readonly keyShare?: KeyShare;
      /** RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest. */
      readonly helloRetry: boolean;
      /** The group a HelloRetryRequest asks for. */
      readonly selectedGroup?: number;
      /** RFC 8446 §4.2.11: the server accepted a pre-shared key (resumption). */
      readonly preSharedKey: boolean;
    }
  | { readonly kind: 'Certificate'; readonly chain: readonly (CertificateFacts | undefined)[] }
  | { readonly kind: 'ServerKeyExchange'; readonly share?: KeyShare }
  | { readonly kind: 'ClientKeyExchange'; readonly exchange: Fingerprint }
  | {
      readonly kind:
        | 'CertificateRequest'
        | 'ServerHelloDone'
        | 'CertificateVerify'
        | 'NewSessionTicket'
        | 'ChangeCipherSpec'
        | 'EncryptedExtensions'
        | 'Finished';
    }
  | { readonly kind: 'OtherHandshake'; readonly type: number }
  | { readonly kind: 'Alert'; readonly level: number; readonly description: number }
  /** A record after ChangeCipherSpec (TLS 1.2), or any application data record (TLS 1.3). */
  | {
      readonly kind: 'Encrypted';
      readonly content: 'handshake' | 'alert' | 'data';
      readonly length: number;
    }
  /** A TLS 1.3 application data record that the key log decrypted: its content's length. */
  | { readonly kind: 'ApplicationData'; readonly length: number }
  /**
   * What the key log did for this connection: its first record decrypted, or why decryption
   * stopped (`partly` when records were decrypted before). Reported once each, for a comment.
   */
  | { readonly kind: 'KeyLog'; readonly note: KeyLogNote; readonly partly: boolean }
  /** The stream has a hole or stops being TLS: nothing more is read from it. */
  | { readonly kind: 'Lost'; readonly why: 'gap' | 'snapshot' | 'not-tls' | 'too-long' };

/** A one-line description, for comments: `ClientHello sni=example.org versions=TLS1.3`. */
export function tlsEventText(event: TlsEvent): string {
  switch (event.kind) {
    case 'ClientHello':
      return [
        'ClientHello',
        ...(event.sni !== undefined ? [`sni=${event.sni}`] : []),
        ...(event.alpn.length ? [`alpn=${event.alpn.join(',')}`] : []),
        `versions=${event.versions.map(versionName).join(',')}`,
      ].join(' ');
    case 'ServerHello':
      return event.helloRetry
        ? `HelloRetryRequest group=${groupName(event.selectedGroup ?? 0)}`
        : `ServerHello version=${versionName(event.version)} suite=${suiteName(event.suite)}`;
    case 'Certificate': {
      const [leaf] = event.chain;
      const more = event.chain.length > 1 ? ` (+${event.chain.length - 1} more)` : '';
      return `Certificate subject=${leaf ? `"${leaf.subject}"` : '?'}${more}`;
    }
    case 'ServerKeyExchange':
      return event.share ? `ServerKeyExchange group=${groupName(event.share.group)}` : event.kind;
    case 'OtherHandshake':
      return `handshake message type ${event.type}`;
    case 'Alert':
      return `Alert level=${event.level} description=${event.description}`;
    case 'Encrypted':
      return `encrypted ${event.content} record, ${event.length} bytes`;
    case 'ApplicationData':
      return `application data record, ${event.length} bytes decrypted`;
    case 'KeyLog':
      return keyLogNoteText(event.note, event.partly);
    case 'Lost':
      return LOST_TEXT[event.why];
    default:
      return event.kind;
  }
}

const LOST_TEXT: Readonly<Record<'gap' | 'snapshot' | 'not-tls' | 'too-long', string>> = {
  gap: 'the capture misses bytes of this stream: its TLS records are not followed further',
  snapshot: 'the snapshot length cut the payload: its TLS records are not followed further',
  'not-tls': 'the stream stops being TLS records: not followed further',
  'too-long': 'a handshake message longer than 64 KiB: not followed further',
};
