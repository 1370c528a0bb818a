import { phrasebook } from '../text/words';

/**
 * The pieces of TLS sentences the engine and the diagram put together: reasons, notes and the
 * words of the parser's "expected ..." messages, in English and 简体中文. Protocol names
 * (ClientHello, Alert bad_certificate, TLS 1.3) stay as they are written.
 */
const EN = {
  role: (p: { role: 'client' | 'server' }): string => (p.role === 'client' ? 'client' : 'server'),
  roleMessage: (p: { role: string; message: string }) => `the ${p.role}’s ${p.message}`,
  comesFirst: (p: { what: string; why: string }) => `${p.what} comes first${p.why}`,
  comesNext: (p: { what: string }) => `${p.what} comes next`,
  whyServerHelloDone: ': the client waits for the server’s whole flight before it answers',
  whyServerKeyExchange: ': with ECDHE the server sends its signed key share before ServerHelloDone',
  whyChangeCipherSpec: ': Finished is the first message under the new keys',
  whyCertificate: ': the certificate carries the public key the rest depends on',
  whyServerHello: ': the server answers the ClientHello first',
  rsaNoServerKeyExchange:
    'with RSA key exchange the server sends no ServerKeyExchange: the client encrypts the premaster secret with the public key in the server’s certificate',
  tls13Has: (p: { message: string }) =>
    `TLS 1.3 has no ${p.message}: the key shares travel in ClientHello and ServerHello`,
  only13: 'EncryptedExtensions exists only in TLS 1.3',
  retryNeeds13: 'HelloRetryRequest is TLS 1.3, and the client did not offer TLS 1.3',
  handshakeOver: (p: { role: string; message: string }) =>
    `the handshake is over, so the ${p.role} sends no ${p.message}`,
  onlySentBy: (p: { role: string; sender: string; message: string }) =>
    `only the ${p.role} sends ${p.message}, never the ${p.sender}`,

  trusts: (p: { list: string }) => `it trusts ${p.list}`,
  trustsNone: 'it trusts no CA',
  noKey: 'no key',
  theIssuer: 'its issuer',
  signedByOther: (p: { signer: string; holder: string; expected: string }) =>
    `it was signed with ${p.signer}${p.holder ? `, ${p.holder}’s key,` : ''} not by ${p.expected}; only the holder of ${p.expected}'s private key can sign as it`,
  changedAfterSigning: (p: { cert: string; base: string; parts: string; signer: string }) =>
    `${p.cert} is ${p.base} with ${p.parts} changed after ${p.signer} signed it, and re-signing needs ${p.signer}'s private key`,
  aCertificate: 'a certificate',
  parts: (p: { names: readonly string[] }) =>
    p.names.length ? `its ${p.names.join(' and ')}` : 'its content',
  partNames: ['subject', 'public key', 'issuer', 'notBefore', 'notAfter'] as readonly string[],
  selfSignedIssuer: 'itself (self-signed)',

  onlyAttackersForward: (p: { from: string }) =>
    `only an attacker (declared with 'attacker ${p.from}') relays other endpoints’ messages`,
  nothingToForward: (p: { message: string }) => `it has received no ${p.message} to relay`,
  noHandshakeYet: (p: { from: string; to: string }) =>
    `no handshake has started between ${p.from} and ${p.to}: the client’s ClientHello comes first`,
  dataAfterFinished: 'application data flows only after both Finished messages',
  endedWithAlert: 'the connection ended with an alert',
  wouldSend: (p: { alert: string; reason: string }) => `sends Alert ${p.alert} (${p.reason})`,
  acceptsCertificate: 'accepts the certificate',
  sendsNothingMore: 'sends nothing more on it',
  sendsAlertInstead: (p: { alert: string }) => `sends Alert ${p.alert} and stops instead`,
  failureNote: (p: { reason: string; endpoint: string; alert: string }) =>
    `✗ ${p.reason}: ${p.endpoint} sends Alert ${p.alert}`,
  secretOfOther: (p: { secret: string; from: string; key: string }) =>
    `${p.secret} is another endpoint’s secret and reached ${p.from} only encrypted${p.key ? ` with ${p.key}` : ''}; forward that ClientKeyExchange instead, or make a premaster of its own`,
  doesNotKnow: (p: { who: string; secret: string; why: string }) =>
    `${p.who} does not know the ${p.secret}: ${p.why}`,
  cannotDerive: (p: { who: string; secret: string; why: string }) =>
    `${p.who} itself cannot derive the ${p.secret}: ${p.why}`,
  differentSecrets: (p: { a: string; b: string }) =>
    `the two sides hold different secrets (${p.a} and ${p.b})`,
  changedOnTheWay: (p: { difference: string }) =>
    `${p.difference}: a handshake message was changed on the way`,
  differentCount: 'the two sides saw a different number of handshake messages',
  sawOtherType: (p: { a: string; aType: string; b: string; bType: string }) =>
    `${p.a} saw ${p.aType} where ${p.b} saw ${p.bType}`,
  fieldsDiffer: (p: { type: string; a: string; aFields: string; b: string; bFields: string }) =>
    `the ${p.type} ${p.a} sent had ${p.aFields}, the one ${p.b} received ${p.bFields}`,
  noField: (p: { name: string }) => `no ${p.name}=`,
  travelsEncrypted: (p: { premaster: string; key: string; holder: string }) =>
    `${p.premaster} travels encrypted with ${p.key}${p.holder ? `, whose private key only ${p.holder} holds` : ''}`,
  aKey: 'a key',
  noPremaster: 'no premaster secret has been exchanged',
  madeNoShare: (p: { endpoint: string }) => `${p.endpoint} made neither of the key shares`,
  masterSecret: 'master secret',
  handshakeKeys: 'handshake keys',
  nobody: 'no one',

  failSelfSigned: 'self-signed certificate',
  failUntrusted: 'issuer not trusted',
  failSignature: 'certificate signature does not verify',
  failName: 'certificate is for another name',
  failExpired: 'certificate expired',
  failNotYetValid: 'certificate not yet valid',
  failMessageSignature: (p: { message: string }) => `${p.message} signature does not verify`,
  failFinished: 'Finished does not verify',

  fixSendAlert: (p: { alert: string }) => `Send Alert ${p.alert} instead`,
  fixChangeCipherSpecFirst: 'Send ChangeCipherSpec first',
  fixPickVersion: (p: { version: string }) => `Pick TLS ${p.version}`,
  fixPickSuite: (p: { suite: string }) => `Pick ${p.suite}`,
  fixEncryptWith: (p: { key: string }) => `Encrypt with ${p.key}`,
  fixRepeatFirstHello: (p: { field: string; value: string }) =>
    `Send ${p.field}=${p.value} again, as the first ClientHello did`,
  firstHelloSent: (p: { field: string; value: string }) =>
    `The first ClientHello sent ${p.field}=${p.value}`,
  /** Joins the offered versions: `TLS 1.2 and TLS 1.3`. */
  and: ' and ',
  /** A certificate field the scenario left out, where a message quotes it. */
  none: '(none)',

  missing: {
    random: 'each hello carries a fresh random, one of the inputs of the master secret',
    cert: 'the client needs the server’s certificate to know whose public key it uses',
    share: 'the ECDHE key exchange needs this side’s key share',
    key_share: 'in TLS 1.3 the hellos carry the key shares the handshake keys come from',
    premaster: 'with RSA key exchange the client sends the premaster secret',
    encrypted:
      'say which public key the premaster secret is encrypted with (the one in the server’s certificate)',
  } as Readonly<Record<string, string>>,
  missingOther: 'the handshake needs it',

  acceptsAny: (p: { victim: string }) => `${p.victim} accepts any certificate`,
  trustsAttackerCa: (p: {
    victim: string;
    ca: string;
    attacker: string;
    cert: string;
    subject: string;
  }) =>
    `${p.victim} trusts ${p.ca}, a CA whose private key ${p.attacker} holds, so ${p.attacker} could issue ${p.cert} for ${p.subject}`,
  acceptedCert: (p: { victim: string; cert: string; attacker: string; key: string }) =>
    `${p.victim} accepted ${p.cert}, and ${p.attacker} holds the private key of ${p.key}`,
  checkedNothing: (p: { victim: string }) => `${p.victim} checked no certificate`,
  anyName: 'any name',

  derivesNote: (p: { secret: string; inputs: string }) =>
    `🔑 derives the ${p.secret} from ${p.inputs}`,
  holdsKeysNote: (p: { attacker: string }) =>
    `⚠ ${p.attacker} holds the session keys: man in the middle succeeds`,
  readsNote: (p: { attacker: string }) => `⚠ ${p.attacker} reads and can change this`,
  /** The title of each encrypted phase, by the keys it travels under. */
  keysTitle: {
    session: '🔒 Encrypted with the session keys',
    handshake: '🔒 Encrypted with the handshake keys',
    application: '🔒 Encrypted with the application keys',
  },
  certVerifiedNote: (p: {
    cert: string;
    signer: string;
    name: string;
    date: string;
    noSni: boolean;
  }) =>
    `${p.cert} ✓ signed by ${p.signer}${p.name ? `, for ${p.name}` : p.noSni ? ', name not checked: no sni= in the ClientHello' : ''}${p.date ? `, valid on ${p.date}` : ''}`,
  certAttackerCaNote: (p: { client: string; cert: string; ca: string; attacker: string }) =>
    `⚠ ${p.client} accepts ${p.cert}: it trusts ${p.ca}, ${p.attacker}’s CA`,
  certUncheckedNote: (p: { client: string; cert: string }) =>
    `⚠ ${p.client} accepts ${p.cert} unchecked: it trusts any certificate`,
  handshakeTitle: (p: { version: string }) =>
    `TLS handshake${p.version ? ` (TLS ${p.version})` : ''}`,
  attacker: '(attacker)',

  dateFormat: 'a date written YYYY-MM-DD',
  whatDate: 'date',
  whatVersion: 'TLS version',
  whatSuite: 'cipher suite',
  whatAlert: 'alert',
  whatEndpoint: 'endpoint',
  whatCertificate: 'certificate',
  whatKey: 'key',
  whatCa: 'certificate authority',
  versions: '1.2 or 1.3',
  oneOf: (p: { list: string }) => `one of ${p.list}`,
  ianaName: (p: { examples: string }) => `an IANA name such as ${p.examples}`,
};

const ZH_CN: { readonly [K in keyof typeof EN]: (typeof EN)[K] } = {
  role: (p) => (p.role === 'client' ? '客户端' : '服务器'),
  roleMessage: (p) => `${p.role}的 ${p.message}`,
  comesFirst: (p) => `应先发送${p.what}${p.why}`,
  comesNext: (p) => `下一条应是${p.what}`,
  whyServerHelloDone: '：客户端要等服务器这一轮消息全部发完才应答',
  whyServerKeyExchange: '：使用 ECDHE 时，服务器在 ServerHelloDone 之前发送签了名的密钥份额',
  whyChangeCipherSpec: '：Finished 是第一条用新密钥加密的消息',
  whyCertificate: '：证书里的公钥是后面一切的基础',
  whyServerHello: '：服务器先应答 ClientHello',
  rsaNoServerKeyExchange:
    '使用 RSA 密钥交换时服务器不发送 ServerKeyExchange：客户端用服务器证书中的公钥加密预主密钥',
  tls13Has: (p) => `TLS 1.3 没有 ${p.message}：密钥份额在 ClientHello 和 ServerHello 中传递`,
  only13: 'EncryptedExtensions 只存在于 TLS 1.3',
  retryNeeds13: 'HelloRetryRequest 属于 TLS 1.3，而客户端没有提供 TLS 1.3',
  handshakeOver: (p) => `握手已经结束，${p.role}不再发送 ${p.message}`,
  onlySentBy: (p) => `只有${p.role}发送 ${p.message}，${p.sender}从不发送它`,

  trusts: (p) => `它信任 ${p.list}`,
  trustsNone: '它不信任任何 CA',
  noKey: '没有密钥',
  theIssuer: '其签发者',
  signedByOther: (p) =>
    `它是用 ${p.signer}${p.holder ? `（${p.holder} 的密钥）` : ''}签名的，而不是 ${p.expected}；只有持有 ${p.expected} 私钥的人才能以它的名义签名`,
  changedAfterSigning: (p) =>
    `${p.cert} 是在 ${p.signer} 签名之后修改了${p.parts}的 ${p.base}，重新签名需要 ${p.signer} 的私钥`,
  aCertificate: '一张证书',
  parts: (p) => (p.names.length ? p.names.join('和') : '内容'),
  partNames: ['主体', '公钥', '签发者', '生效日期', '过期日期'],
  selfSignedIssuer: '它自己（自签名）',

  onlyAttackersForward: (p) => `只有攻击者（用 'attacker ${p.from}' 声明）才会转发其他端点的消息`,
  nothingToForward: (p) => `它没有收到可以转发的 ${p.message}`,
  noHandshakeYet: (p) => `${p.from} 与 ${p.to} 之间还没有开始握手：应先由客户端发送 ClientHello`,
  dataAfterFinished: '双方的 Finished 都发送之后才能传输应用数据',
  endedWithAlert: '连接已因告警而结束',
  wouldSend: (p) => `应发送 Alert ${p.alert}（${p.reason}）`,
  acceptsCertificate: '会接受这张证书',
  sendsNothingMore: '不会再在这个连接上发送任何消息',
  sendsAlertInstead: (p) => `应改为发送 Alert ${p.alert} 并停止`,
  failureNote: (p) => `✗ ${p.reason}：${p.endpoint} 发送 Alert ${p.alert}`,
  secretOfOther: (p) =>
    `${p.secret} 是其他端点的秘密，${p.from} 只收到了它的密文${p.key ? `（用 ${p.key} 加密）` : ''}；请改为转发那条 ClientKeyExchange，或自己生成一个预主密钥`,
  doesNotKnow: (p) => `${p.who} 不知道${p.secret}：${p.why}`,
  cannotDerive: (p) => `${p.who} 自己无法推导出${p.secret}：${p.why}`,
  differentSecrets: (p) => `双方持有的秘密不同（${p.a} 和 ${p.b}）`,
  changedOnTheWay: (p) => `${p.difference}：握手消息在传输途中被篡改了`,
  differentCount: '双方看到的握手消息数量不同',
  sawOtherType: (p) => `${p.a} 看到的是 ${p.aType}，而 ${p.b} 看到的是 ${p.bType}`,
  fieldsDiffer: (p) => `${p.a} 发出的 ${p.type} 是 ${p.aFields}，${p.b} 收到的是 ${p.bFields}`,
  noField: (p) => `没有 ${p.name}=`,
  travelsEncrypted: (p) =>
    `${p.premaster} 是用 ${p.key} 加密传输的${p.holder ? `，只有 ${p.holder} 持有对应的私钥` : ''}`,
  aKey: '某个密钥',
  noPremaster: '还没有交换预主密钥',
  madeNoShare: (p) => `${p.endpoint} 没有生成任何一方的密钥份额`,
  masterSecret: '主密钥',
  handshakeKeys: '握手密钥',
  nobody: '无人',

  failSelfSigned: '自签名证书',
  failUntrusted: '签发者不受信任',
  failSignature: '证书签名验证失败',
  failName: '证书是签发给其他域名的',
  failExpired: '证书已过期',
  failNotYetValid: '证书尚未生效',
  failMessageSignature: (p) => `${p.message} 的签名验证失败`,
  failFinished: 'Finished 验证失败',

  fixSendAlert: (p) => `改为发送 Alert ${p.alert}`,
  fixChangeCipherSpecFirst: '先发送 ChangeCipherSpec',
  fixPickVersion: (p) => `选择 TLS ${p.version}`,
  fixPickSuite: (p) => `选择 ${p.suite}`,
  fixEncryptWith: (p) => `改用 ${p.key} 加密`,
  fixRepeatFirstHello: (p) => `像第一个 ClientHello 那样再次发送 ${p.field}=${p.value}`,
  firstHelloSent: (p) => `第一个 ClientHello 发送的是 ${p.field}=${p.value}`,
  and: ' 和 ',
  none: '（无）',

  missing: {
    random: '每个 Hello 都携带一个新的随机数，它是主密钥的输入之一',
    cert: '客户端需要服务器的证书，才知道自己用的是谁的公钥',
    share: 'ECDHE 密钥交换需要这一方的密钥份额',
    key_share: '在 TLS 1.3 中，Hello 消息携带生成握手密钥所需的密钥份额',
    premaster: '使用 RSA 密钥交换时，客户端发送预主密钥',
    encrypted: '请说明预主密钥是用哪个公钥加密的（服务器证书中的那个）',
  },
  missingOther: '握手需要它',

  acceptsAny: (p) => `${p.victim} 接受任何证书`,
  trustsAttackerCa: (p) =>
    `${p.victim} 信任 ${p.ca}，而这个 CA 的私钥在 ${p.attacker} 手里，所以 ${p.attacker} 可以为 ${p.subject} 签发 ${p.cert}`,
  acceptedCert: (p) => `${p.victim} 接受了 ${p.cert}，而 ${p.attacker} 持有 ${p.key} 的私钥`,
  checkedNothing: (p) => `${p.victim} 没有验证任何证书`,
  anyName: '任意域名',

  derivesNote: (p) => `🔑 由 ${p.inputs} 推导出${p.secret}`,
  holdsKeysNote: (p) => `⚠ ${p.attacker} 掌握了会话密钥：中间人攻击成功`,
  readsNote: (p) => `⚠ ${p.attacker} 可以读取并篡改这条消息`,
  keysTitle: {
    session: '🔒 用会话密钥加密',
    handshake: '🔒 用握手密钥加密',
    application: '🔒 用应用数据密钥加密',
  },
  certVerifiedNote: (p) =>
    `${p.cert} ✓ 由 ${p.signer} 签发${p.name ? `，域名 ${p.name} 相符` : p.noSni ? '，未核对域名：ClientHello 没有 sni=' : ''}${p.date ? `，${p.date} 在有效期内` : ''}`,
  certAttackerCaNote: (p) =>
    `⚠ ${p.client} 接受 ${p.cert}：它把 ${p.attacker} 的 CA ${p.ca} 列为受信任的根证书`,
  certUncheckedNote: (p) => `⚠ ${p.client} 未经验证就接受了 ${p.cert}：它信任任何证书`,
  handshakeTitle: (p) => `TLS 握手${p.version ? `（TLS ${p.version}）` : ''}`,
  attacker: '（攻击者）',

  dateFormat: '写作 YYYY-MM-DD 的日期',
  whatDate: '日期',
  whatVersion: 'TLS 版本',
  whatSuite: '密码套件',
  whatAlert: '告警',
  whatEndpoint: '端点',
  whatCertificate: '证书',
  whatKey: '密钥',
  whatCa: '证书颁发机构',
  versions: '1.2 或 1.3',
  oneOf: (p) => `以下之一：${p.list}`,
  ianaName: (p) => `IANA 名称，如 ${p.examples}`,
};

/** The TLS texts as phrases, worded where they are shown (`word(text, locale)`). */
export const TLS_TEXT = phrasebook({ en: EN, 'zh-cn': ZH_CN });

export const TLS_TEXT_TABLES = { en: EN, 'zh-cn': ZH_CN } as const;
