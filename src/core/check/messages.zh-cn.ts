import type { MESSAGES } from './messages';

/**
 * 简体中文 diagnostics: the same facts as `MESSAGES`, in the terms Chinese networking textbooks
 * use (三次握手, 四次挥手, 序列号, 确认号, 报文段, 中间人攻击 ...). Protocol names, flags, states,
 * field names and RFC references stay as written in the scenario.
 */
export const MESSAGES_ZH_CN: { readonly [K in keyof typeof MESSAGES]: (typeof MESSAGES)[K] } = {
  UnexpectedCharacter: (p) =>
    p.count && p.count > 1
      ? `${p.count} 个无法识别的字符 '${p.text}'。`
      : `无法识别的字符 '${p.text}'。`,
  UnterminatedString: () => '字符串没有结束：请在行尾之前加上右引号 (")。',
  BadEscape: () => '未知的转义：请使用 \\n、\\r、\\t、\\0、\\\\、\\" 或 \\xHH。',
  ExpectedToken: (p) => `此处应为${p.expected}，实际是${p.found}。`,
  UnknownStatement: (p) =>
    `未知语句 '${p.text}'：每行以 scenario、endpoint、let、expect、wait、simultaneous 或端点名开头。`,
  UnknownFlag: (p) =>
    `未知标志位 '${p.text}'：TCP 标志位有 SYN、ACK、FIN、RST、PSH、URG、ECE 和 CWR。`,
  UnknownField: (p) =>
    `未知字段 '${p.text}'：报文段的字段有 seq=、ack=、win=、len=，SYN 上还有 wscale=。`,
  DuplicateField: (p) => `${p.name} 重复给出；第二个被忽略。`,
  InvalidAddress: (p) =>
    `无效地址 '${p.text}'：${p.reason}。IPv4 写作 192.168.1.116:3337，IPv6 写作 [::1]:443。`,
  UnknownState: (p) =>
    p.nearest
      ? `未知状态 '${p.text}'：请写 ${p.nearest}，这是与它最接近的 RFC 9293 状态。`
      : `未知状态 '${p.text}'：RFC 9293 的状态有 CLOSED、LISTEN、SYN_SENT、SYN_RECEIVED、ESTABLISHED、FIN_WAIT_1、FIN_WAIT_2、CLOSE_WAIT、CLOSING、LAST_ACK 和 TIME_WAIT。`,
  NotASegment: () => 'simultaneous 块中只能写报文段 (A -> B ...)。',
  UnclosedBlock: () => "这个 simultaneous 块缺少右花括号 '}'。",
  StrayBrace: () => "这个 '}' 没有对应的块。",
  UnknownDuration: (p) =>
    `未知的等待 '${p.text}'：TIME_WAIT 结束请写 'wait 2MSL'，或写一段时间，如 'wait 30s'（ms、s、min）。`,
  KeywordAsName: (p) => `'${p.text}' 是关键字，不能用作端点名。`,
  UnfinishedLine: (p) => `这一行还没写完：此处应为${p.expected}。`,
  RemarkWithoutHash: () =>
    '括号里的备注：请在前面加 #（或 //），使它成为注释。这一行余下的部分按注释读取。',
  PastedTcpdump: (p) =>
    p.segment
      ? `tcpdump 输出的一行不是语句：写成报文段是 '${p.segment}'。要导入整段抓包，请用“Handshake: 将 tcpdump 输出粘贴为场景”（或 handshake import）。`
      : 'tcpdump 输出的一行不是语句：请写成报文段（名字 -> 名字 标志位 seq= ack=），并用它的地址声明端点；或用“Handshake: 将 tcpdump 输出粘贴为场景”（或 handshake import）导入整段抓包。',
  MessageInWords: (p) =>
    `'${p.text}' 就是消息 ${p.message}：TLS 消息名是一个词，与 RFC 的写法相同（${p.message}，或 ${p.enumName}）。这里按 ${p.message} 读取。`,
  FullWidthCharacter: (p) =>
    `全角字符 '${p.text}'（${p.code}），输入法常会打出：请写 '${p.ascii}'${p.more > 0 ? `（本行还有 ${p.more} 个全角字符）` : ''}。这里按 '${p.ascii}' 读取。`,

  AckNotNext: (p) => `确认号应为 ${p.expected}：${p.why}。${p.hint}`,
  SeqNotNext: (p) => `序列号应为 ${p.expected}：${p.why}。${p.hint}`,
  AckValueWithoutFlag: () =>
    '给出了 ack=，但没有设置 ACK 标志位：只有设置了 ACK，确认号字段才有效。请加上 ACK 或去掉 ack=。',
  AckFlagWithoutValue: (p) => `设置了 ACK 标志位但没有给出 ack=；引擎按 ack=${p.expected} 处理。`,
  AckUnsentData: (p) =>
    `ack=${p.value} 确认了 ${p.peer} 从未发送的数据：${p.peer} 只发送到 ${p.sndNxt}（它的 SND.NXT）。`,
  UnboundSymbol: (p) =>
    `'${p.name}' 尚未绑定：符号在 seq= 中第一次出现时绑定（作为初始序列号），或用 'let ${p.name} = 数字' 绑定。`,
  SynWithoutSeq: (p) =>
    `SYN 选定 ${p.endpoint} 的初始序列号：请用 seq= 给出（一个数字，或一个符号，如 seq=x）。`,
  IssChanged: (p) =>
    `${p.endpoint} 已在第 ${p.line} 行的 SYN 中选定初始序列号 ${p.iss}；重发的 SYN 必须沿用它。`,
  ResetSeqNotAcceptable: (p) =>
    `RST 报文携带发送方的 SND.NXT，即 ${p.expected}：只有当 RST 的序列号恰好等于接收方的 RCV.NXT 时接收方才会处理，否则回复挑战 ACK (RFC 5961 §3.2)。`,
  Retransmission: (p) => `重传第 ${p.line} 行首次发送的报文段。`,
  OutOfOrder: (p) =>
    `${p.endpoint} 期望下一个序列号为 ${p.expected}，却收到 ${p.got}：前面的数据缺失（丢失或仍在途中），这个报文段被暂存，暂不确认（Wireshark：previous segment not captured）。`,
  MissingAckFlag: (p) =>
    `${p.endpoint} 处于 ${p.state}：SYN 之后的每个报文段都带 ACK 标志位（RFC 9293 §3.10.7.4 会丢弃不带 ACK 的报文段）。`,
  ResetAnswerNotAck: (p) =>
    `对不带 ACK 的报文段的复位应答是 RST ACK，seq=0、ack=${p.expected}（RFC 9293 §3.10.7.1）：处于 SYN_SENT 的端点会丢弃不带 ACK 的复位（§3.10.7.3）。`,

  SpuriousRetransmission: (p) =>
    `伪重传：这个报文段中的数据都已被确认（对端已确认到 ${p.acked}）；接收方丢弃它并再次发送确认（Wireshark：tcp.analysis.spurious_retransmission）。`,
  KeepAlive: () =>
    '保活报文：seq 为 SND.NXT-1，对端已经收到过这个字节，因此会回复一个 ACK（RFC 9293 §3.8.4；Wireshark：tcp.analysis.keep_alive）。',
  ResetSeqIgnored: (p) =>
    `对不带 ACK 的报文段的复位应答携带 seq=0（RFC 9293 §3.10.7.1）；${p.peer} 处于 SYN_SENT，只检查复位的 ack（§3.10.7.3），所以照样处理这个复位。`,
  ResetAckIgnored: (p) =>
    `复位的 ack 是发送方的 RCV.NXT，即 ${p.expected}；${p.peer} 只检查复位的 seq（RFC 5961 §3.2，RFC 9293 §3.10.7.4），所以照样处理这个复位。`,

  InvalidInState: (p) => `${p.endpoint} 处于 ${p.state}，不能发送 ${p.what}：${p.reason}。`,
  DataBeforeEstablished: (p) =>
    `${p.endpoint} 处于 ${p.state}：连接进入 ESTABLISHED 之后才能发送数据。`,
  SynInSynchronizedState: (p) =>
    `${p.endpoint} 处于 ${p.state}：SYN 只用于建立连接；在已同步状态下，对端会回复挑战 ACK（RFC 5961 §4）。`,
  FinAfterFin: (p) =>
    `${p.endpoint} 处于 ${p.state}：它已在第 ${p.line} 行发送了 FIN，不能再发送一个（只能用相同的序列号重传那个 FIN）。`,
  PeerNeverListened: (p) =>
    `${p.endpoint} ${p.reason}，所以真实的协议栈会用复位报文应答第 ${p.line} 行的报文段：${p.endpoint} -> ${p.peer} ${p.reply}。${p.hint}`,
  DataAfterFin: (p) =>
    `${p.endpoint} 处于 ${p.state}：它已在第 ${p.line} 行用 FIN 关闭了发送方向，不能再发送新数据。`,
  ListenNotClosed: (p) => `${p.endpoint} 处于 ${p.state}：只有 CLOSED 的端点才能开始监听。`,
  CloseInvalid: (p) =>
    `${p.endpoint} 处于 ${p.state}：'close' 用于结束 LISTEN 或 SYN_SENT 的端点；已建立的连接通过发送 FIN 关闭。`,
  NothingInTimeWait: () => '没有端点处于 TIME_WAIT，等待 2MSL 不会改变任何状态。',
  SegmentToSelf: (p) => `${p.endpoint} 向自己发送报文段。`,
  OtherConnection: (p) =>
    `${p.endpoint} 已与 ${p.peer} 建立连接；每个端点只持有一个连接，要与 ${p.other} 通信请另外声明一个端点。`,
  AlreadyDelivered: (p) =>
    `标签为 '${p.label}' 的报文段（第 ${p.line} 行）已在第 ${p.delivered} 行到达：网络再次交付一份副本请写 'deliver ${p.label} again'。`,
  DeliverLost: (p) =>
    `标签为 '${p.label}' 的报文段在第 ${p.line} 行丢失（-x），永远不会到达：要让它留在网络中请用 ~> 发送。`,
  StillInFlight: (p) =>
    `标签为 '${p.label}' 的报文段到最后仍在网络中：没有 'deliver ${p.label}' 行交付它，所以 ${p.to} 从未收到。`,

  InvalidFlagCombination: (p) => `标志位组合 ${p.flags} 不成立：${p.reason}。`,
  NoFlags: () =>
    '报文段至少需要一个标志位（SYN、ACK、FIN、RST、PSH ...）：不带任何标志位的报文段只有扫描器才会发送，协议栈不会。',
  NumberOutOfRange: (p) => `${p.what} 超出范围：最大值为 ${p.max}。`,
  DuplicateFlag: (p) => (p.times === 2 ? `${p.flag} 写了两次。` : `${p.flag} 写了 ${p.times} 次。`),
  SynWithData: (p) =>
    `${p.flags} 上携带的数据只有在 TCP Fast Open 时才会被交付；教科书中的三次握手在 ESTABLISHED 之前不携带数据。${p.counted}`,
  WindowScaleWithoutSyn: () =>
    'wscale= 是窗口扩大选项，只有 SYN 报文段才携带（RFC 7323 §2.2）：在这个报文段上它被忽略。',
  WindowScaleTooLarge: (p) => `wscale=${p.text} 超过了最大移位数 14：按 14 处理（RFC 7323 §2.3）。`,

  UnknownEndpoint: (p) => `未知端点 '${p.name}'：请用 'endpoint ${p.name}' 声明。`,
  DuplicateEndpoint: (p) => `端点 '${p.name}' 已在第 ${p.line} 行声明。`,
  DuplicateSymbol: (p) => `符号 '${p.name}' 已在第 ${p.line} 行绑定。`,
  DuplicateScenario: (p) => `场景已在第 ${p.line} 行命名；这个标题会替换它。`,
  UnknownLabel: (p) =>
    `此行之前没有标签为 '${p.label}' 的报文段：用 'as ${p.label}' 给报文段加标签（如 a ~> b ACK seq=1 as ${p.label}），才能在这里交付它。`,
  DuplicateLabel: (p) => `标签 '${p.label}' 已用于第 ${p.line} 行的报文段。`,

  ExpectFailed: (p) =>
    `预期 ${p.endpoint} 处于 ${p.expected}，实际处于 ${p.actual}${p.why}。${p.hint}`,

  TlsUnknownField: (p) => `${p.owner} 没有字段 '${p.text}'：它接受 ${p.allowed}。`,
  TlsMissingField: (p) => `${p.message} 需要 ${p.field}=：${p.why}。`,
  TlsUnknownName: (p) => `未知的${p.what} '${p.name}'：请用 '${p.declare}' 声明。`,
  TlsDuplicateName: (p) => `'${p.name}' 已在第 ${p.line} 行声明。`,
  TlsBadValue: (p) => `'${p.text}' 不是已知的${p.what}：应为 ${p.expected}。`,
  TlsOutOfOrder: (p) => `${p.message} 顺序不对：${p.reason}。`,
  TlsBeforeTcp: (p) =>
    `TLS 运行在已建立的 TCP 连接之上，但 ${p.endpoint} 处于 ${p.state}：请先完成 TCP 三次握手。`,
  TlsVersionNotOffered: (p) =>
    `服务器选择了 TLS ${p.version}，而客户端并未提供（它提供的是 ${p.offered}）：客户端会以 protocol_version 告警中止握手。`,
  TlsSuiteNotOffered: (p) =>
    `服务器选择了 ${p.suite}，而客户端并未提供（它提供的是 ${p.offered}）：客户端会以 illegal_parameter 告警中止握手。`,
  TlsSuiteVersionMismatch: (p) =>
    `${p.suite} 不是 TLS ${p.version} 的密码套件：TLS 1.3 的套件只包含加密算法和哈希（TLS_AES_128_GCM_SHA256），TLS 1.2 的套件还包含密钥交换方式（TLS_ECDHE_RSA_WITH_...）。`,
  TlsRandomReused: (p) =>
    `随机数 '${p.name}' 已在第 ${p.line} 行发送过：每个 Hello 都携带新的随机数，这样每次握手的密钥都是新的。`,
  CertUntrustedIssuer: (p) =>
    `${p.client} 拒绝 ${p.cert}：它的签发者 ${p.issuer} 不是 ${p.client} 信任的 CA（${p.trusted}）。${p.client} 发送 Alert unknown_ca。`,
  CertBadSignature: (p) =>
    `${p.client} 拒绝 ${p.cert}：用 ${p.issuer} 的公钥验证签名失败（${p.reason}）。${p.client} 发送 Alert bad_certificate。`,
  CertNameMismatch: (p) =>
    `${p.client} 拒绝 ${p.cert}：证书是签发给 ${p.subject} 的，而 ${p.client} 请求的是 ${p.sni}。${p.client} 发送 Alert bad_certificate。`,
  CertExpired: (p) =>
    `${p.client} 拒绝 ${p.cert}：证书已于 ${p.notAfter} 过期（今天是 ${p.date}）。${p.client} 发送 Alert certificate_expired。`,
  CertNotYetValid: (p) =>
    `${p.client} 拒绝 ${p.cert}：证书自 ${p.notBefore} 起才生效（今天是 ${p.date}）。${p.client} 发送 Alert bad_certificate。`,
  CertSelfSigned: (p) =>
    `${p.client} 拒绝 ${p.cert}：这是自签名证书，且 ${p.client} 不把它当作受信任的 CA。${p.client} 发送 Alert unknown_ca。`,
  TlsContinuesAfterFailure: (p) =>
    `握手已在第 ${p.line} 行失败（${p.reason}）；${p.endpoint} ${p.alert}。`,
  TlsFinishedMismatch: (p) =>
    `${p.receiver} 拒绝这个 Finished：${p.reason}。${p.receiver} 发送 Alert decrypt_error。`,
  TlsFinishedBeforeCcs: (p) =>
    `在 TLS 1.2 中，${p.endpoint} 要先发送 ChangeCipherSpec 再发送 Finished：Finished 是第一条用新密钥加密的消息。`,
  TlsWrongKey: (p) =>
    p.certificate
      ? `${p.key} 是证书，不是密钥：预主密钥用证书所携带的公钥加密，即 ${p.expected}（${p.cert} 的 key=）。请写 encrypted=${p.expected}。`
      : `预主密钥必须用客户端所接受证书中的公钥加密（${p.expected}，来自 ${p.cert}），而不是 ${p.key}。`,
  TlsSignatureNotHolder: (p) =>
    `${p.message} 要用 ${p.key} 的私钥签名，而只有 ${p.holder} 持有该私钥：${p.sender} 做不出这个签名，验证失败，握手失败。`,
  TlsSecretUnknown: (p) => `${p.sender} 不知道 ${p.secret}：${p.why}。`,
  TlsNothingToForward: (p) => `${p.sender} 无法转发 ${p.message}：${p.reason}。`,
  MitmSucceeds: (p) =>
    `中间人攻击成功：${p.attacker} 掌握了 ${p.client} 这次会话的密钥（${p.reason}），攻击者可以读取并篡改所有应用数据。`,
  VerificationSkipped: (p) =>
    `${p.endpoint} 接受任何证书（相当于 curl -k）：没有什么能阻止中间人攻击。`,
  TlsRetryChanged: (p) =>
    `HelloRetryRequest 之后的 ClientHello 发送的是 ${p.field}=${p.value}，但第一个 ClientHello（第 ${p.line} 行）发送的是 ${p.field}=${p.first}：客户端应再次发送同一个 ClientHello，只更换密钥份额（RFC 8446 §4.1.2），检查这一点的服务器会以 illegal_parameter 告警中止握手。请写 ${p.field}=${p.first}。`,
  TlsAlertDisagrees: (p) =>
    `${p.endpoint} 发送 Alert ${p.alert}，但按证书检查，${p.endpoint} ${p.expected}：告警与检查结果不一致。在抓包中，告警是真实客户端的判断：请检查证书的各项信息和 trust 行。`,
  ClientCertificateMissing: (p) =>
    `${p.server} 要求客户端证书（CertificateRequest），而 ${p.client} 没有发送：${p.server} 必须拿到证书，因此以 Alert ${p.alert} 结束握手（RFC 5246 §7.4.6，RFC 8446 §4.4.2.4）。`,
  TcpRetransmission: (p) =>
    `[TCP Retransmission] ${p.endpoint} 重新发送了已经发送过的内容：这个序列号小于 ${p.next}，即它下一个新字节的序列号。`,
  TcpFastRetransmission: (p) =>
    `[TCP Fast Retransmission] ${p.endpoint} 在两个或更多重复确认请求 ${p.seq} 之后（距最后一个不到 20 毫秒）立即重传了它。`,
  TcpSpuriousRetransmission: (p) =>
    `[TCP Spurious Retransmission] ${p.endpoint} 重传了 ${p.peer} 已经确认过的数据。`,
  TcpOutOfOrder: (p) =>
    `[TCP Out-Of-Order] ${p.endpoint} 的这个报文段出现在更靠后的报文段之后，且在连接的首个往返时间之内：网络改变了它们的顺序。`,
  TcpPreviousSegmentNotCaptured: (p) =>
    `[TCP Previous segment not captured] 序列号 ${p.seq} 超过了目前看到的下一个字节 ${p.next}：抓包漏掉了一个报文段（常见于抓包刚开始时）。`,
  TcpAckedUnseenSegment: (p) =>
    p.hole
      ? `[TCP ACKed unseen segment] 确认号 ${p.ack} 覆盖了抓包中 ${p.peer} 所发数据的一个缺口：目前看到的下一个字节 ${p.seen} 之前有数据缺失（常见于抓包刚开始时）。`
      : `[TCP ACKed unseen segment] 确认号 ${p.ack} 确认了抓包中从未见到 ${p.peer} 发送的数据（只见到 ${p.seen} 之前的；常见于抓包刚开始时）。`,
  TcpDuplicateAck: (p) =>
    `[TCP Dup ACK ${p.label}] 与第 ${p.frame} 帧相同的确认号 ${p.ack}、窗口和序列号，且不带数据：接收方仍在等待 ${p.ack}。`,
  TcpZeroWindow: (p) =>
    `[TCP ZeroWindow] ${p.endpoint} 通告零窗口：它的接收缓冲区已满，对端必须停止发送。`,
  TcpWindowFull: (p) =>
    `[TCP Window Full] 这个报文段填满了 ${p.peer} 提供的整个窗口：${p.endpoint} 必须等待确认后才能继续发送。`,
  TcpKeepAlive: (p) =>
    `[TCP Keep-Alive] ${p.endpoint} 发送的序列号比下一个字节小一，且没有新数据：这是一个保活探测。`,
  TcpPortNumbersReused: (p) =>
    `[TCP Port numbers reused] 在第 ${p.line} 行那个连接的地址和端口上出现了带新初始序列号的 SYN：这是一个新连接。`,

  DiagnosticsNotShown: (p) =>
    `另有 ${p.count} 个诊断未显示：一个文件只报告前 ${p.max} 个。请先修正这些，再重新检查。`,
};
