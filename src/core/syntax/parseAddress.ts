import type { Address } from './tree';
import type { Span } from '../text/span';

export type AddressResult =
  | { readonly ok: true; readonly address: Address }
  | { readonly ok: false; readonly reason: string };

/** Reads `a.b.c.d:port` or `[v6]:port`. */
export function parseAddress(text: string, span: Span): AddressResult {
  const colon = ipv4HostEnd(text);
  if (colon > 0) {
    const port = digitsValue(text, colon + 1);
    if (port >= 0 && port <= 65535) {
      const host = text.slice(0, colon);
      return { ok: true, address: { ...span, text, host, port, family: 4 } };
    }
  }
  const v6 = /^\[([^\]]*)\]:(\d+)$/.exec(text);
  const v4 = /^([0-9.]+):(\d+)$/.exec(text);
  const match = v6 ?? v4;
  if (!match) return { ok: false, reason: 'expected ADDRESS:PORT' };
  const host = match[1] as string;
  const port = Number(match[2]);
  if (port > 65535) return { ok: false, reason: `port ${port} is above 65535` };
  if (v6 && !isIpv6(host)) return { ok: false, reason: `'${host}' is not an IPv6 address` };
  if (v4 && !isIpv4(host)) return { ok: false, reason: `'${host}' is not an IPv4 address` };
  return { ok: true, address: { ...span, text, host, port, family: v6 ? 6 : 4 } };
}

/**
 * Where the `:` after a valid IPv4 host at the start of `text` is, or -1: the usual address
 * read from its characters, with no regular expression and no split (an imported capture
 * declares thousands). Anything else is left to the general reading, which words the problem.
 */
function ipv4HostEnd(text: string): number {
  let i = 0;
  for (let group = 0; group < 4; group++) {
    if (group > 0) {
      if (text.charCodeAt(i) !== DOT) return -1;
      i++;
    }
    const start = i;
    let value = 0;
    while (i - start < 4 && isDigit(text.charCodeAt(i)))
      value = value * 10 + text.charCodeAt(i++) - ZERO;
    if (i === start || i - start > 3 || value > 255) return -1;
  }
  return text.charCodeAt(i) === COLON ? i : -1;
}

/** The number the digits from `start` to the end of `text` make, or -1 if anything else is there. */
function digitsValue(text: string, start: number): number {
  // Six digits or more need the general reading's message if above 65535; leave them to it.
  if (start >= text.length || text.length - start > 5) return -1;
  let value = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    value = value * 10 + c - ZERO;
  }
  return value;
}

const DOT = 46;
const ZERO = 48;
const COLON = 58;

function isDigit(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9;
}

function isIpv4(host: string): boolean {
  const parts = host.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

function isIpv6(host: string): boolean {
  if (host.length === 0 || host.length > 45) return false;
  let groups = host;
  let needed = 8;
  // An embedded IPv4 tail (::ffff:192.0.2.1) stands for two groups.
  const tail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (tail) {
    if (!isIpv4(tail[1] as string)) return false;
    groups = host.slice(0, tail.index + 1) + '0';
    needed = 7;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return false;
  const count = (half: string): number | undefined => {
    if (half === '') return 0;
    const parts = half.split(':');
    return parts.every((part) => /^[0-9a-fA-F]{1,4}$/.test(part)) ? parts.length : undefined;
  };
  const counts = halves.map(count);
  if (counts.some((n) => n === undefined)) return false;
  const total = counts.reduce<number>((sum, n) => sum + (n ?? 0), 0);
  return halves.length === 2 ? total < needed : total === needed;
}
