import { joinText, type Text } from '../text/words';
import { diagnostic } from '../check/diagnostic';
import type { TlsMessageStatement } from '../syntax/tlsTree';
import { checkAttack } from './attacker';
import type { TlsMessageType } from '../protocol/tlsMessageTypes';
import { masterOf, type Content, type Session, type TranscriptEntry } from './session';
import { failHandshake, type MessageOutcome, type TlsRun } from './tlsRun';
import { TLS_TEXT } from './tlsText';

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
  // An attacker relays what it cannot check; only a real endpoint's check decides. After an
  // error in this handshake, a Finished that does not verify is that error showing again: the
  // engine takes it as the scenario does (one mistake, one diagnostic).
  const reason =
    run.pki.attackers.has(to) || session.flagged
      ? undefined
      : finishedProblem(run, session, mac, theirs?.name, to);
  if (reason) {
    run.log.report(
      diagnostic('TlsFinishedMismatch', statement.messageSpan, { receiver: to, reason }),
    );
    failHandshake(outcome, session, statement, {
      endpoint: to,
      reason: TLS_TEXT.failFinished,
      alert: 'decrypt_error',
    });
    return;
  }
  session.finished.add(from);
  if (session.finished.has(session.client) && session.finished.has(session.server)) {
    session.established = true;
    // A handshake that got here past an error is the scenario's, not a real one: whether an
    // attacker won it is not judged (the client that rejected its certificate would have stopped).
    if (!session.flagged) checkAttack(run, statement, session);
  }
}

/** Why the receiver rejects the MAC; undefined when it verifies. */
function finishedProblem(
  run: TlsRun,
  session: Session,
  mac: NonNullable<Content['finished']>,
  receiverMaster: string | undefined,
  receiver: string,
): Text | undefined {
  if (!mac.master) {
    return TLS_TEXT.doesNotKnow({
      who: mac.author,
      secret: secretWord(session),
      why: whyUnknown(run, session, mac.author),
    });
  }
  if (!receiverMaster) {
    return TLS_TEXT.cannotDerive({
      who: receiver,
      secret: secretWord(session),
      why: whyUnknown(run, session, receiver),
    });
  }
  if (mac.master !== receiverMaster) {
    return TLS_TEXT.differentSecrets({ a: mac.master, b: receiverMaster });
  }
  const mine = session.transcript;
  const limit = Math.min(mac.transcript.length, mine.length);
  for (let i = 0; i < limit; i++) {
    const theirs = mac.transcript[i] as TranscriptEntry;
    const ours = mine[i] as TranscriptEntry;
    if (!sameEntry(theirs, ours)) {
      return TLS_TEXT.changedOnTheWay({
        difference: describeDifference(theirs, ours, mac.author, receiver),
      });
    }
  }
  if (mac.transcript.length !== mine.length) return TLS_TEXT.differentCount;
  return undefined;
}

function secretWord(session: Session): Text {
  return session.facts.keyExchange === 'TLS13' ? TLS_TEXT.handshakeKeys : TLS_TEXT.masterSecret;
}

/** Why `endpoint` cannot derive the session's secret. */
function whyUnknown(run: TlsRun, session: Session, endpoint: string): Text {
  if (session.facts.keyExchange === 'RSA' && session.premaster) {
    const holder = session.premasterKey
      ? run.pki.keys.get(session.premasterKey)?.holder
      : undefined;
    return TLS_TEXT.travelsEncrypted({
      premaster: session.premaster,
      key: session.premasterKey ?? TLS_TEXT.aKey,
      holder: holder ?? '',
    });
  }
  if (session.facts.keyExchange === 'RSA') return TLS_TEXT.noPremaster;
  return TLS_TEXT.madeNoShare({ endpoint });
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
): Text {
  if (a.type !== b.type) {
    return TLS_TEXT.sawOtherType({ a: aSaw, aType: a.type, b: bSaw, bType: b.type });
  }
  const x = partsOf(a);
  const y = partsOf(b);
  const names = new Set([...x.keys(), ...y.keys()]);
  const differing = [...names].filter((name) => x.get(name) !== y.get(name));
  const side = (parts: Map<string, string>) =>
    joinText(
      differing.map((name) => parts.get(name) ?? TLS_TEXT.noField({ name })),
      ' ',
    );
  return TLS_TEXT.fieldsDiffer({
    type: a.type,
    a: aSaw,
    aFields: side(x),
    b: bSaw,
    bFields: side(y),
  });
}
