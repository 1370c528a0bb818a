/**
 * `text.slice(start, end)`, from a small cache of recent results when one matches: the names
 * of a scenario repeat on every line, and 100k lines then share a handful of strings instead
 * of keeping one copy each.
 */
const recent: string[] = [];
let recentNext = 0;
const MAX_LENGTH = 12;

export function intern(text: string, start: number, end: number): string {
  const length = end - start;
  // V8 makes a longer slice a view into the whole text, which the cache would keep alive.
  if (length > MAX_LENGTH) return text.slice(start, end);
  for (const candidate of recent) {
    if (candidate.length === length && text.startsWith(candidate, start)) return candidate;
  }
  const made = text.slice(start, end);
  recent[recentNext] = made;
  recentNext = (recentNext + 1) % 8;
  return made;
}
