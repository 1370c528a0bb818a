import type { EndpointAfter } from '../analysis/endpointTimeline';
import type { TraceStep } from '../analysis/trace';
import type { CertificateCheck, TlsStep } from '../tls/tlsTrace';

/** What one endpoint knows after a step, sorted into the kinds of secret the notes teach. */
export interface TlsKnowledge {
  readonly randoms: readonly string[];
  readonly keyShares: readonly string[];
  readonly premaster: readonly string[];
  /** TLS 1.2's master secret, named by the engine after its inputs: `master(pm, r1, r2)`. */
  readonly masterSecret: readonly string[];
  /** TLS 1.3's handshake keys: `keys(c·s, r1, r2)`. */
  readonly keys: readonly string[];
  /** Private halves of keys and key shares it holds: `bank_key (private)`. */
  readonly privateKeys: readonly string[];
  readonly other: readonly string[];
  /** The server certificates it accepted by this step (a rejection is a diagnostic). */
  readonly certificatesVerified: readonly CertificateCheck[];
}

/** The message fields whose values name a secret of each kind (`random=r1`). */
const FIELD_KIND: Readonly<Record<string, 'randoms' | 'keyShares' | 'premaster'>> = {
  random: 'randoms',
  share: 'keyShares',
  key_share: 'keyShares',
  premaster: 'premaster',
};

/** What kind of secret each name a TLS message's fields carried is (`random=r1`: a random). */
export type SecretKinds = ReadonlyMap<string, 'randoms' | 'keyShares' | 'premaster'>;

/** The kinds of the secrets a trace's TLS messages carry, found once per trace. */
export function secretKinds(steps: readonly TraceStep[]): SecretKinds {
  const kinds = new Map<string, 'randoms' | 'keyShares' | 'premaster'>();
  for (const step of steps) if (step.kind === 'tls') noteKinds(step, kinds);
  return kinds;
}

/**
 * What an endpoint knows after a step (its EndpointAfter: the knowledge the TLS engine recorded
 * at the latest message it sent or received), sorted into kinds; undefined when it took part in
 * none. The engine lists names; the kind of each is read from the message fields that carried
 * it and from the shape of the names the engine gives derived secrets.
 */
export function tlsKnowledgeOf(
  endpoint: Pick<EndpointAfter, 'knows' | 'verified'>,
  kinds: SecretKinds,
): TlsKnowledge | undefined {
  if (endpoint.knows === undefined) return undefined;
  const sorted: Record<keyof Omit<TlsKnowledge, 'certificatesVerified'>, string[]> = {
    randoms: [],
    keyShares: [],
    premaster: [],
    masterSecret: [],
    keys: [],
    privateKeys: [],
    other: [],
  };
  for (const secret of endpoint.knows) sorted[kindOf(secret, kinds)].push(secret);
  return { ...sorted, certificatesVerified: endpoint.verified };
}

function noteKinds(step: TlsStep, kinds: Map<string, 'randoms' | 'keyShares' | 'premaster'>): void {
  for (const detail of step.details) {
    const eq = detail.indexOf('=');
    const kind = eq > 0 ? FIELD_KIND[detail.slice(0, eq)] : undefined;
    if (kind) for (const value of detail.slice(eq + 1).split(',')) kinds.set(value, kind);
  }
}

function kindOf(
  secret: string,
  kinds: SecretKinds,
): keyof Omit<TlsKnowledge, 'certificatesVerified'> {
  if (secret.endsWith(' (private)')) return 'privateKeys';
  if (secret.startsWith('master(')) return 'masterSecret';
  if (secret.startsWith('keys(')) return 'keys';
  return kinds.get(secret) ?? 'other';
}
