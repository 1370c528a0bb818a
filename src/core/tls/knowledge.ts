/**
 * Who knows which secret. Randoms and key shares are public once sent; a premaster secret is
 * known to whoever made it and to whoever holds the private key it was encrypted with; a
 * private key only to its holder. Derived secrets are computed from these, never stored.
 */
export class Knowledge {
  private readonly known = new Map<string, Set<string>>();

  learn(endpoint: string, secret: string): void {
    let set = this.known.get(endpoint);
    if (!set) this.known.set(endpoint, (set = new Set()));
    set.add(secret);
  }

  knows(endpoint: string, secret: string): boolean {
    return this.known.get(endpoint)?.has(secret) ?? false;
  }

  /** True when some endpoint other than `except` knows `secret`. */
  knownToOthers(secret: string, except: string): boolean {
    for (const [endpoint, set] of this.known)
      if (endpoint !== except && set.has(secret)) return true;
    return false;
  }

  list(endpoint: string): string[] {
    return [...(this.known.get(endpoint) ?? [])].sort();
  }
}

/** The name under which an endpoint knows the private half of a key or key share. */
export function privateOf(name: string): string {
  return `${name} (private)`;
}
