import type { Text } from '../text/words';
import type { TlsMessageType } from '../protocol/tlsMessageTypes';
import type { KeyExchange } from '../protocol/tlsSuites';
import type { TlsVersion } from '../protocol/tlsVersions';
import { TLS_TEXT } from './tlsText';

/** What the order rules need to know about a handshake so far. */
export interface PlanFacts {
  readonly offers13: boolean;
  readonly serverHelloSeen: boolean;
  readonly retried: boolean;
  readonly version?: TlsVersion;
  readonly keyExchange?: KeyExchange;
  readonly certificateRequested: boolean;
  readonly clientCertificateSent: boolean;
}

type Role = 'client' | 'server';

interface Slot {
  readonly message: TlsMessageType;
  readonly by: Role;
  readonly optional?: boolean;
  readonly when?: (facts: PlanFacts) => boolean;
}

const v12 = (f: PlanFacts) => f.version === '1.2';
const v13 = (f: PlanFacts) => f.version === '1.3';

/** The slot of ServerHello: a handshake without one is taken to have had it (tlsOrder.ts). */
export const SERVER_HELLO_SLOT = 3;

/**
 * The full handshake of TLS 1.2 (RFC 5246 §7.3) and TLS 1.3 (RFC 8446 §2) as one list of
 * slots; a slot whose condition is false does not apply to this handshake.
 */
const SLOTS: readonly Slot[] = [
  { message: 'ClientHello', by: 'client' },
  {
    message: 'HelloRetryRequest',
    by: 'server',
    optional: true,
    when: (f) => f.offers13 && !f.retried,
  },
  { message: 'ClientHello', by: 'client', when: (f) => f.retried },
  { message: 'ServerHello', by: 'server' },
  // TLS 1.2
  { message: 'Certificate', by: 'server', when: v12 },
  { message: 'ServerKeyExchange', by: 'server', when: (f) => v12(f) && f.keyExchange === 'ECDHE' },
  { message: 'CertificateRequest', by: 'server', optional: true, when: v12 },
  { message: 'ServerHelloDone', by: 'server', when: v12 },
  { message: 'Certificate', by: 'client', when: (f) => v12(f) && f.certificateRequested },
  { message: 'ClientKeyExchange', by: 'client', when: v12 },
  { message: 'CertificateVerify', by: 'client', when: (f) => v12(f) && f.clientCertificateSent },
  { message: 'ChangeCipherSpec', by: 'client', when: v12 },
  { message: 'Finished', by: 'client', when: v12 },
  { message: 'ChangeCipherSpec', by: 'server', when: v12 },
  { message: 'Finished', by: 'server', when: v12 },
  // TLS 1.3
  { message: 'EncryptedExtensions', by: 'server', when: v13 },
  { message: 'CertificateRequest', by: 'server', optional: true, when: v13 },
  { message: 'Certificate', by: 'server', when: v13 },
  { message: 'CertificateVerify', by: 'server', when: v13 },
  { message: 'Finished', by: 'server', when: v13 },
  { message: 'Certificate', by: 'client', when: (f) => v13(f) && f.certificateRequested },
  {
    message: 'CertificateVerify',
    by: 'client',
    when: (f) => v13(f) && f.clientCertificateSent,
  },
  { message: 'Finished', by: 'client', when: v13 },
];

export type PlanResult =
  /** Taken; `late` when it fills a slot an earlier message passed over (the position stays). */
  | { readonly ok: true; readonly next: number; readonly late?: number }
  /** Taken, but required messages before it are missing: `skipped` holds their slots. */
  | {
      readonly ok: false;
      readonly next: number;
      readonly reason: Text;
      readonly skipped: readonly number[];
    }
  /** Not taken: the position stays. */
  | { readonly ok: false; readonly next: undefined; readonly reason: Text };

/** True once every slot is used: application data may flow. */
export function handshakeDone(position: number, facts: PlanFacts): boolean {
  return SLOTS.slice(position).every((slot) => slot.optional || !(slot.when?.(facts) ?? true));
}

/** The first message still required at `position`, for messages. */
function nextRequired(position: number, facts: PlanFacts): Slot | undefined {
  return SLOTS.slice(position).find((slot) => !slot.optional && (slot.when?.(facts) ?? true));
}

const name = (slot: Slot) =>
  TLS_TEXT.roleMessage({ role: TLS_TEXT.role({ role: slot.by }), message: slot.message });

/**
 * Places `message` from `role` after the handshake's `position`. `skipped` are the slots an
 * earlier message jumped over (already reported): the message of one of them, arriving late, is
 * taken there without a second complaint, since the mistake was the early message, not this one.
 */
export function placeMessage(
  position: number,
  message: TlsMessageType,
  role: Role,
  facts: PlanFacts,
  skipped: ReadonlySet<number> = new Set(),
  misplaced: ReadonlySet<string> = new Set(),
): PlanResult {
  const ahead = placeAhead(position, message, role, facts, misplaced);
  if (ahead.ok) return ahead;
  for (const i of skipped) {
    const slot = SLOTS[i] as Slot;
    if (slot.message === message && slot.by === role) return { ok: true, next: position, late: i };
  }
  return ahead;
}

/** True when slot `index` is for `message` from `role`. */
export function isSlotOf(index: number, role: Role, message: TlsMessageType): boolean {
  const slot = SLOTS[index];
  return slot !== undefined && slot.by === role && slot.message === message;
}

/** The key of a message from a role in `misplaced` sets: `client Finished`. */
export function slotKey(role: Role, message: TlsMessageType): string {
  return `${role} ${message}`;
}

/**
 * The first slot of `message` from `role` at or after `position`. A required slot whose message
 * came earlier where it could not be placed (`misplaced`, already reported) is not missing.
 */
function placeAhead(
  position: number,
  message: TlsMessageType,
  role: Role,
  facts: PlanFacts,
  misplaced: ReadonlySet<string>,
): PlanResult {
  const missing: number[] = [];
  for (let i = position; i < SLOTS.length; i++) {
    const slot = SLOTS[i] as Slot;
    if (!(slot.when?.(facts) ?? true)) continue;
    if (slot.message === message && slot.by === role) {
      if (missing.length === 0) return { ok: true, next: i + 1 };
      const first = SLOTS[missing[0] as number] as Slot;
      return {
        ok: false,
        next: i + 1,
        reason: TLS_TEXT.comesFirst({ what: name(first), why: missingWhy(first) }),
        skipped: missing,
      };
    }
    if (!slot.optional && !misplaced.has(slotKey(slot.by, slot.message))) missing.push(i);
  }
  return { ok: false, next: undefined, reason: notExpected(position, message, role, facts) };
}

function missingWhy(slot: Slot): Text {
  switch (slot.message) {
    case 'ServerHelloDone':
      return TLS_TEXT.whyServerHelloDone;
    case 'ServerKeyExchange':
      return TLS_TEXT.whyServerKeyExchange;
    case 'ChangeCipherSpec':
      return TLS_TEXT.whyChangeCipherSpec;
    case 'Certificate':
      return TLS_TEXT.whyCertificate;
    case 'ServerHello':
      return TLS_TEXT.whyServerHello;
    default:
      return '';
  }
}

function notExpected(
  position: number,
  message: TlsMessageType,
  role: Role,
  facts: PlanFacts,
): Text {
  // A message only the other side ever sends (RFC 5246 §7.3, RFC 8446 §2): say that first.
  if (!SLOTS.some((slot) => slot.message === message && slot.by === role)) {
    const other = role === 'client' ? 'server' : 'client';
    return TLS_TEXT.onlySentBy({
      role: TLS_TEXT.role({ role: other }),
      sender: TLS_TEXT.role({ role }),
      message,
    });
  }
  if (message === 'ServerKeyExchange' && facts.keyExchange === 'RSA') {
    return TLS_TEXT.rsaNoServerKeyExchange;
  }
  if (
    facts.version === '1.3' &&
    (message === 'ServerKeyExchange' ||
      message === 'ClientKeyExchange' ||
      message === 'ServerHelloDone')
  ) {
    return TLS_TEXT.tls13Has({ message });
  }
  if (message === 'EncryptedExtensions' && facts.version === '1.2') {
    return TLS_TEXT.only13;
  }
  if (message === 'HelloRetryRequest' && !facts.offers13) {
    return TLS_TEXT.retryNeeds13;
  }
  const next = nextRequired(position, facts);
  if (!next) return TLS_TEXT.handshakeOver({ role: TLS_TEXT.role({ role }), message });
  return TLS_TEXT.comesNext({ what: name(next) });
}
