/**
 * Every sentence the capture readers say about a file, in one table so that it can be
 * translated. Offsets are byte offsets from the start of the file.
 */
export const CAPTURE_MESSAGES = {
  empty: () => 'The file is empty: there is nothing to import.',
  notCapture: (p: { bytes: string }) =>
    `Not a packet capture: a pcap file starts with a1b2c3d4 or a1b23c4d (in either byte order), a pcapng file with 0a0d0d0a, and tcpdump text is plain text; this file starts with ${p.bytes}.`,
  shortHeader: (p: { size: number }) =>
    `The file ends inside the 24-byte pcap file header (it has ${p.size} bytes).`,
  pcapVersion: (p: { major: number; minor: number }) =>
    `pcap version ${p.major}.${p.minor} is not supported (2.4 is).`,
  hugeSnaplen: (p: { snaplen: number }) =>
    `The snapshot length ${p.snaplen} is impossibly large: the header is corrupt.`,
  linkType: (p: { linkType: number }) =>
    `Link type ${p.linkType} is not supported: Ethernet (1), Linux cooked SLL (113) and SLL2 (276), raw IP (101, 228, 229) and loopback (0, 108) are.`,
  hugeRecord: (p: { caplen: number; max: number }) =>
    `A record says it holds ${p.caplen} captured bytes, more than the ${p.max} a packet can have: the file is corrupt from here.`,
  truncatedRecord: (p: { frame: number; need: number; have: number }) =>
    `The file ends inside frame ${p.frame}: its record needs ${p.need} bytes and only ${p.have} are left; the frames before it were imported.`,
  truncatedRecordHeader: (p: { frame: number; have: number }) =>
    `The file ends inside the 16-byte record header of frame ${p.frame} (only ${p.have} bytes are left); the frames before it were imported.`,
  truncatedBlock: (p: { need: number; have: number }) =>
    `The file ends inside a pcapng block of ${p.need} bytes (only ${p.have} are left); the packets before it were imported.`,
  badBlockLength: (p: { length: number }) =>
    `A pcapng block length of ${p.length} is impossible (at least 12 and a multiple of 4): the file is corrupt from here.`,
  hugeBlock: (p: { length: number; max: number }) =>
    `A pcapng packet block of ${p.length} bytes is larger than the ${p.max} allowed: the file is corrupt from here.`,
  trailerMismatch: (p: { first: number; last: number }) =>
    `A pcapng block starts with length ${p.first} but ends with ${p.last}: the file is corrupt from here.`,
  badByteOrder: (p: { magic: string }) =>
    `A pcapng section header has byte-order magic ${p.magic} instead of 1a2b3c4d: the file is corrupt from here.`,
  noSection: () => 'The pcapng file does not start with a section header block.',
  unknownInterface: (p: { id: number }) =>
    `A packet names interface ${p.id}, which no interface description block declared; it was skipped.`,
  badTsresol: (p: { value: number }) =>
    `An interface has timestamp resolution byte ${p.value}, finer than 1e-19 s; timestamps are taken as microseconds.`,
  textUnreadable: (p: { text: string }) =>
    `This line looks like a tcpdump TCP line but cannot be read: ${p.text}`,
  textNothing: () =>
    'No TCP packet found in this text: paste tcpdump output such as "IP 10.0.0.1.50000 > 10.0.0.2.80: Flags [S], seq 1, win 64240, length 0".',
} as const;
