import type { Locale } from '../text/locale';

/**
 * The TLS part of the hover and completion texts, in one table like `DOCS` so that it can be
 * translated. Entries take facts the engine computed; none computes a protocol rule.
 */
const TLS_DOCS_EN = {
  messageTitle: (p: { from: string; to: string; message: string; forwarded: boolean }) =>
    `**${p.from}** → **${p.to}**: ${p.forwarded ? 'relays ' : ''}\`${p.message}\``,
  version: (p: { version: string; session: number }) => `TLS ${p.version} · handshake ${p.session}`,
  encrypted: 'Sent encrypted with the session keys.',
  inClear: 'Sent in the clear.',
  forwarded:
    'Relayed unchanged: a forwarded Finished or signature is the original sender’s, which the attacker could not make itself.',
  derives: (p: { endpoint: string; secret: string; inputs: string }) =>
    `🔑 **${p.endpoint}** derives the ${p.secret} from ${p.inputs}.`,
  failure: (p: { text: string }) => `**Handshake fails:** ${p.text}`,
  compromised: (p: { attacker: string }) =>
    `⚠ **${p.attacker}** holds this session’s keys: it can read and change this.`,
  knowledgeHeading: 'Afterwards:',
  knows: (p: { endpoint: string; secrets: string }) => `- **${p.endpoint}** knows ${p.secrets}`,
  knowsNothing: (p: { endpoint: string }) => `- **${p.endpoint}** knows no secret yet`,
  certificate: (p: {
    name: string;
    subject: string;
    key: string;
    holder: string;
    issuer: string;
    signer: string;
    validity: string;
    copy: string;
  }) =>
    `**certificate** \`${p.name}\`: for \`${p.subject}\`, public key \`${p.key}\` (private key held by ${p.holder}), issued by ${p.issuer}, signed by ${p.signer}${p.validity}.${p.copy}`,
  copyOf: (p: { base: string }) =>
    ` A copy of \`${p.base}\` with fields changed after signing: its signature no longer verifies.`,
  key: (p: { name: string; holder: string; ca: boolean }) =>
    `**${p.ca ? 'certificate authority' : 'key pair'}** \`${p.name}\`: the private key is held by ${p.holder}.`,
  suite: (p: { suite: string; exchange: string }) => `\`${p.suite}\`: ${p.exchange}.`,
  exchanges: {
    RSA: 'TLS 1.2 with RSA key exchange: the client encrypts the premaster secret with the server’s public key',
    ECDHE: 'TLS 1.2 with ECDHE key exchange: both sides contribute a key share (forward secrecy)',
    TLS13: 'a TLS 1.3 suite: the key exchange is the key shares in the hellos',
  },
  secret: (p: { name: string; role: string }) => `\`${p.name}\`: ${p.role}.`,
  secretRoles: {
    random: 'a random from a hello, public, one of the inputs of the master secret',
    premaster:
      'the premaster secret: the client makes it and sends it encrypted with the server’s public key',
    share: 'an ECDHE key share: public, but only its maker knows the private half',
    key_share: 'a TLS 1.3 key share: public, but only its maker knows the private half',
  } as Readonly<Record<string, string>>,
  validity: (p: { from: string; to: string }) => `, valid ${p.from} to ${p.to}`,
  selfSigned: 'itself (self-signed)',
  nobody: 'no one',
  /** Completion details: what each proposed word is. */
  details: {
    message: 'TLS message',
    alert: 'TLS alert',
    needs: (p: { message: string }) => `${p.message} needs it`,
    certificate: 'certificate',
    keyPair: 'key pair',
    authority: 'certificate authority',
    signingKey: 'signing key',
    endpoint: 'endpoint',
    version: 'TLS version',
    group: 'key-exchange group',
    anyCertificate: 'accept any certificate (like curl -k)',
  },
};

const TLS_DOCS_ZH_CN: typeof TLS_DOCS_EN = {
  messageTitle: (p) => `**${p.from}** → **${p.to}**：${p.forwarded ? '转发 ' : ''}\`${p.message}\``,
  version: (p) => `TLS ${p.version} · 第 ${p.session} 次握手`,
  encrypted: '用会话密钥加密发送。',
  inClear: '以明文发送。',
  forwarded: '原样转发：被转发的 Finished 或签名属于原发送方，攻击者自己做不出来。',
  derives: (p) => `🔑 **${p.endpoint}** 由 ${p.inputs} 推导出${p.secret}。`,
  failure: (p) => `**握手失败：**${p.text}`,
  compromised: (p) => `⚠ **${p.attacker}** 掌握这次会话的密钥：它可以读取并篡改这条消息。`,
  knowledgeHeading: '之后：',
  knows: (p) => `- **${p.endpoint}** 知道 ${p.secrets}`,
  knowsNothing: (p) => `- **${p.endpoint}** 还不知道任何秘密`,
  certificate: (p) =>
    `**证书** \`${p.name}\`：签发给 \`${p.subject}\`，公钥 \`${p.key}\`（私钥由 ${p.holder} 持有），由 ${p.issuer} 签发，由 ${p.signer} 签名${p.validity}。${p.copy}`,
  copyOf: (p) => ` 它是 \`${p.base}\` 的副本，签名之后修改过字段：签名已不再有效。`,
  key: (p) => `**${p.ca ? '证书颁发机构' : '密钥对'}** \`${p.name}\`：私钥由 ${p.holder} 持有。`,
  suite: (p) => `\`${p.suite}\`：${p.exchange}。`,
  exchanges: {
    RSA: 'TLS 1.2，RSA 密钥交换：客户端用服务器的公钥加密预主密钥',
    ECDHE: 'TLS 1.2，ECDHE 密钥交换：双方各出一份密钥份额（前向保密）',
    TLS13: 'TLS 1.3 的套件：密钥交换通过 Hello 消息中的密钥份额完成',
  },
  secret: (p) => `\`${p.name}\`：${p.role}。`,
  secretRoles: {
    random: 'Hello 消息中的随机数，公开，是主密钥的输入之一',
    premaster: '预主密钥：由客户端生成，用服务器的公钥加密后发送',
    share: 'ECDHE 密钥份额：公开，但只有生成者知道其私有部分',
    key_share: 'TLS 1.3 密钥份额：公开，但只有生成者知道其私有部分',
  },
  validity: (p) => `，有效期 ${p.from} 至 ${p.to}`,
  selfSigned: '它自己（自签名）',
  nobody: '无人',
  details: {
    message: 'TLS 消息',
    alert: 'TLS 告警',
    needs: (p) => `${p.message} 必须带这个字段`,
    certificate: '证书',
    keyPair: '密钥对',
    authority: '证书颁发机构',
    signingKey: '签名密钥',
    endpoint: '端点',
    version: 'TLS 版本',
    group: '密钥交换组',
    anyCertificate: '接受任何证书（如 curl -k）',
  },
};

/** The TLS hover and completion texts in `locale`. */
export function tlsDocsIn(locale: Locale): typeof TLS_DOCS_EN {
  return locale === 'zh-cn' ? TLS_DOCS_ZH_CN : TLS_DOCS_EN;
}
