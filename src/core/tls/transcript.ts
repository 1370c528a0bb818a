import { diagnostic } from '../check/diagnostic';
import type { TlsMessageStatement } from '../syntax/tlsTree';
import { checkAttack } from './attacker';
import type { TlsMessageType } from '../protocol/tlsMessageTypes';
import { masterOf, type Content, type Session, type TranscriptEntry } from './session';
import { failHandshake, type MessageOutcome, type TlsRun } from './tlsRun';
import { tlsText } from './tlsText';

/*
 * Finished and the transcript: each side's Finished is a MAC, under the secret it derived, over
 * every handshake message it saw (RFC 5246 §7.4.9, RFC 8446 §4.4.4). The receiver checks it with
 * its own secret and its own transcript, so a different secret or a message changed on the way
 * makes it fail.
 */

/** Messages not part of the handshake transcript. */
const OUTSIDE_TRANSCRIPT: ReadonlySet<TlsMessageType> = new Set<TlsMessageType>([
  'ChangeCipherSpec',
  'Alert',
  'ApplicationData',
]);

/** True for the messages the transcript records. */
export function inTranscript(message: TlsMessageType): boolean {
  return !OUTSIDE_TRANSCRIPT.has(message);
}

/**
 * True when two entries record the same message: same type, fields and MAC. Who sent each copy
 * and in which handshake does not count, since a relay changes both.
 */
export function sameEntry(a: TranscriptEntry, b: TranscriptEntry): boolean {
  return (
    a.type === b.type &&
    a.mac?.master === b.mac?.master &&
    a.mac?.covers === b.mac?.covers &&
    a.fields.length === b.fields.length &&
    a.fields.every((f, i) => f.name === b.fields[i]?.name && f.value === b.fields[i]?.value)
  );
}

/**
 * Finished: the sender's MAC is fixed when it first sends it (a relay copies it); the receiver
 * checks it, unless it is an attacker, which relays what it cannot check. Both Finished accepted
 * establish the handshake.
 */
export function finished(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
  session: Session,
  outcome: MessageOutcome,
): void {
  const from = statement.from.text;
  const to = statement.to.text;
  const mine = masterOf(session, from, run.knowledge);
  const mac = content.finished ?? {
    author: from,
    ...(mine ? { master: mine.name } : {}),
    transcript: [...session.transcript],
  };
  content.finished = mac;
  const theirs = masterOf(session, to, run.knowledge);
  // An attacker relays what it cannot check; only a real endpoint's check decides.
  const reason = run.pki.attackers.has(to)
    ? undefined
    : finishedProblem(run, session, mac, theirs?.name, to);
  if (reason) {
    run.log.report(
      diagnostic('TlsFinishedMismatch', statement.messageSpan, { receiver: to, reason }),
    );
    failHandshake(outcome, session, statement, {
      endpoint: to,
      reason: tlsText().failFinished,
      alert: 'decrypt_error',
    });
    return;
  }
  session.finished.add(from);
  if (session.finished.has(session.client) && session.finished.has(session.server)) {
    session.established = true;
    checkAttack(run, statement, session);
  }
}

/** Why the receiver rejects the MAC; undefined when it verifies. */
function finishedProblem(
  run: TlsRun,
  session: Session,
  mac: NonNullable<Content['finished']>,
  receiverMaster: string | undefined,
  receiver: string,
): string | undefined {
  if (!mac.master) {
    return tlsText().doesNotKnow({
      who: mac.author,
      secret: secretWord(session),
      why: whyUnknown(run, session, mac.author),
    });
  }
  if (!receiverMaster) {
    return tlsText().cannotDerive({
      who: receiver,
      secret: secretWord(session),
      why: whyUnknown(run, session, receiver),
    });
  }
  if (mac.master !== receiverMaster) {
    return tlsText().differentSecrets({ a: mac.master, b: receiverMaster });
  }
  const mine = session.transcript;
  const limit = Math.min(mac.transcript.length, mine.length);
  for (let i = 0; i < limit; i++) {
    const theirs = mac.transcript[i] as TranscriptEntry;
    const ours = mine[i] as TranscriptEntry;
    if (!sameEntry(theirs, ours)) {
      return tlsText().changedOnTheWay({
        difference: describeDifference(theirs, ours, mac.author, receiver),
      });
    }
  }
  if (mac.transcript.length !== mine.length) return tlsText().differentCount;
  return undefined;
}

function secretWord(session: Session): string {
  return session.facts.keyExchange === 'TLS13' ? tlsText().handshakeKeys : tlsText().masterSecret;
}

/** Why `endpoint` cannot derive the session's secret. */
function whyUnknown(run: TlsRun, session: Session, endpoint: string): string {
  if (session.facts.keyExchange === 'RSA' && session.premaster) {
    const holder = session.premasterKey
      ? run.pki.keys.get(session.premasterKey)?.holder
      : undefined;
    return tlsText().travelsEncrypted({
      premaster: session.premaster,
      key: session.premasterKey ?? tlsText().aKey,
      holder: holder ?? '',
    });
  }
  if (session.facts.keyExchange === 'RSA') return tlsText().noPremaster;
  return tlsText().madeNoShare({ endpoint });
}

/** The `name=value` parts of an entry by name; a Finished's MAC counts as one part. */
function partsOf(entry: TranscriptEntry): Map<string, string> {
  const parts = new Map<string, string>(entry.fields.map((f) => [f.name, `${f.name}=${f.value}`]));
  if (entry.mac) parts.set('mac', `mac(${entry.mac.master ?? '?'}, ${entry.mac.covers})`);
  return parts;
}

/**
 * What differs between two transcript entries, as `the ClientHello client sent had suites=A,
 * the one server received suites=B`: `a` as `aSaw` saw it, `b` as `bSaw` did.
 */
export function describeDifference(
  a: TranscriptEntry,
  b: TranscriptEntry,
  aSaw: string,
  bSaw: string,
): string {
  if (a.type !== b.type) {
    return tlsText().sawOtherType({ a: aSaw, aType: a.type, b: bSaw, bType: b.type });
  }
  const x = partsOf(a);
  const y = partsOf(b);
  const names = new Set([...x.keys(), ...y.keys()]);
  const differing = [...names].filter((name) => x.get(name) !== y.get(name));
  const side = (parts: Map<string, string>) =>
    differing.map((name) => parts.get(name) ?? tlsText().noField({ name })).join(' ');
  return tlsText().fieldsDiffer({
    type: a.type,
    a: aSaw,
    aFields: side(x),
    b: bSaw,
    bFields: side(y),
  });
}
