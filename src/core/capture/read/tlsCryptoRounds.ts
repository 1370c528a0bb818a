import { NOT_YET, type NotYet, type TlsAead, type TlsCrypto, type TlsHash } from './tlsCrypto';

/**
 * The key log decryption's cryptography when the host's is asynchronous (WebCrypto in VS Code
 * for the Web): the same two primitives as TlsCrypto, as promises. `open` resolves to undefined
 * when the record fails authentication, and never rejects for that.
 */
export type AsyncTlsCrypto = {
  readonly [K in keyof TlsCrypto]: (
    ...args: Parameters<TlsCrypto[K]>
  ) => Promise<ReturnType<TlsCrypto[K]>>;
};

/** How many times at most the import runs: far more than the key schedule's depth needs. */
export const MAX_ROUNDS = 16;

/** What the rounds cost: runs of the import, and calls of the asynchronous primitives. */
export interface RoundsCost {
  /** Runs of the import, the last one included (1 when nothing was asked for). */
  readonly runs: number;
  readonly hmacs: number;
  readonly opens: number;
  /**
   * True when the rounds stopped before a run asked for nothing new: they ran out (the text
   * says which connections were not decrypted), or `ends` ended them.
   */
  readonly cutShort: boolean;
}

/**
 * Runs `run`, a synchronous import, with a TlsCrypto that answers from the results `primitive`
 * has computed, and `NOT_YET` (recording the request) for the others; computes the requests,
 * and runs it again, until a run asks for nothing new: that run had every answer, so its
 * result is the import's, exactly what a synchronous crypto gives. Each round goes one step
 * down the key schedule (RFC 8446 §7.1): the handshake and application keys from the key log's
 * secrets, then the records under them (all the records of a key in one round), then the
 * next keys after a KeyUpdate (§7.2). A run that asks for nothing is the only one: a capture
 * without TLS 1.3 costs what it costs without a key log. Never rejects unless `primitive` or
 * `run` does.
 */
export async function decryptInRounds<Result>(
  primitive: AsyncTlsCrypto,
  run: (crypto: TlsCrypto<NotYet>) => Result | Promise<Result>,
  /** A result that ends the rounds whatever it asked for (a cancelled import). */
  ends: (result: Result) => boolean = () => false,
  maxRounds: number = MAX_ROUNDS,
): Promise<{ readonly result: Result; readonly cost: RoundsCost }> {
  const memo = new MemoTlsCrypto();
  let hmacs = 0;
  let opens = 0;
  for (let runs = 1; ; runs++) {
    const result = await run(memo);
    const asked = memo.takeAsked();
    if (asked.length === 0 || runs >= maxRounds || ends(result)) {
      return { result, cost: { runs, hmacs, opens, cutShort: asked.length > 0 } };
    }
    for (const request of asked) {
      if (request.kind === 'hmac') hmacs++;
      else opens++;
    }
    await memo.compute(primitive, asked);
  }
}

type Request =
  | {
      readonly kind: 'hmac';
      readonly id: string;
      readonly hash: TlsHash;
      readonly key: Uint8Array;
      readonly data: Uint8Array;
    }
  | {
      readonly kind: 'open';
      readonly id: string;
      readonly aead: TlsAead;
      readonly key: Uint8Array;
      readonly nonce: Uint8Array;
      readonly additionalData: Uint8Array;
      readonly sealed: Uint8Array;
    };

/** An opening computed: the sealed bytes it was for (compared on a hit), and its plaintext. */
interface Opened {
  readonly sealed: Uint8Array;
  readonly plain: Uint8Array | undefined;
}

/**
 * The TlsCrypto of the rounds: answers from a cache, and on a miss records the request and
 * answers `NOT_YET`. HMACs are cached by their inputs; openings by key, nonce and additional
 * data, with the sealed bytes kept and compared, so that a record's text is never held twice.
 */
export class MemoTlsCrypto implements TlsCrypto<NotYet> {
  private readonly hmacs = new Map<string, Uint8Array>();
  private readonly opened = new Map<string, Opened[]>();
  /** The requests of this run, by id (more than one opening may share one: see `open`). */
  private asked = new Map<string, Request[]>();

  hmac(hash: TlsHash, key: Uint8Array, data: Uint8Array): Uint8Array | NotYet {
    const id = `${hash} ${hex(key)} ${hex(data)}`;
    const known = this.hmacs.get(id);
    if (known) return known;
    if (!this.asked.has(id)) {
      this.asked.set(id, [{ kind: 'hmac', id, hash, key: key.slice(), data: data.slice() }]);
    }
    return NOT_YET;
  }

  open(
    aead: TlsAead,
    key: Uint8Array,
    nonce: Uint8Array,
    additionalData: Uint8Array,
    sealed: Uint8Array,
  ): Uint8Array | undefined | NotYet {
    const id = `${aead} ${hex(key)} ${hex(nonce)} ${hex(additionalData)} ${sealed.length}`;
    const known = this.opened.get(id)?.find((o) => sameBytes(o.sealed, sealed));
    if (known) return known.plain?.slice();
    // Two different records under one key and nonce cannot both be authentic, but a draft may
    // ask for both (one under a key that is not its own): each is asked for, and kept, alone.
    const asked = this.asked.get(id) ?? [];
    if (!asked.some((r) => r.kind === 'open' && sameBytes(r.sealed, sealed))) {
      asked.push({
        kind: 'open',
        id,
        aead,
        key: key.slice(),
        nonce: nonce.slice(),
        additionalData: additionalData.slice(),
        sealed: sealed.slice(),
      });
      this.asked.set(id, asked);
    }
    return NOT_YET;
  }

  /** The requests of the last run, forgotten here. */
  takeAsked(): Request[] {
    const asked = [...this.asked.values()].flat();
    this.asked = new Map();
    return asked;
  }

  /** Computes `asked` with `primitive` and keeps the answers. */
  async compute(primitive: AsyncTlsCrypto, asked: readonly Request[]): Promise<void> {
    await Promise.all(
      asked.map(async (r) => {
        if (r.kind === 'hmac') {
          this.hmacs.set(r.id, await primitive.hmac(r.hash, r.key, r.data));
          return;
        }
        const plain = await primitive.open(r.aead, r.key, r.nonce, r.additionalData, r.sealed);
        const list = this.opened.get(r.id) ?? [];
        list.push({ sealed: r.sealed, plain });
        this.opened.set(r.id, list);
      }),
    );
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hex(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += b.toString(16).padStart(2, '0');
  return text;
}
