import type { Address } from './tree';
import type { Span } from '../text/span';

export type AddressResult =
  | { readonly ok: true; readonly address: Address }
  | { readonly ok: false; readonly reason: string };

/** Reads `a.b.c.d:port` or `[v6]:port`. */
export function parseAddress(text: string, span: Span): AddressResult {
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
