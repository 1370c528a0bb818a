import type { DocsTable } from './docs.en';

const RFC = 'RFC 9293';

/**
 * 简体中文 hover and completion texts: the same entries as the English table in docs.ts, in
 * the words Chinese networking courses use (三次握手, 四次挥手, 序列号, 确认号, 报文段 ...).
 */
export const DOCS_ZH_CN: DocsTable = {
  keywords: {
    scenario: {
      syntax: 'scenario "标题"',
      summary: '场景的标题',
      text: '场景的标题，显示在图的上方。可省略；第二个 `scenario` 行会替换标题（HS404）。',
    },
    endpoint: {
      syntax: 'endpoint 名称 [地址]',
      summary: '声明一个端点',
      text: '声明一个端点，可带地址（`192.168.1.116:3337`、`[2001:db8::1]:443`），地址只作标注。声明写在哪里都有效。每个端点只持有一个连接。',
    },
    let: {
      syntax: 'let 名称 = 数字',
      summary: '给符号一个数值',
      text: '把符号绑定到一个 32 位数字（0 到 4294967295），这样 `x+1` 也有了具体数值，数字和符号可以混用。写在哪里都有效。',
    },
    expect: {
      syntax: 'expect 名称 状态',
      summary: '检查端点的状态',
      text: '检查端点在场景此处的 TCP 状态；如果引擎算出的是另一个状态，报告 HS501。状态名不区分大小写，可用 `_` 或 `-`。',
    },
    wait: {
      syntax: 'wait 2MSL | wait 30s',
      summary: '让 TIME_WAIT 计时器到期，或让时间流逝',
      text: `\`wait 2MSL\`：TIME_WAIT 计时器到期，所有处于 TIME_WAIT 的端点进入 CLOSED（${RFC} §3.10.8）；没有端点处于 TIME_WAIT 时给出警告（HS209）。\`wait 30s\`（\`ms\`、\`s\`、\`min\`）：时间流逝这么久，端点在 TIME_WAIT 中累计满 2MSL = 240 秒才离开它（MSL 为 2 分钟，${RFC} §3.4.2）；在 TIME_WAIT 中收到 FIN 会让计时器重新开始。`,
    },
    deliver: {
      syntax: 'deliver 标签 [again]',
      summary: '在途的报文段到达',
      text: `标签为 标签 的报文段（\`A ~> B 标志位 ... as 标签\`）此时到达，接收方按它此刻的状态处理（${RFC} §3.10.7），不论它多久以前发出：乱序、多个报文段同时在途、旧报文段迟到都这样写。\`deliver 标签 again\` 再交付一份副本（重复报文段）。`,
    },
    again: {
      syntax: 'deliver 标签 again',
      summary: '重复：报文段再到达一次',
      text: '网络把已经到达过的报文段再交付一份副本（重复报文段）；接收方按其状态的规则再处理一次。',
    },
    as: {
      syntax: 'A ~> B  标志位 ...  as 标签',
      summary: '给报文段加上供 `deliver` 使用的标签',
      text: '在报文段行末写上 `deliver 标签` 所指的标签。用 `~>` 时报文段发出后留在网络中直到那时；用 `->` 时它立即到达，`deliver 标签 again` 交付一份重复副本。',
    },
    simultaneous: {
      syntax: 'simultaneous {\n  A -> B  标志位 ...\n  B -> A  标志位 ...\n}',
      summary: '在网络中交错的报文段',
      text: `块中的每个报文段都在任何一个到达之前发出，然后按顺序到达。在途中交错的报文段就这样写：同时打开（${RFC} 图 7）和同时关闭（图 13）。块中只能写报文段。`,
    },
    listen: {
      syntax: '名称 listen',
      summary: '被动打开：CLOSED → LISTEN',
      text: `被动 OPEN 调用（${RFC} §3.10.1）：端点从 CLOSED 进入 LISTEN，等待 SYN。在其他状态下是 HS207。`,
    },
    close: {
      syntax: '名称 close',
      summary: 'CLOSE 调用：LISTEN 或 SYN_SENT → CLOSED',
      text: `用于尚无连接的端点的 CLOSE 调用：LISTEN → CLOSED 或 SYN_SENT → CLOSED（${RFC} §3.10.4）。已建立的连接通过发送 FIN 关闭，写成报文段。`,
    },
    '2MSL': {
      syntax: 'wait 2MSL',
      summary: '两倍的最长报文段寿命',
      text: `两倍的最长报文段寿命（MSL）：端点在进入 CLOSED 之前在 TIME_WAIT 停留的时间（${RFC} §3.10.8）。${RFC} 中 MSL 为 2 分钟（§3.4.2），所以 2MSL 是 4 分钟；Linux 的 TIME_WAIT 固定为 60 秒。`,
    },
    ca: {
      syntax: 'ca 名称 [holder=端点]',
      summary: '声明一个证书颁发机构（CA）',
      text: '证书颁发机构及其密钥对。它的私钥为证书签名（`cert ... issuer=名称`）；`trust` 它的客户端接受它签发的证书。`holder=` 表示某个端点持有它的私钥（例如攻击者自己的 CA）。',
    },
    key: {
      syntax: 'key 名称 holder=端点',
      summary: '声明一个密钥对',
      text: '公钥/私钥对。公钥写进证书，也用来加密预主密钥；只有持有者知道私钥，所以只有它能解密、能用它签名。',
    },
    cert: {
      syntax:
        'cert 名称 subject=域名 key=密钥 issuer=CA|self [signer=密钥|CA] [notBefore=日期] [notAfter=日期]\ncert 名称 from=证书 key=密钥',
      summary: '声明一张证书',
      text: '一张证书：它签发给哪个域名（`subject`）、其中的公钥、签发它并为它签名的 CA（除非 `signer=` 另有说明，由签发者签名），以及有效期。`from=` 复制另一张证书并修改部分字段，但不重新签名：这正是中间人替换公钥时所做的（HS613）。',
    },
    trust: {
      syntax: 'trust 端点 CA... | trust 端点 any',
      summary: '端点信任的 CA',
      text: '端点接受其证书的 CA（它的信任库）。`any` 表示不做任何检查、接受所有证书，相当于 `curl -k`：这样就没有什么能阻止中间人攻击了（HS626）。',
    },
    attacker: {
      syntax: 'attacker 名称 [地址]',
      summary: '声明一个中间人',
      text: '位于客户端和服务器之间的端点：它分别与双方进行 TLS 通信，并可以用 `forward` 原样转发收到的消息。与 `endpoint` 不同，它可以和两边各持有一条 TCP 连接（`client -> mallory`、`mallory -> server`），各有自己的状态，就像 HTTPS 代理那样。当客户端最终建立的会话密钥为攻击者所知时，报告 HS625。',
    },
    date: {
      syntax: 'date YYYY-MM-DD',
      summary: '检查证书所用的日期',
      text: '客户端检查证书有效期（`notBefore`、`notAfter`）时所用的日期。不写则不检查日期。',
    },
  },

  flags: {
    SYN: {
      summary: '同步：建立连接',
      text: `**SYN**（同步序列号）用于建立连接：它的 \`seq\` 是发送方的初始序列号（ISS）。SYN 占用一个序列号，所以对端用 ISS+1 来确认它。${RFC} §3.1（控制位）、§3.4（序列号）、§3.5（建立连接）。`,
    },
    ACK: {
      summary: '确认号字段有效',
      text: `**ACK**：确认号字段有效。\`ack\` 是发送方期望收到的下一个序列号；连接建立之后，每个报文段都带有它。ACK 不占用序列号。${RFC} §3.1、§3.4。`,
    },
    FIN: {
      summary: '发送方不再发送数据',
      text: `**FIN**：发送方不再发送数据，关闭它这一方向的连接（另一方向仍可继续：半关闭）。FIN 占用一个序列号。${RFC} §3.1、§3.6（关闭连接）。`,
    },
    RST: {
      summary: '复位连接',
      text: `**RST** 复位连接：对一个没有对应连接的报文段的应答（连接被拒绝），或者中止连接。它不占用序列号；只有当它的 \`seq\` 恰好是期望的下一个序列号时，接收方才接受它（RFC 5961 §3.2）。${RFC} §3.1、§3.5.2（产生复位）、§3.5.3（处理复位）。`,
    },
    PSH: {
      summary: '推送：立即交付数据',
      text: `**PSH**（推送）：请接收方不要等待更多数据，立即把数据交给应用程序。${RFC} §3.1、§3.9.1.2（SEND）。会显示出来，但不影响引擎的检查。`,
    },
    URG: {
      summary: '紧急指针字段有效',
      text: `**URG**：紧急指针字段有效，标记紧急数据。${RFC} §3.1、§3.8.5；RFC 6093 建议新应用不要使用它。会显示出来，但不影响引擎的检查。`,
    },
    ECE: {
      summary: 'ECN 回显（RFC 3168）',
      text: '**ECE**（ECN-Echo，RFC 3168 §6.1）：在 SYN 上表示发送方支持显式拥塞通知；之后表示告诉对端收到了带“经历拥塞”标记的分组。会显示出来，但不影响引擎的检查。',
    },
    CWR: {
      summary: '拥塞窗口已减小（RFC 3168）',
      text: '**CWR**（Congestion Window Reduced，RFC 3168 §6.1）：发送方已响应 ECE 减小了拥塞窗口。会显示出来，但不影响引擎的检查。',
    },
  },

  states: {
    CLOSED: {
      summary: '没有连接',
      text: `**CLOSED**：没有连接。这是起点，也是 LAST_ACK 之后、TIME_WAIT 等待 2MSL 之后或复位之后的终点。CLOSED 的端点对除 RST 以外的任何报文段都回复复位（${RFC} §3.10.7.1）。通过 \`listen\`（→ LISTEN）或发送 SYN（→ SYN_SENT）离开。`,
    },
    LISTEN: {
      summary: '等待连接请求',
      text: `**LISTEN**：等待连接请求（被动打开）。用 \`listen\` 进入。收到 SYN（→ SYN_RECEIVED）、发送 SYN（→ SYN_SENT）或 \`close\`（→ CLOSED）时离开。${RFC} §3.10.7.2。`,
    },
    SYN_SENT: {
      summary: '已发送 SYN，等待 SYN ACK',
      text: `**SYN_SENT**：端点已发送自己的 SYN（主动打开），等待对端的 SYN。通过发送 SYN 进入。收到确认了自己 SYN 的 SYN ACK（→ ESTABLISHED）、收到不带 ACK 的 SYN（→ SYN_RECEIVED，同时打开）、收到确认了自己 SYN 的 RST（→ CLOSED，连接被拒绝）或 \`close\` 时离开。${RFC} §3.10.7.3。`,
    },
    SYN_RECEIVED: {
      summary: '已收到 SYN，等待对自己 SYN 的确认',
      text: `**SYN_RECEIVED**：端点收到了 SYN 并发送了自己的 SYN（即 SYN ACK），等待对自己 SYN 的确认。在 LISTEN（或 SYN_SENT，同时打开）中收到 SYN 时进入。收到对自己 SYN 的确认（→ ESTABLISHED）、发送 FIN（→ FIN_WAIT_1）或收到复位（来自 \`listen\` 时 → LISTEN，否则 → CLOSED）时离开。${RFC} §3.10.7.4。`,
    },
    ESTABLISHED: {
      summary: '连接已建立：双向传输数据',
      text: `**ESTABLISHED**：连接已建立，数据双向传输。三次握手完成时进入：主动方在收到 SYN ACK 时，被动方在收到最后的 ACK 时。发送 FIN（→ FIN_WAIT_1）、收到 FIN（→ CLOSE_WAIT）或复位（→ CLOSED）时离开。${RFC} §3.3.2。`,
    },
    FIN_WAIT_1: {
      summary: '已发送 FIN，等待它的确认',
      text: `**FIN_WAIT_1**：端点已发送 FIN，等待对它的确认。在 ESTABLISHED 中发送 FIN 时进入。收到对自己 FIN 的确认（→ FIN_WAIT_2）或收到对端的 FIN（→ CLOSING；如果那个 FIN 同时确认了自己的 FIN，则 → TIME_WAIT）时离开。${RFC} §3.6、§3.10.7.4。`,
    },
    FIN_WAIT_2: {
      summary: 'FIN 已被确认，等待对端的 FIN',
      text: `**FIN_WAIT_2**：端点的 FIN 已被确认；它等待对端的 FIN，仍可接收数据（半关闭）。在 FIN_WAIT_1 中收到对自己 FIN 的确认时进入。收到对端的 FIN 时离开（→ TIME_WAIT）。${RFC} §3.6、§3.10.7.4。`,
    },
    CLOSE_WAIT: {
      summary: '已收到对端的 FIN；仍可发送',
      text: `**CLOSE_WAIT**：对端发送了 FIN，不会再发数据；本端在应用关闭之前仍可发送（半关闭）。在 ESTABLISHED 中收到 FIN 时进入。发送自己的 FIN 时离开（→ LAST_ACK）。${RFC} §3.6、§3.10.7.4。`,
    },
    CLOSING: {
      summary: '双方的 FIN 交错，等待对自己 FIN 的确认',
      text: `**CLOSING**：双方同时发送了 FIN（同时关闭）；端点等待对自己 FIN 的确认。在 FIN_WAIT_1 中、自己的 FIN 被确认之前收到对端的 FIN 时进入。收到对自己 FIN 的确认时离开（→ TIME_WAIT）。${RFC} §3.6、图 13。`,
    },
    LAST_ACK: {
      summary: '在对端之后发送了 FIN，等待最后的 ACK',
      text: `**LAST_ACK**：端点在收到对端的 FIN 之后发送了自己的 FIN，等待最后的 ACK。在 CLOSE_WAIT 中发送 FIN 时进入。收到对自己 FIN 的确认时离开（→ CLOSED）。${RFC} §3.6、§3.10.7.4。`,
    },
    TIME_WAIT: {
      summary: '等待 2MSL，连接才彻底消失',
      text: `**TIME_WAIT**：双方的 FIN 都已发送并被确认。端点等待 2MSL：这样如果最后的 ACK 丢失、对端重传 FIN，还可以再发一次 ACK；同时让这个连接的旧的重复报文段在网络中消失，之后才能再次使用相同的地址和端口。${RFC} 中 MSL 为 2 分钟（§3.4.2）；Linux 整个 TIME_WAIT 为 60 秒。在 FIN_WAIT_2 中收到对端的 FIN（或在 CLOSING 中收到对自己 FIN 的确认）时进入：只有先关闭的一端（发送第一个 FIN 的一端）经过 TIME_WAIT，另一端从 LAST_ACK 直接关闭。用 \`wait 2MSL\` 离开（→ CLOSED，§3.10.8）。`,
    },
  },

  fields: {
    seq: {
      summary: '序列号',
      text: '报文段的序列号：它第一个数据字节的序号，或者它的 SYN 或 FIN 的序号。可以是数字（`3626544836`）或符号表达式（`x`、`x+1`、`y-2`）。',
    },
    ack: {
      summary: '确认号',
      text: '确认号：发送方期望从对端收到的下一个序列号。只有设置了 ACK 标志位才有效。',
    },
    win: {
      summary: '接收窗口',
      text: '发送方通告的接收窗口，0 到 1073725440（65535 << 14）。握手之后，如果两个 SYN 都带有 `wscale=`，它要左移发送方的窗口扩大移位数（RFC 7323 §2.2）；SYN 自己的窗口从不扩大。接收方丢弃窗口之外的数据，并对窗口之内的复位发出挑战 ACK（RFC 9293 §3.10.7.4，RFC 5961 §3.2）。',
    },
    wscale: {
      summary: '窗口扩大因子（SYN 上）',
      text: 'SYN 或 SYN ACK 的窗口扩大选项（RFC 7323 §2.2）：移位数 0 到 14。两个 SYN 都带有它时，一方之后的每个 `win=` 都表示 `win << 移位数`（用这一方自己的移位数）；任一方没有它时，窗口不扩大。大于 14 按 14 处理（HS307）；不带 SYN 的报文段上它被忽略（HS306）。导入的 SYN 把它写在抓包注释里。',
    },
    len: {
      summary: '数据长度（字节）',
      text: '数据字节数；它优先于 "载荷" 标注的长度。',
    },
  },

  outcomes: {
    delivered: (p) => `已交付：${p.to} 按序接收了它。`,
    lost: (p) => `在网络中丢失（\`-x\`）：${p.to} 永远收不到它。`,
    queued: (p) => `乱序到达：${p.to} 将它暂存，直到它之前缺失的数据到达。`,
    duplicate: (p) => `重复：其中的内容都已到达 ${p.to}，它被丢弃。`,
    refused: (p) => `被拒绝：${p.to} 没有对应的连接，应回复复位（连接被拒绝）。`,
    reset: (p) => `复位：这个 RST 关闭了 ${p.to} 的连接。`,
    ignored: (p) => `被忽略：${p.to} 按其状态的规则丢弃了它。`,
    challenged: (p) =>
      `被质询：${p.to} 不处理它，而是用携带自己 SND.NXT 和 RCV.NXT 的 ACK 应答（RFC 5961 §3.2、§4；RFC 9293 §3.10.7.4）。`,
    invalid: () => '未模拟：这个报文段无法按所写的方式发送（见下面的问题）。',
    inFlight: (p) => `到最后仍在网络中（\`~>\` 但没有 \`deliver\`）：${p.to} 从未收到。`,
  },

  hover: {
    segmentTitle: (p) => `**${p.from}** ${p.lost ? '-x' : '→'} **${p.to}**`,
    captureTitle: (p) => `抓包中的**第 ${p.frame} 帧**（导入器写下的标注）。`,
    captureTime: (p) => `在抓包的第一个分组之后 ${p.seconds} 秒捕获。`,
    captureOptions: (p) => `SYN 选项：${p.options}。`,
    captureLabels: (p) => `Wireshark 的分析：${p.labels}。`,
    retransmission: '重传已经发送过的数据。',
    readingIntended: '按笔误理解：后面的行像是写了期望值一样继续，所以接收方收到的是期望值。',
    readingAsSent:
      '按所写发送理解：后面的行给出了接收方对这个报文段原样的反应，所以接收方收到的是所写的值。',
    simultaneous: '在 `simultaneous` 块中发送：它与块中其他报文段在途中交错。',
    deliveredLater: (p) =>
      `在第 ${p.line} 行发出并留在网络中（\`~>\`）；它在这里到达，接收方按此刻的状态判断它。`,
    deliveredAgain: (p) => `第 ${p.line} 行所发报文段的重复副本：网络在这里再交付一次。`,
    arrivesAt: (p) => `在途中；它在第 ${p.lines} 行到达。`,
    sender: '发送方',
    receiver: '接收方',
    endpointLine: (p) =>
      `- **${p.name}**（${p.role}）：${p.state}${p.variables ? ` · ${p.variables}` : ''}`,
    stateChange: (p) =>
      p.before === p.after ? `\`${p.before}\`（不变）` : `\`${p.before}\` → \`${p.after}\``,
    variable: (p) => `${p.name} \`${p.value}\``,
    expectedHeading: '引擎期望的值：',
    expected: (p) => `**${p.field}** = \`${p.value}\`${p.note ? `（${p.note}）` : ''}：${p.why}`,
    written: (p) => `所写：\`${p.text}\``,
    retransmitted: (p) => `所写：\`${p.text}\`，是之前已发送数据的重传`,
    notWritten: '未写出；引擎使用这个值',
    chosenIss: (p) => `${p.endpoint} 在这里选定它的初始序列号（ISS）`,
    noExpectation: (p) => `**${p.field}**：引擎在这里没有期望值。`,
    problemsHeading: '这一行的问题：',
    problem: (p) => `- \`${p.code}\` ${p.severity}：${p.message}`,
    symbolIss: (p) => `\`${p.name}\`：${p.endpoint} 的初始序列号，由第 ${p.line} 行的 SYN 选定。`,
    symbolLet: (p) => `\`${p.name}\` = \`${p.value}\`，由第 ${p.line} 行的 \`let\` 绑定。`,
    symbolSeq: (p) =>
      `\`${p.name}\`：在第 ${p.line} 行的 seq= 中第一次使用时绑定；它没有具体数值（可以用 \`let\` 给它一个）。`,
    symbolUnbound: (p) =>
      `\`${p.name}\`：尚未绑定；符号在 seq= 中第一次使用时绑定，或用 \`let ${p.name} = 数字\` 绑定。`,
    endpoint: (p) =>
      `**端点** \`${p.name}\`，在第 ${p.line} 行声明${p.address ? `：\`${p.address}\`` : '（没有地址）'}。`,
    endpointUndeclared: (p) => `**${p.name}** 未声明：请添加 \`endpoint ${p.name}\`（HS401）。`,
    finalState: (p) => `最终状态：\`${p.state}\`。`,
    stateHere: (p) => `引擎在这里认为 ${p.endpoint} 处于 \`${p.state}\`。`,
    expectHolds: '预期成立。',
    expectFails: (p) => `预期（\`${p.expected}\`）不成立。`,
    unknownState: (p) => `\`${p.text}\` 不是 TCP 状态（HS010）。`,
    changes: (p) => `这里：${p.endpoint} ${p.change}。`,
    noChange: '这里没有改变任何状态。',
  },

  features: {
    handshakeDone: '三次握手 ✓',
    handshakeIncomplete: '握手未完成',
    handshakeFailed: (p) => `三次握手 ✗（${p.count} 个问题）`,
    waitingForSynAck: '三次握手：等待 SYN ACK',
    waitingForFinalAck: '三次握手：等待最后的 ACK',
    reset: '复位',
    closeDone: '四次挥手 ✓',
    closeIncomplete: '关闭未完成',
    closeFailed: (p) => `四次挥手 ✗（${p.count} 个问题）`,
    lost: (p) => `丢失 ${p.count} 个`,
    noProblems: '没有问题',
    problems: (p) => `${p.count} 个问题`,
    fixAll: '修正文件中所有的序列号和确认号',
    segments: (p) => `${p.count} 个报文段`,
    messages: (p) => `${p.count} 条消息`,
    issOf: (p) => `${p.endpoint} 的初始序列号`,
    scenario: '场景',
    certificateAuthority: '证书颁发机构',
    keyPair: '密钥对',
    certificate: '证书',
    tlsHandshake: (p) => `TLS 握手 ${p.from} → ${p.to}`,
    forward: '转发',
    asNumber: (p) => `${p.role} 的 32 位数值`,
    statesTooltip: '端点因这个报文段进入的状态',
    faultyAsCorrected: (p) =>
      p.states ? `✗ 按更正后的值处理 → ${p.states}` : '✗ 按更正后的值处理：状态不变',
    faultyAsWritten: (p) =>
      p.states ? `✗ 按所写的值处理 → ${p.states}` : '✗ 按所写的值处理：状态不变',
    faultyDropped: (p) => `✗ ${p.to} 丢弃它`,
    faultyChallenged: (p) => `✗ ${p.to} 丢弃它并回复 ACK`,
    faultyNotPlayed: '✗ 未模拟',
  },

  completion: {
    expectedValue: (p) => `引擎期望的值：${p.why}`,
    expectedNumber: (p) => `= ${p.symbolic}，引擎期望的值：${p.why}`,
    freshSymbol: (p) => `表示 ${p.endpoint} 初始序列号的新符号`,
    stateHere: (p) => `引擎在这里算出的 ${p.endpoint} 的状态`,
    endpoint: (p) => (p.address ? `端点 ${p.address}` : '端点'),
    arrows: {
      '->': {
        summary: '到达的报文段',
        text: '`A -> B 标志位 ...`：A 发出、B 收到的报文段。',
      },
      '-x': {
        summary: '丢失的报文段',
        text: '`A -x B 标志位 ...`：A 发出但在网络中丢失的报文段；A 的序列号照常前进，但 B 永远收不到它。',
      },
      '~>': {
        summary: '留在网络中的报文段',
        text: '`A ~> B 标志位 ... as 标签`：A 现在发出（A 的序列号前进）、留在网络中直到 `deliver 标签` 的报文段。',
      },
    },
    label: (p) => `第 ${p.line} 行加上标签的报文段`,
  },
};
