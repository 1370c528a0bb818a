import type { Text } from '../../text/words';
import { KEY_LOG_MESSAGES } from './keyLogMessages';

/**
 * The labels of the NSS key log format (SSLKEYLOGFILE, as browsers, curl, openssl `-keylogfile`
 * and GnuTLS write it, and Wireshark reads it): TLS 1.2's master secret, and TLS 1.3's traffic
 * secrets (RFC 8446 §7.1), each for one connection's client random.
 */
export const KEY_LOG_LABELS = [
  'CLIENT_RANDOM',
  'CLIENT_EARLY_TRAFFIC_SECRET',
  'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
  'SERVER_HANDSHAKE_TRAFFIC_SECRET',
  'CLIENT_TRAFFIC_SECRET_0',
  'SERVER_TRAFFIC_SECRET_0',
  'EARLY_EXPORTER_SECRET',
  'EXPORTER_SECRET',
] as const;

export type KeyLogLabel = (typeof KEY_LOG_LABELS)[number];

/** One connection's secrets, by label. */
export type ConnectionSecrets = Readonly<Partial<Record<KeyLogLabel, Uint8Array>>>;

/** A line the reader skipped or doubted: its 1-based number, and why. */
export interface KeyLogProblem {
  readonly line: number;
  readonly message: Text;
}

export interface KeyLog {
  /** The secrets by client random, in lower-case hex (64 digits). */
  readonly secrets: ReadonlyMap<string, ConnectionSecrets>;
  readonly problems: readonly KeyLogProblem[];
}

const LABELS: ReadonlySet<string> = new Set(KEY_LOG_LABELS);
/** The other labels of the format, which the import has no use for: skipped without a word. */
const KNOWN_UNUSED: ReadonlySet<string> = new Set(['RSA']);
const RANDOM = /^[0-9a-fA-F]{64}$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;

/**
 * Reads a key log: one `LABEL CLIENT_RANDOM SECRET` per line, `#` starting a comment line,
 * blank lines ignored. A line it cannot use is skipped and located in `problems`; never throws.
 * A file with no secret at all gets one problem (line 0) saying so.
 */
export function parseKeyLog(text: string): KeyLog {
  const secrets = new Map<string, Partial<Record<KeyLogLabel, Uint8Array>>>();
  const problems: KeyLogProblem[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const problem = readLine(line, secrets);
    if (problem) problems.push({ line: i + 1, message: problem });
  }
  if (secrets.size === 0) problems.push({ line: 0, message: KEY_LOG_MESSAGES.empty() });
  return { secrets, problems };
}

/** Adds one line's secret to `secrets`; returns why it could not, if it could not. */
function readLine(
  line: string,
  secrets: Map<string, Partial<Record<KeyLogLabel, Uint8Array>>>,
): Text | undefined {
  const fields = line.split(/\s+/);
  const [label, random, secret] = fields as [string, string?, string?];
  if (KNOWN_UNUSED.has(label)) return undefined;
  if (!LABELS.has(label)) return KEY_LOG_MESSAGES.label({ label: label.slice(0, 40) });
  if (fields.length !== 3) return KEY_LOG_MESSAGES.fields({ count: fields.length });
  if (!RANDOM.test(random as string)) return KEY_LOG_MESSAGES.random();
  if (!HEX.test(secret as string)) return KEY_LOG_MESSAGES.secret();
  const key = (random as string).toLowerCase();
  const entry = secrets.get(key) ?? {};
  secrets.set(key, entry);
  const bytes = fromHex(secret as string);
  const before = entry[label as KeyLogLabel];
  if (before) return sameBytes(before, bytes) ? undefined : KEY_LOG_MESSAGES.repeated({ label });
  entry[label as KeyLogLabel] = bytes;
  return undefined;
}

/** Bytes from hex digits already checked by HEX. */
export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
