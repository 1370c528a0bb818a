import type { Text } from '../text/words';
import type { Span } from '../text/span';
import type { TlsMessageStatement } from '../syntax/tlsTree';
import type { PlanFacts } from './handshakePlan';
import { privateOf, type Knowledge } from './knowledge';
import type { TlsMessageType } from '../protocol/tlsMessageTypes';
import type { CertInfo } from './pki';
import type { KeyExchange } from '../protocol/tlsSuites';
import type { TlsVersion } from '../protocol/tlsVersions';
import { TLS_TEXT } from './tlsText';
import type { TrafficKeys } from './tlsTrace';

/** A message's content as it travels: what a forward copies and the transcript records. */
export interface Content {
  readonly message: TlsMessageType;
  readonly fields: ReadonlyMap<string, string>;
  readonly argument?: string;
  readonly payload?: string;
  /** Finished: the secret and transcript its MAC was computed with (set when it is sent). */
  finished?: {
    readonly author: string;
    readonly master?: string;
    readonly transcript: readonly TranscriptEntry[];
  };
  /** ServerHello: its version or suite was reported outside an offer (a relay is not again). */
  versionReported?: boolean;
  suiteReported?: boolean;
  /** ServerKeyExchange / CertificateVerify: whether the signature verifies, and why not. */
  signature?: { readonly valid: boolean; readonly signer: string; readonly key?: string };
}

/** One field of a transcript entry. */
export interface TranscriptField {
  readonly name: string;
  readonly value: string;
}

/**
 * A handshake message as the transcript records it: what Finished is computed over (RFC 5246
 * §7.4.9, RFC 8446 §4.4.4). Two entries are the same message when `type`, `fields` and `mac`
 * agree; `sender` and `session` say where this copy travelled, which a relay changes.
 */
export interface TranscriptEntry {
  readonly type: TlsMessageType;
  readonly sender: string;
  readonly session: number;
  /** Sorted by name, so that the order they were written in does not matter. */
  readonly fields: readonly TranscriptField[];
  /** Finished: the secret its MAC was made with (none when its author had none) and how many
   * transcript entries it covers. */
  readonly mac?: { readonly master?: string; readonly covers: number };
}

/** The transcript entry of a message as `sender` sends it in `session`. */
export function transcriptEntryOf(
  content: Content,
  sender: string,
  session: number,
): TranscriptEntry {
  const fields = [...content.fields]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value }));
  const finished = content.finished;
  return {
    type: content.message,
    sender,
    session,
    fields,
    ...(finished
      ? {
          mac: {
            ...(finished.master !== undefined ? { master: finished.master } : {}),
            covers: finished.transcript.length,
          },
        }
      : {}),
  };
}

export interface Failure {
  readonly span: Span;
  /** The endpoint that noticed, and must now send the alert. */
  readonly endpoint: string;
  readonly reason: Text;
  readonly alert: string;
}

/** A field a ClientHello after a HelloRetryRequest changed: what each hello sent. */
export interface RetryChange {
  /** What the first ClientHello sent, as the retry should have written it again. */
  readonly first: string;
  readonly retry: string;
}

/** A version and key exchange a handshake may be following, and how far it got in it. */
export interface Reading {
  readonly pick: { readonly version: TlsVersion; readonly keyExchange: KeyExchange };
  position: number;
}

/** One handshake between two endpoints, from its ClientHello on. */
export interface Session {
  readonly id: number;
  readonly client: string;
  readonly server: string;
  position: number;
  facts: PlanFacts;
  /**
   * Other readings of a ServerHello outside the offer (reported), or of one that never came: the
   * offer's version or key exchange. The messages after it tell which reading the scenario
   * follows; the first that fits one reading and not the current one decides.
   */
  alternatives: Reading[];
  /** Messages (`role message`) that came where no slot could take them: not missing later. */
  readonly misplaced: Set<string>;
  offeredVersions: readonly TlsVersion[];
  offeredSuites?: readonly string[];
  sni?: string;
  /** The first ClientHello, which the one after a HelloRetryRequest repeats (RFC 8446 §4.1.2). */
  firstHello?: { readonly statement: TlsMessageStatement; readonly content: Content };
  /** The fields the retried ClientHello changed (reported, HS627): either hello's value holds. */
  retryChanges?: ReadonlyMap<string, RetryChange>;
  clientRandom?: string;
  serverRandom?: string;
  clientShare?: string;
  serverShare?: string;
  premaster?: string;
  premasterKey?: string;
  serverCert?: CertInfo;
  clientCert?: CertInfo;
  readonly changedCipher: Set<string>;
  readonly finished: Set<string>;
  established: boolean;
  failure?: Failure;
  /** A fatal alert (or close_notify) ended it. */
  closed?: Span;
  /** The scenario went on after `closed`, and was told so once. */
  closedReported?: true;
  /**
   * Plan slots an early message jumped over (reported there): their messages, coming late, are
   * taken without a second diagnostic.
   */
  readonly skipped: Set<number>;
  /**
   * An error was reported on one of its messages. What then goes wrong because of it (a
   * Finished that cannot verify) is that mistake again, not a new one: the engine plays along.
   */
  flagged: boolean;
  /** The attacker that holds this session's keys while the client thinks it talks to the server. */
  compromisedBy?: string;
  readonly derived: Set<string>;
  readonly transcript: TranscriptEntry[];
}

export function newSession(id: number, client: string, server: string): Session {
  return {
    id,
    client,
    server,
    position: 0,
    facts: {
      offers13: false,
      serverHelloSeen: false,
      retried: false,
      certificateRequested: false,
      clientCertificateSent: false,
    },
    offeredVersions: [],
    changedCipher: new Set(),
    finished: new Set(),
    established: false,
    alternatives: [],
    skipped: new Set(),
    misplaced: new Set(),
    flagged: false,
    derived: new Set(),
    transcript: [],
  };
}

/** The key exchange in use, once ServerHello has chosen it. */
export function keyExchange(session: Session): KeyExchange | undefined {
  return session.facts.keyExchange;
}

/** The secret an endpoint derives, with what it is made from; undefined while it cannot. */
export function masterOf(
  session: Session,
  endpoint: string,
  knowledge: Knowledge,
): { readonly name: string; readonly secret: Text; readonly inputs: string[] } | undefined {
  const { clientRandom: r1, serverRandom: r2 } = session;
  if (!r1 || !r2) return undefined;
  const kex = keyExchange(session);
  if (kex === 'RSA') {
    const pm = session.premaster;
    if (!pm || !knowledge.knows(endpoint, pm)) return undefined;
    return {
      name: `master(${pm}, ${r1}, ${r2})`,
      secret: TLS_TEXT.masterSecret,
      inputs: [pm, r1, r2],
    };
  }
  const c = session.clientShare;
  const s = session.serverShare;
  if (!kex || !c || !s) return undefined;
  const agreed =
    (knowledge.knows(endpoint, privateOf(c)) && knowledge.knows(endpoint, s)) ||
    (knowledge.knows(endpoint, privateOf(s)) && knowledge.knows(endpoint, c));
  if (!agreed) return undefined;
  const shared = `${c}·${s}`;
  return kex === 'TLS13'
    ? {
        name: `keys(${shared}, ${r1}, ${r2})`,
        secret: TLS_TEXT.handshakeKeys,
        inputs: [c, s, r1, r2],
      }
    : {
        name: `master(${shared}, ${r1}, ${r2})`,
        secret: TLS_TEXT.masterSecret,
        inputs: [c, s, r1, r2],
      };
}

/** Messages of a TLS 1.3 handshake that travel in the clear. */
const CLEAR_13: ReadonlySet<TlsMessageType> = new Set([
  'ClientHello',
  'ServerHello',
  'HelloRetryRequest',
  'ChangeCipherSpec',
]);

/**
 * The keys `message` from `sender` travels under, once the session has taken it in; undefined in
 * the clear. TLS 1.2: the session keys after the sender's ChangeCipherSpec. TLS 1.3 (RFC 8446
 * §7.1): handshake traffic keys after ServerHello, up to and including the sender's Finished;
 * application traffic keys after it.
 */
export function trafficKeysOf(
  session: Session,
  sender: string,
  message: TlsMessageType,
): TrafficKeys | undefined {
  const v13 = session.facts.version === '1.3';
  if (message === 'ApplicationData') return v13 ? 'application' : 'session';
  if (v13) {
    if (CLEAR_13.has(message)) return undefined;
    return message !== 'Finished' && session.finished.has(sender) ? 'application' : 'handshake';
  }
  return session.changedCipher.has(sender) && message !== 'ChangeCipherSpec'
    ? 'session'
    : undefined;
}
