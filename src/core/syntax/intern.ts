/**
 * `text.slice(start, end)`, from a cache of earlier results when one matches: the names of a
 * scenario repeat on every line, and 100k lines then share one string per name instead of
 * keeping one copy each.
 *
 * The cache is a table indexed by a hash of the characters, one string per slot, a newer one
 * taking the slot of an older: an imported capture names thousands of endpoints (`client1` …
 * `client4000`), which a short list of recent names missed on nearly every line. A string
 * handed out again also keeps the hash V8 computed for it, so the maps keyed by names (the
 * parser's name table, the engine's endpoints) find it without hashing a fresh copy.
 */
const SLOTS = 1 << 13;
const slots: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
const MAX_LENGTH = 12;

export function intern(text: string, start: number, end: number): string {
  const length = end - start;
  // V8 makes a longer slice a view into the whole text, which the cache would keep alive.
  if (length > MAX_LENGTH) return text.slice(start, end);
  let hash = length;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  const slot = (hash ^ (hash >>> 15)) & (SLOTS - 1);
  const candidate = slots[slot];
  if (candidate !== undefined && candidate.length === length && text.startsWith(candidate, start))
    return candidate;
  const made = text.slice(start, end);
  slots[slot] = made;
  return made;
}
