import type { Span } from '../syntax/span';
import type { TlsMessageStatement } from '../syntax/tlsTree';
import type { TlsMessageType } from './messageTypes';
import type { TlsVersion } from './suites';

/** A secret an endpoint comes to know at a step, and what it was made from. */
export interface Derivation {
  readonly endpoint: string;
  /** `master secret`, or `handshake keys` in TLS 1.3. */
  readonly secret: string;
  readonly inputs: readonly string[];
}

/** Where the handshake failed and who noticed, for the error note in the diagram. */
export interface TlsFailure {
  readonly endpoint: string;
  readonly text: string;
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
  /** Sent under the session keys (after ChangeCipherSpec in 1.2, after ServerHello in 1.3). */
  readonly encrypted: boolean;
  /** Handshakes are numbered in the order they start; undefined when none could start. */
  readonly session?: number;
  readonly version?: TlsVersion;
  readonly derivations: readonly Derivation[];
  readonly failure?: TlsFailure;
  /** True when the engine reported an error on this message. */
  readonly faulty: boolean;
  /** Every secret each of the two endpoints knows after the message, sorted. */
  readonly knowledge: readonly { readonly endpoint: string; readonly secrets: readonly string[] }[];
  /** Set when an attacker now holds the keys of a victim's session. */
  readonly compromised?: string;
}
