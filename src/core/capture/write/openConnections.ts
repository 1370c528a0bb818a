/** One entry of OpenConnections: its value, and its neighbours in the order of use. */
interface Entry<K, V> {
  readonly key: K;
  value: V;
  older: Entry<K, V> | undefined;
  newer: Entry<K, V> | undefined;
}

/**
 * The connections an import holds open, by the order they were last used: `use` finds one and
 * makes it the newest, `oldest` is the one idle longest. Every operation takes constant time.
 * (A Map re-inserted on each use keeps that order too, but asking it for its first entry after
 * many deletions at the front walks over their holes: an import that let go of the idle one
 * for each new connection spent most of its time there.)
 */
export class OpenConnections<K, V> {
  private readonly entries = new Map<K, Entry<K, V>>();
  private oldestEntry: Entry<K, V> | undefined;
  private newestEntry: Entry<K, V> | undefined;

  get size(): number {
    return this.entries.size;
  }

  /** The value held for `key`, which becomes the newest; undefined when none is. */
  use(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry !== this.newestEntry) {
      this.unlink(entry);
      this.append(entry);
    }
    return entry.value;
  }

  /** Holds `value` for `key`, as the newest. */
  set(key: K, value: V): void {
    const known = this.entries.get(key);
    if (known) {
      known.value = value;
      this.use(key);
      return;
    }
    const entry: Entry<K, V> = { key, value, older: undefined, newer: undefined };
    this.entries.set(key, entry);
    this.append(entry);
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.unlink(entry);
    return true;
  }

  /** The key and value used longest ago, or undefined when it holds none. */
  oldest(): readonly [K, V] | undefined {
    const entry = this.oldestEntry;
    return entry ? [entry.key, entry.value] : undefined;
  }

  /** The values, oldest first. */
  *values(): IterableIterator<V> {
    for (let entry = this.oldestEntry; entry; entry = entry.newer) yield entry.value;
  }

  private append(entry: Entry<K, V>): void {
    entry.older = this.newestEntry;
    entry.newer = undefined;
    if (this.newestEntry) this.newestEntry.newer = entry;
    else this.oldestEntry = entry;
    this.newestEntry = entry;
  }

  private unlink(entry: Entry<K, V>): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.oldestEntry = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.newestEntry = entry.older;
    entry.older = entry.newer = undefined;
  }
}
