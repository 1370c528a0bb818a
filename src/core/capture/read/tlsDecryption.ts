import type { KeyLog, KeyLogLabel } from './keyLog';
import type { KeyLogNote } from './keyLogNote';
import { NOT_YET, type NotYet, type TlsCrypto } from './tlsCrypto';
import type { TlsEvent } from './tlsEvents';
import { SUITE_PROTECTION, trafficKeys, type SuiteProtection } from './tlsKeySchedule';
import { RecordProtection, type OpenedRecord } from './tlsRecordProtection';
import { TLS_HANDSHAKE_TYPE as HANDSHAKE } from '../../protocol/tlsMessageTypes';
import { suiteName } from '../../protocol/tlsSuites';
import { versionOfCode } from '../../protocol/tlsVersions';

/**
 * A key log and the cryptography to use it with: what `import --keylog` gives the importer.
 * A crypto that answers `NOT_YET` (the web build's, tlsCryptoRounds.ts) makes the import a
 * draft: its text is thrown away, and the import run again once the answers are computed.
 */
export interface KeyLogDecryption {
  readonly keyLog: KeyLog;
  readonly crypto: TlsCrypto<NotYet>;
}

type Role = 'client' | 'server';

/** RFC 8446 §4.4.4, §4.6.3: the handshake messages after which a sender changes its key. */
const FINISHED = 20;
const KEY_UPDATE = 24;

/** RFC 8446 §4.1.2: legacy_version (2 bytes), then the 32-byte random. */
const RANDOM_AT = 2;
const RANDOM_LENGTH = 32;

/**
 * The key log decryption of one TCP connection's TLS 1.3 records: it learns the client random
 * from the ClientHello and the suite from the ServerHello (both in the clear), finds the
 * connection's traffic secrets in the key log, and gives each direction the record protection
 * of its sender. The first thing that stops it (no key log, no secrets for this client random,
 * a record that fails authentication) stops it for the whole connection, and is reported once,
 * as a `KeyLog` event, so that the scenario says why nothing was decrypted. TLS 1.2 is not
 * decrypted (its records stay as they are today).
 */
export class ConnectionDecryption {
  clientRandom: string | undefined;
  suite: number | undefined;
  tls13 = false;
  /** Set once decryption is given up: every record from then on is left encrypted. */
  stopped = false;
  /** True once the reason decryption stopped was reported (once per connection). */
  private stopNoted = false;
  /** True once a record was opened. */
  opened = false;
  private readonly sides: Readonly<Record<Role, DirectionDecryption>>;

  constructor(readonly given: KeyLogDecryption | undefined) {
    this.sides = {
      client: new DirectionDecryption(this, 'client'),
      server: new DirectionDecryption(this, 'server'),
    };
  }

  /** The decryption of what `role` sends. */
  side(role: Role): DirectionDecryption {
    return this.sides[role];
  }

  /** Reports `note` into `found`: the first record opened, or why decryption stopped (once). */
  note(note: KeyLogNote, found: TlsEvent[]): void {
    if (note.outcome !== 'decrypted') {
      if (this.stopNoted) return;
      this.stopNoted = true;
    }
    found.push({ kind: 'KeyLog', note, partly: note.outcome !== 'decrypted' && this.opened });
  }
}

/**
 * What one sender's TLS stream asks of the decryption: the stream tells it every handshake
 * message it reads (`sawHandshake`), asks at each encrypted record whether to gather it whole
 * (`wants`), and opens it (`open`).
 */
export class DirectionDecryption {
  private protection: RecordProtection | undefined;
  private label: KeyLogLabel;

  constructor(
    private readonly connection: ConnectionDecryption,
    private readonly role: Role,
  ) {
    this.label =
      role === 'client' ? 'CLIENT_HANDSHAKE_TRAFFIC_SECRET' : 'SERVER_HANDSHAKE_TRAFFIC_SECRET';
  }

  /**
   * A handshake message this sender sent, clear or decrypted: the ClientHello's random, the
   * ServerHello's version and suite, and the Finished and KeyUpdate after which this sender's
   * next record is under another key (RFC 8446 §7.1: the application traffic secret after
   * Finished; §7.2: the next secret after KeyUpdate).
   */
  sawHandshake(type: number, body: Uint8Array, event: TlsEvent | undefined): void {
    const connection = this.connection;
    if (type === HANDSHAKE.ClientHello && body.length >= RANDOM_AT + RANDOM_LENGTH) {
      connection.clientRandom = hex(body.subarray(RANDOM_AT, RANDOM_AT + RANDOM_LENGTH));
    } else if (event?.kind === 'ServerHello' && !event.helloRetry) {
      connection.tls13 = versionOfCode(event.version) === '1.3';
      connection.suite = event.suite;
    } else if (type === FINISHED && this.protection) {
      this.label = this.role === 'client' ? 'CLIENT_TRAFFIC_SECRET_0' : 'SERVER_TRAFFIC_SECRET_0';
      this.protection = undefined;
    } else if (type === KEY_UPDATE && this.protection) {
      this.protection.update();
    }
  }

  /**
   * At the header of an encrypted TLS 1.3 record: true when it is to be gathered whole and
   * opened. When it cannot be (no key log, no secrets, a suite not supported), decryption stops
   * for the connection and the reason goes into `found` once.
   */
  wants(found: TlsEvent[]): boolean {
    const connection = this.connection;
    if (!connection.tls13 || connection.stopped) return false;
    if (this.protection) return true;
    const why = this.start();
    if (why) {
      connection.stopped = true;
      connection.note(why, found);
      return false;
    }
    return true;
  }

  /**
   * Opens the record `wants` asked for. A record that fails stops decryption for the
   * connection: it is reported, and undefined returned (the stream goes on as without a key log).
   */
  open(
    header: Uint8Array,
    body: Uint8Array,
    found: TlsEvent[],
  ): Extract<OpenedRecord, { ok: true }> | undefined {
    const connection = this.connection;
    const protection = this.protection;
    if (!protection || connection.stopped) return undefined;
    const opened = protection.open(header, body);
    if (!opened.ok && opened.why === NOT_YET) {
      // A draft (see KeyLogDecryption): the records after it are still asked for, so that one
      // round computes every record under this key. Said once, as a stop would be.
      connection.note({ outcome: NOT_YET }, found);
      return undefined;
    }
    if (opened.ok) {
      if (!connection.opened) {
        connection.note(
          {
            outcome: 'decrypted',
            clientRandom: connection.clientRandom ?? '',
            suite: suiteName(connection.suite ?? 0),
          },
          found,
        );
      }
      connection.opened = true;
      return opened;
    }
    connection.stopped = true;
    connection.note(
      {
        outcome: 'authentication',
        label: this.label,
        sender: this.role,
        opened: protection.records,
      },
      found,
    );
    return undefined;
  }

  /** The record protection for this sender's current secret, or why there is none. */
  private start(): KeyLogNote | undefined {
    const connection = this.connection;
    const given = connection.given;
    if (!given) return { outcome: 'no-key-log' };
    const random = connection.clientRandom;
    if (random === undefined) return { outcome: 'no-client-hello' };
    const secrets = given.keyLog.secrets.get(random);
    if (!secrets) return { outcome: 'no-random', clientRandom: random };
    const suite: SuiteProtection | undefined = SUITE_PROTECTION.get(connection.suite ?? -1);
    if (!suite) return { outcome: 'suite', suite: suiteName(connection.suite ?? 0) };
    const secret = secrets[this.label];
    if (!secret) return { outcome: 'no-secret', label: this.label };
    this.protection = new RecordProtection(given.crypto, suite, secret);
    if (this.protection.waiting) {
      // A draft: the application keys do not depend on the handshake's records, so they are
      // asked for now, and the round after the handshake's records can open the rest.
      const application =
        secrets[this.role === 'client' ? 'CLIENT_TRAFFIC_SECRET_0' : 'SERVER_TRAFFIC_SECRET_0'];
      if (application) trafficKeys(given.crypto, suite, application);
    }
    return undefined;
  }
}

function hex(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += b.toString(16).padStart(2, '0');
  return text;
}
