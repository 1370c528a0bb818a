/**
 * Parses an IPv4 or IPv6 address as tcpdump prints it into four 32-bit words (IPv4 in the last
 * word). A host name (tcpdump without -n) gets words hashed from the name, so that it still
 * tells connections apart, and is returned as `name`.
 */
export function parseAddressWords(
  text: string,
  words: Uint32Array,
): { family: 4 | 6; name: string } {
  words[0] = words[1] = words[2] = words[3] = 0;
  const v4 = ipv4(text);
  if (v4 !== undefined) {
    words[3] = v4;
    return { family: 4, name: '' };
  }
  if (text.includes(':') && ipv6(text, words)) return { family: 6, name: '' };
  // FNV-1a over the name, spread over three words so that names and IPv4 never collide.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  words[0] = 0xffffffff;
  words[1] = hash;
  words[2] = text.length;
  return { family: 4, name: text };
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

function ipv6(text: string, words: Uint32Array): boolean {
  const clean = text.replace(/%.*$/, ''); // a zone (fe80::1%eth0) does not name another host
  const halves = clean.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    const parts = half.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = ipv4(part);
        if (v4 === undefined) return undefined;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
        out.push(parseInt(part, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  if (!head || !tail) return false;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return false;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  for (let i = 0; i < 4; i++)
    words[i] = (((all[2 * i] as number) << 16) | (all[2 * i + 1] as number)) >>> 0;
  return true;
}
