import type { TcpPacket } from './packet';

/** Link-layer header types (tcpdump.org/linktypes.html) that the readers decode. */
export const LINK_TYPE = {
  NULL: 0, // BSD loopback: 4-byte address family in the capturing host's byte order
  ETHERNET: 1,
  RAW: 101, // raw IPv4 or IPv6
  RAW_OPENBSD: 12,
  LOOP: 108, // OpenBSD loopback: family in network byte order
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const SUPPORTED = new Set<number>(Object.values(LINK_TYPE));

/** True when `decodeFrame` understands frames of this link type. */
export function isSupportedLinkType(linkType: number): boolean {
  return SUPPORTED.has(linkType);
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = 0x8100;
const ETHERTYPE_QINQ = 0x88a8;
const ETHERTYPE_QINQ_OLD = 0x9100;

/**
 * Decodes the frame `bytes[start, start + caplen)` down to TCP and fills `packet`'s addresses,
 * ports, numbers, flags, options and payload. Returns false, leaving `packet` partly filled,
 * for anything that is not a complete TCP header: other protocols, fragments after the first,
 * frames cut short by the snapshot length. Payload lengths come from the IP headers, so a
 * payload cut by the snapshot length still counts its full length.
 */
export function decodeFrame(
  bytes: Uint8Array,
  start: number,
  caplen: number,
  linkType: number,
  packet: TcpPacket,
): boolean {
  const end = start + caplen;
  switch (linkType) {
    case LINK_TYPE.ETHERNET:
      return decodeEthernet(bytes, start, end, packet);
    case LINK_TYPE.LINUX_SLL:
      return (
        end - start >= 16 && decodeEthertype(bytes, u16(bytes, start + 14), start + 16, end, packet)
      );
    case LINK_TYPE.LINUX_SLL2:
      return (
        end - start >= 20 && decodeEthertype(bytes, u16(bytes, start), start + 20, end, packet)
      );
    case LINK_TYPE.RAW:
    case LINK_TYPE.RAW_OPENBSD:
    case LINK_TYPE.IPV4:
    case LINK_TYPE.IPV6:
      return decodeIp(bytes, start, end, packet);
    case LINK_TYPE.NULL:
    case LINK_TYPE.LOOP:
      // The family is 2 for IPv4 and 24, 28 or 30 for IPv6 depending on the OS; the byte
      // order of NULL is the capturing host's, so the IP version nibble decides.
      return end - start >= 4 && decodeIp(bytes, start + 4, end, packet);
    default:
      return false;
  }
}

function decodeEthernet(bytes: Uint8Array, start: number, end: number, packet: TcpPacket): boolean {
  if (end - start < 14) return false;
  return decodeEthertype(bytes, u16(bytes, start + 12), start + 14, end, packet);
}

function decodeEthertype(
  bytes: Uint8Array,
  type: number,
  start: number,
  end: number,
  packet: TcpPacket,
): boolean {
  // 802.1Q and 802.1ad tags: 2 bytes of tag, then the next ethertype; stacked tags repeat.
  for (
    let tags = 0;
    type === ETHERTYPE_VLAN || type === ETHERTYPE_QINQ || type === ETHERTYPE_QINQ_OLD;
    tags++
  ) {
    if (tags > 8 || end - start < 4) return false;
    type = u16(bytes, start + 2);
    start += 4;
  }
  if (type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6)
    return decodeIp(bytes, start, end, packet);
  return false;
}

/** Decodes an IPv4 or IPv6 packet at `start` (the version nibble decides). */
export function decodeIp(
  bytes: Uint8Array,
  start: number,
  end: number,
  packet: TcpPacket,
): boolean {
  if (end - start < 1) return false;
  const version = (bytes[start] as number) >> 4;
  if (version === 4) return decodeIpv4(bytes, start, end, packet);
  if (version === 6) return decodeIpv6(bytes, start, end, packet);
  return false;
}

function decodeIpv4(bytes: Uint8Array, start: number, end: number, packet: TcpPacket): boolean {
  if (end - start < 20) return false;
  const headerLength = ((bytes[start] as number) & 15) * 4;
  const totalLength = u16(bytes, start + 2);
  const fragment = u16(bytes, start + 6);
  if (headerLength < 20 || bytes[start + 9] !== 6) return false;
  // Only unfragmented packets: a fragment's TCP header may be elsewhere (RFC 791).
  if ((fragment & 0x3fff) !== 0) return false;
  packet.family = 4;
  const src = packet.srcWords;
  const dst = packet.dstWords;
  src[0] = src[1] = src[2] = dst[0] = dst[1] = dst[2] = 0;
  src[3] = u32(bytes, start + 12);
  dst[3] = u32(bytes, start + 16);
  // TSO and some drivers capture a total length of 0; the captured bytes are then the packet.
  const ipEnd = totalLength === 0 ? end - start : totalLength;
  return decodeTcp(bytes, start + headerLength, end, ipEnd - headerLength, packet);
}

const IPV6_HOP_BY_HOP = 0;
const IPV6_ROUTING = 43;
const IPV6_FRAGMENT = 44;
const IPV6_DESTINATION = 60;

function decodeIpv6(bytes: Uint8Array, start: number, end: number, packet: TcpPacket): boolean {
  if (end - start < 40) return false;
  let payloadLength = u16(bytes, start + 4);
  let next = bytes[start + 6] as number;
  packet.family = 6;
  for (let i = 0; i < 4; i++) {
    packet.srcWords[i] = u32(bytes, start + 8 + i * 4);
    packet.dstWords[i] = u32(bytes, start + 24 + i * 4);
  }
  let at = start + 40;
  // Extension headers (RFC 8200 §4) until TCP; a fragment that is not the first is skipped.
  for (let hops = 0; next !== 6; hops++) {
    if (hops > 8 || end - at < 8) return false;
    if (next === IPV6_FRAGMENT) {
      if ((u16(bytes, at + 2) & 0xfff9) !== 0) return false;
      next = bytes[at] as number;
      at += 8;
      payloadLength -= 8;
    } else if (next === IPV6_HOP_BY_HOP || next === IPV6_ROUTING || next === IPV6_DESTINATION) {
      const size = ((bytes[at + 1] as number) + 1) * 8;
      next = bytes[at] as number;
      at += size;
      payloadLength -= size;
    } else {
      return false;
    }
  }
  if (payloadLength === 0) payloadLength = end - at; // a jumbogram or a capture without lengths
  return decodeTcp(bytes, at, end, payloadLength, packet);
}

function decodeTcp(
  bytes: Uint8Array,
  start: number,
  end: number,
  segmentLength: number,
  packet: TcpPacket,
): boolean {
  if (end - start < 20) return false;
  const headerLength = ((bytes[start + 12] as number) >> 4) * 4;
  if (headerLength < 20 || segmentLength < headerLength) return false;
  packet.srcPort = u16(bytes, start);
  packet.dstPort = u16(bytes, start + 2);
  packet.seq = u32(bytes, start + 4);
  packet.ack = u32(bytes, start + 8);
  packet.flags = bytes[start + 13] as number;
  packet.win = u16(bytes, start + 14);
  packet.len = segmentLength - headerLength;
  packet.mss = -1;
  packet.wscale = -1;
  if (headerLength > 20)
    readOptions(bytes, start + 20, Math.min(start + headerLength, end), packet);
  packet.bytes = bytes;
  packet.payloadStart = Math.min(start + headerLength, end);
  packet.payloadEnd = Math.min(start + headerLength + packet.len, end);
  return true;
}

const OPTION_END = 0;
const OPTION_NOP = 1;
const OPTION_MSS = 2;
const OPTION_WSCALE = 3;

function readOptions(bytes: Uint8Array, at: number, end: number, packet: TcpPacket): void {
  while (at < end) {
    const kind = bytes[at] as number;
    if (kind === OPTION_END) return;
    if (kind === OPTION_NOP) {
      at++;
      continue;
    }
    if (at + 1 >= end) return;
    const size = bytes[at + 1] as number;
    if (size < 2 || at + size > end) return;
    if (kind === OPTION_MSS && size === 4) packet.mss = u16(bytes, at + 2);
    // RFC 7323 §2.3: a shift above 14 is used as 14.
    if (kind === OPTION_WSCALE && size === 3) packet.wscale = Math.min(bytes[at + 2] as number, 14);
    at += size;
  }
}

function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
}

function u32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] as number) << 24) |
      ((bytes[at + 1] as number) << 16) |
      ((bytes[at + 2] as number) << 8) |
      (bytes[at + 3] as number)) >>>
    0
  );
}
