import type { Text } from '../text/words';
import type { Span } from '../text/span';
import type { TlsMessageStatement } from '../syntax/tlsTree';
import type { TlsMessageType } from '../protocol/tlsMessageTypes';
import type { Acceptance } from './pki';
import type { TlsVersion } from '../protocol/tlsVersions';

/** A secret an endpoint comes to know at a step, and what it was made from. */
export interface Derivation {
  readonly endpoint: string;
  /** `master secret`, or `handshake keys` in TLS 1.3. */
  readonly secret: Text;
  readonly inputs: readonly string[];
}

/** Where the handshake failed and who noticed, for the error note in the diagram. */
export interface TlsFailure {
  readonly endpoint: string;
  readonly text: Text;
}

/**
 * The keys a record travels under: TLS 1.2's session keys (from the master secret, after the
 * sender's ChangeCipherSpec), or TLS 1.3's handshake traffic keys (after ServerHello, up to and
 * including the sender's Finished) and application traffic keys (after it), RFC 8446 §7.1.
 */
export type TrafficKeys = 'session' | 'handshake' | 'application';

/** A certificate the receiving client accepted, and on what grounds. */
export interface CertificateCheck {
  /** The endpoint that checked it (the client of the handshake). */
  readonly endpoint: string;
  readonly cert: string;
  readonly verdict: Acceptance;
}

/** One TLS message as the engine saw it. */
export interface TlsStep {
  readonly kind: 'tls';
  readonly statement: TlsMessageStatement;
  readonly span: Span;
  readonly from: string;
  readonly to: string;
  readonly message: TlsMessageType;
  /** `name=value` parts as they travel (for a forwarded message, the copied ones). */
  readonly details: readonly string[];
  readonly forwarded: boolean;
  /** Sent encrypted (after ChangeCipherSpec in 1.2, after ServerHello in 1.3). */
  readonly encrypted: boolean;
  /** Which keys, when `encrypted`. */
  readonly keys?: TrafficKeys;
  /** Handshakes are numbered in the order they start; undefined when none could start. */
  readonly session?: number;
  readonly version?: TlsVersion;
  /** The sender's part in its handshake. */
  readonly role?: 'client' | 'server';
  /**
   * The attacker at one end of the handshake: the client's leg and the server's leg of a man in
   * the middle share it.
   */
  readonly mitm?: string;
  readonly derivations: readonly Derivation[];
  readonly failure?: TlsFailure;
  /** A server certificate the client accepted here (a rejection is a `failure`). */
  readonly certificateCheck?: CertificateCheck;
  /** True when the engine reported an error on this message. */
  readonly faulty: boolean;
  /** Every secret each of the two endpoints knows after the message, sorted. */
  readonly knowledge: readonly { readonly endpoint: string; readonly secrets: readonly string[] }[];
  /** Set when an attacker now holds the keys of a victim's session. */
  readonly compromised?: string;
}
