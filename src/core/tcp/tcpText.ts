import { phrasebook } from '../text/words';

/**
 * The pieces of TCP sentences the engine puts together (why a value is expected, why a segment
 * cannot be sent, fix titles, related-location notes), in English and 简体中文. Flags, states,
 * field names and RFC sections stay as written.
 */
const EN = {
  causeNone: 'nothing has been received yet',
  causeAt: (p: { from: string; line: number; seq: string }) =>
    `${p.from} sent at line ${p.line} (seq=${p.seq})`,
  causeSynFin: (p: { at: string }) => `the SYN and FIN ${p.at} consume one sequence number each`,
  causeSyn: (p: { at: string }) => `the SYN ${p.at} consumes one sequence number`,
  causeFin: (p: { at: string }) => `the FIN ${p.at} consumes one sequence number`,
  causeSegment: (p: { at: string }) => `the segment ${p.at} sets it`,
  causeData: (p: { at: string; syn: boolean; fin: boolean; length: number; sum: string }) =>
    `${p.syn ? 'the SYN and ' : ''}the ${p.length} data byte${p.length === 1 ? '' : 's'}${p.fin ? ' and the FIN' : ''} ${p.at} end there (${p.sum})`,
  reasonIss: (p: { endpoint: string; line: number }) =>
    `${p.endpoint} chose its initial sequence number at line ${p.line}`,
  reasonRefusalSeq: (p: { line: number }) =>
    `the reset answers the segment at line ${p.line} (RFC 9293 §3.10.7.1)`,
  reasonRefusalAck: (p: { line: number }) =>
    `the reset answers the segment at line ${p.line}, which it acknowledges`,
  reasonResetSeq: (p: { cause: string }) => `RST carries SND.NXT: ${p.cause}`,
  reasonLateData: (p: { line: number }) =>
    `the reset answers the data at line ${p.line}, which arrived after this side closed, with its ack (RFC 9293 §3.6.1)`,

  aSegment: 'a segment',
  waitsForSynAck:
    'it has sent its own SYN and waits for the peer’s SYN ACK (or, in a simultaneous open, the peer’s SYN)',
  noSynToAnswer: 'it has received no SYN to answer',
  abortInSynSent: 'an abort in SYN_SENT sends no reset (write `close`)',
  nothingToRefuse: 'it has no connection and received nothing to refuse',
  openFirst: 'open the connection with a SYN first',
  listeningAnswersSyn: 'a listening endpoint only answers a SYN',
  waitsForPeerSynAck: 'it waits for the peer’s SYN ACK',
  waitsForPeerAck: 'it has sent its SYN ACK and waits for the peer’s ACK',
  sendSynAckFirst: 'it must first send its SYN ACK',
  noConnection: 'it has no connection',
  neverListened: 'never listened',
  noConnectionWith: (p: { peer: string }) => `has no connection with ${p.peer}`,
  sendsThisSegment: (p: { from: string; to: string }) => `${p.from} sends this segment to ${p.to}`,
  setsNextSeq: 'this segment sets the next sequence number',
  determinesAck: 'this segment determines the expected ack',
  becameHere: (p: { endpoint: string; state: string }) => `${p.endpoint} became ${p.state} here`,
  sinceLine: (p: { line: number }) => ` since line ${p.line}`,
  hintTimeWait: (p: { endpoint: string }) =>
    ` ${p.endpoint} closed first (it sent the first FIN), so it waits 2MSL in TIME_WAIT before it is CLOSED: write 'wait 2MSL' before this line.`,
  hintWaitedPart: (p: { endpoint: string; waited: string; total: string }) =>
    ` It has waited ${p.waited} of 2MSL = ${p.total} there (RFC 9293 §3.4.2 takes MSL as 2 minutes).`,
  hintOnlyFirstCloserWaits: (p: { endpoint: string }) =>
    ` Only the endpoint that closes first (sends the first FIN) goes through TIME_WAIT; the other goes CLOSE_WAIT, LAST_ACK, CLOSED, so ${p.endpoint} never waits 2MSL.`,
  hintListen: (p: { endpoint: string; line: number }) =>
    ` To accept the connection, ${p.endpoint} must listen first: write '${p.endpoint} listen' before line ${p.line}.`,
  hintSwapped:
    ' seq and ack look swapped: seq counts what this side sends, ack what it has received.',
  hintPlusOne: ' SYN and FIN each consume one sequence number: did you forget the +1?',
  hintDifferentBases: (p: { a: string; b: string }) =>
    ` ${p.a} and ${p.b} count from different numbers.`,
  synFin:
    'a segment cannot open and close a connection at once; stacks drop SYN+FIN, which only scanners send',
  synRst: 'a reset cannot open a connection; stacks drop SYN+RST',

  fixAddAck: 'Add the ACK flag',
  fixAddSeq: 'Add seq= with a symbolic initial sequence number',
  fixListen: (p: { endpoint: string }) => `Let ${p.endpoint} listen before the SYN`,
  fixAnswer: (p: { reply: string }) => `Answer with ${p.reply}`,
  fixSeq: (p: { text: string }) => `Change seq to ${p.text}`,
  fixAddAckValue: (p: { text: string }) => `Add ack=${p.text}`,
  fixAck: (p: { text: string }) => `Change ack to ${p.text}`,
  fixDeclare: (p: { name: string }) => `Declare endpoint ${p.name}`,
  fixExpect: (p: { state: string }) => `Expect ${p.state}`,
  fixWait2Msl: 'Insert wait 2MSL before this line',
  fixPayloadComment: 'Make the payload a comment (#)',
  synAckDataAcked: (p: { len: number; peer: string; ack: string }) =>
    ` Its ${p.len} bytes follow the SYN in the sequence space, so ${p.peer} acknowledges ${p.ack}.`,
  synDataOrLabel: (p: { len: number }) =>
    ` Its last word may be a label: the lines after it decide, counting its ${p.len} bytes after the SYN when they acknowledge them. A label is written as a comment (#).`,
  fixDeliverAgain: (p: { label: string }) => `Deliver ${p.label} again (a duplicate)`,

  phases: {
    handshake: 'Three-way handshake',
    data: 'Data transfer',
    close: 'Connection close',
    reset: 'Reset',
  },
};

const ZH_CN: typeof EN = {
  causeNone: '还没有收到任何数据',
  causeAt: (p) => `${p.from} 在第 ${p.line} 行发送的（seq=${p.seq}）`,
  causeSynFin: (p) => `${p.at} SYN 和 FIN 各占用一个序列号`,
  causeSyn: (p) => `${p.at} SYN 占用一个序列号`,
  causeFin: (p) => `${p.at} FIN 占用一个序列号`,
  causeSegment: (p) => `由${p.at}报文段决定`,
  causeData: (p) =>
    `${p.at}${p.syn ? ' SYN 和' : ''} ${p.length} 字节数据${p.fin ? '和 FIN' : ''}到此为止（${p.sum}）`,
  reasonIss: (p) => `${p.endpoint} 在第 ${p.line} 行选定了它的初始序列号`,
  reasonRefusalSeq: (p) => `这个复位应答第 ${p.line} 行的报文段（RFC 9293 §3.10.7.1）`,
  reasonRefusalAck: (p) => `这个复位应答并确认第 ${p.line} 行的报文段`,
  reasonResetSeq: (p) => `RST 携带 SND.NXT：${p.cause}`,
  reasonLateData: (p) =>
    `这个复位应答第 ${p.line} 行的数据：它在本端关闭之后到达，复位携带它的确认号（RFC 9293 §3.6.1）`,

  aSegment: '报文段',
  waitsForSynAck: '它已发送自己的 SYN，正在等待对端的 SYN ACK（同时打开时是对端的 SYN）',
  noSynToAnswer: '它没有收到需要应答的 SYN',
  abortInSynSent: '在 SYN_SENT 中中止连接不发送复位（请写 `close`）',
  nothingToRefuse: '它没有连接，也没有收到需要拒绝的报文段',
  openFirst: '请先用 SYN 建立连接',
  listeningAnswersSyn: '处于监听的端点只应答 SYN',
  waitsForPeerSynAck: '它在等待对端的 SYN ACK',
  waitsForPeerAck: '它已发送 SYN ACK，正在等待对端的 ACK',
  sendSynAckFirst: '它必须先发送 SYN ACK',
  noConnection: '它没有连接',
  neverListened: '从未监听',
  noConnectionWith: (p) => `与 ${p.peer} 没有连接`,
  sendsThisSegment: (p) => `${p.from} 向 ${p.to} 发送这个报文段`,
  setsNextSeq: '这个报文段决定了下一个序列号',
  determinesAck: '这个报文段决定了期望的确认号',
  becameHere: (p) => `${p.endpoint} 在这里变为 ${p.state}`,
  sinceLine: (p) => `（自第 ${p.line} 行起）`,
  hintTimeWait: (p) =>
    `${p.endpoint} 先关闭（它发送了第一个 FIN），所以要在 TIME_WAIT 等待 2MSL 后才进入 CLOSED：请在这一行之前写 'wait 2MSL'。`,
  hintWaitedPart: (p) =>
    `它在那里只等了 ${p.waited}，2MSL = ${p.total}（RFC 9293 §3.4.2 把 MSL 取为 2 分钟）。`,
  hintOnlyFirstCloserWaits: (p) =>
    `只有先关闭的一端（发送第一个 FIN 的一端）才经过 TIME_WAIT；另一端经过 CLOSE_WAIT、LAST_ACK 到 CLOSED，所以 ${p.endpoint} 不会等待 2MSL。`,
  hintListen: (p) =>
    `要接受这个连接，${p.endpoint} 必须先监听：请在第 ${p.line} 行之前写 '${p.endpoint} listen'。`,
  hintSwapped: 'seq 和 ack 似乎写反了：seq 计的是本端发送的数据，ack 计的是本端收到的数据。',
  hintPlusOne: 'SYN 和 FIN 各占用一个序列号：是不是忘了 +1？',
  hintDifferentBases: (p) => `${p.a} 和 ${p.b} 的起点不同。`,
  synFin: '一个报文段不能同时建立和关闭连接；协议栈会丢弃 SYN+FIN，只有扫描器才会发送它',
  synRst: '复位报文不能建立连接；协议栈会丢弃 SYN+RST',

  fixAddAck: '加上 ACK 标志位',
  fixAddSeq: '加上 seq=，用符号表示初始序列号',
  fixListen: (p) => `让 ${p.endpoint} 在 SYN 之前监听`,
  fixAnswer: (p) => `改为应答 ${p.reply}`,
  fixSeq: (p) => `把 seq 改为 ${p.text}`,
  fixAddAckValue: (p) => `加上 ack=${p.text}`,
  fixAck: (p) => `把 ack 改为 ${p.text}`,
  fixDeclare: (p) => `声明端点 ${p.name}`,
  fixExpect: (p) => `预期改为 ${p.state}`,
  fixWait2Msl: '在这一行之前插入 wait 2MSL',
  fixPayloadComment: '把载荷改为注释（#）',
  synAckDataAcked: (p) =>
    `它的 ${p.len} 个字节在序列号空间中紧跟 SYN，所以 ${p.peer} 确认 ${p.ack}。`,
  synDataOrLabel: (p) =>
    `最后的字符串可能只是标签：由后面的行决定，它们确认了这 ${p.len} 个字节，这些字节才算在 SYN 之后。标签应写成注释（#）。`,
  fixDeliverAgain: (p) => `再次交付 ${p.label}（重复报文段）`,

  phases: {
    handshake: '三次握手',
    data: '数据传输',
    close: '连接释放（四次挥手）',
    reset: '复位',
  },
};

/** The TCP texts as phrases, worded where they are shown (`word(text, locale)`). */
export const TCP_TEXT = phrasebook({ en: EN, 'zh-cn': ZH_CN });

export const TCP_TEXT_TABLES = { en: EN, 'zh-cn': ZH_CN } as const;
