/**
 * The last of `items` (sorted by where they start) that starts at or before `offset`: a binary
 * search, so that finding the statement or step at a cursor costs log n on a 100k-line text.
 */
export function lastStartingAtOrBefore<T>(
  items: readonly T[],
  offset: number,
  startOf: (item: T) => number,
): T | undefined {
  let low = 0;
  let high = items.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const item = items[mid] as T;
    if (startOf(item) <= offset) {
      found = item;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
