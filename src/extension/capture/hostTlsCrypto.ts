import type { KeyLog } from '../../core/capture/read/keyLog';
import type { TlsCrypto } from '../../core/capture/read/tlsCrypto';
import { decryptInRounds, type AsyncTlsCrypto } from '../../core/capture/read/tlsCryptoRounds';
import type { ImportOptions } from '../../core/capture/write/importCapture';

/**
 * The host's cryptography for the key log: Node's `crypto`, synchronous, on the desktop
 * (one import); WebCrypto, asynchronous, in VS Code for the Web (the import in rounds).
 */
export type HostTlsCrypto =
  | { readonly kind: 'sync'; readonly crypto: TlsCrypto }
  | { readonly kind: 'async'; readonly crypto: AsyncTlsCrypto };

/**
 * Runs `run` (one import, undefined when it was cancelled) with the key log: once with a
 * synchronous crypto, in rounds with an asynchronous one (decryptInRounds: each run but the
 * last is a draft, thrown away); once, as without a key log, when there is none.
 */
export async function importWithKeyLog<Result>(
  keyLog: KeyLog | undefined,
  host: HostTlsCrypto | undefined,
  options: ImportOptions,
  run: (options: ImportOptions) => Promise<Result | undefined>,
): Promise<Result | undefined> {
  if (!keyLog || !host) return run(options);
  if (host.kind === 'sync') return run({ ...options, keyLog: { keyLog, crypto: host.crypto } });
  const { result } = await decryptInRounds(
    host.crypto,
    (crypto) => run({ ...options, keyLog: { keyLog, crypto } }),
    // A cancelled run ends the rounds.
    (result) => result === undefined,
  );
  return result;
}
