import { phrasebook } from '../../text/words';

/**
 * Every sentence the capture readers say about a file, in one table so that it can be
 * translated. Offsets are byte offsets from the start of the file.
 */
const EN = {
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
    `The file ends inside frame ${p.frame}: its record needs ${p.need} bytes and only ${p.have} are left; ${p.frame > 1 ? 'the frames before it were imported' : 'no frame came before it'}.`,
  truncatedRecordHeader: (p: { frame: number; have: number }) =>
    `The file ends inside the 16-byte record header of frame ${p.frame} (only ${p.have} bytes are left); ${p.frame > 1 ? 'the frames before it were imported' : 'no frame came before it'}.`,
  truncatedBlock: (p: { need: number; have: number; frames: number }) =>
    `The file ends inside a pcapng block of ${p.need} bytes (only ${p.have} are left); ${p.frames > 0 ? 'the packets before it were imported' : 'no packet came before it'}.`,
  truncatedSection: (p: { have: number }) =>
    `The file ends inside its first pcapng section header (only ${p.have} of at least 28 bytes): it holds no packet.`,
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
  cancelled: () => 'The import was cancelled.',
  noTcp: () => 'The capture holds no TCP packets.',
  tooManyOpen: (p: { most: number; cut: number }) =>
    `More than ${p.most} connections were open at once, the most an import holds: the rest of ${p.cut} connection${p.cut === 1 ? '' : 's'} (each the one idle longest when another opened) is not imported; each says where it stops. Import fewer at a time with --connection N, or filter the capture first (tcpdump -r F -w G 'port 443').`,
  noSuchConnection: (p: { connection: number; count: number }) =>
    `There is no connection ${p.connection}: the capture has ${p.count} TCP connection${p.count === 1 ? '' : 's'}, numbered 1 to ${p.count} (import --list shows them).`,
};

const ZH_CN: typeof EN = {
  empty: () => '文件是空的：没有可导入的内容。',
  notCapture: (p) =>
    `这不是抓包文件：pcap 文件以 a1b2c3d4 或 a1b23c4d 开头（两种字节序均可），pcapng 文件以 0a0d0d0a 开头，tcpdump 文本则是纯文本；这个文件以 ${p.bytes} 开头。`,
  shortHeader: (p) => `文件在 24 字节的 pcap 文件头中间就结束了（只有 ${p.size} 字节）。`,
  pcapVersion: (p) => `不支持 pcap 版本 ${p.major}.${p.minor}（支持 2.4）。`,
  hugeSnaplen: (p) => `快照长度 ${p.snaplen} 大得不可能：文件头已损坏。`,
  linkType: (p) =>
    `不支持链路类型 ${p.linkType}：支持以太网 (1)、Linux cooked SLL (113) 和 SLL2 (276)、原始 IP (101、228、229) 以及回环 (0、108)。`,
  hugeRecord: (p) =>
    `一条记录声称包含 ${p.caplen} 个抓取字节，超过了一个分组最多的 ${p.max} 字节：文件从这里开始已损坏。`,
  truncatedRecord: (p) =>
    `文件在第 ${p.frame} 帧中间结束：这条记录需要 ${p.need} 字节，只剩 ${p.have} 字节；${p.frame > 1 ? '之前的帧已导入' : '它之前没有帧'}。`,
  truncatedRecordHeader: (p) =>
    `文件在第 ${p.frame} 帧 16 字节的记录头中间结束（只剩 ${p.have} 字节）；${p.frame > 1 ? '之前的帧已导入' : '它之前没有帧'}。`,
  truncatedBlock: (p) =>
    `文件在一个 ${p.need} 字节的 pcapng 块中间结束（只剩 ${p.have} 字节）；${p.frames > 0 ? '之前的分组已导入' : '它之前没有分组'}。`,
  truncatedSection: (p) =>
    `文件在第一个 pcapng 节头中间结束（只有 ${p.have} 字节，至少需要 28 字节）：其中没有分组。`,
  badBlockLength: (p) =>
    `pcapng 块长度 ${p.length} 不可能（至少为 12 且是 4 的倍数）：文件从这里开始已损坏。`,
  hugeBlock: (p) =>
    `一个 ${p.length} 字节的 pcapng 分组块超过了允许的 ${p.max} 字节：文件从这里开始已损坏。`,
  trailerMismatch: (p) =>
    `一个 pcapng 块开头的长度是 ${p.first}，结尾却是 ${p.last}：文件从这里开始已损坏。`,
  badByteOrder: (p) =>
    `pcapng 节头块的字节序魔数是 ${p.magic}，而不是 1a2b3c4d：文件从这里开始已损坏。`,
  noSection: () => 'pcapng 文件不是以节头块开始的。',
  unknownInterface: (p) => `一个分组引用了接口 ${p.id}，但没有接口描述块声明它；已跳过。`,
  badTsresol: (p) => `一个接口的时间戳精度字节为 ${p.value}，比 1e-19 秒还精细；时间戳按微秒处理。`,
  textUnreadable: (p) => `这一行看起来是 tcpdump 的 TCP 行，但无法读取：${p.text}`,
  textNothing: () =>
    '这段文本中没有找到 TCP 分组：请粘贴 tcpdump 的输出，例如 "IP 10.0.0.1.50000 > 10.0.0.2.80: Flags [S], seq 1, win 64240, length 0"。',
  cancelled: () => '导入已取消。',
  noTcp: () => '抓包文件中没有 TCP 分组。',
  tooManyOpen: (p) =>
    `同时打开的连接超过 ${p.most} 个，这是一次导入能保留的上限：有 ${p.cut} 个连接（每次都是空闲最久的那个）的其余部分没有导入，每个连接都注明了在哪里停止。可以用 --connection N 分批导入，或先过滤抓包文件（tcpdump -r F -w G 'port 443'）。`,
  noSuchConnection: (p) =>
    `没有第 ${p.connection} 个连接：抓包文件中有 ${p.count} 个 TCP 连接，编号为 1 到 ${p.count}（import --list 会列出它们）。`,
};

/** The capture readers' sentences as phrases, worded where they are shown. */
export const CAPTURE_MESSAGES = phrasebook({ en: EN, 'zh-cn': ZH_CN });

export const CAPTURE_MESSAGES_TABLES = { en: EN, 'zh-cn': ZH_CN } as const;
