/**
 * The TLS part of the hover and completion texts, in one table like `DOCS` so that it can be
 * translated. Entries take facts the engine computed; none computes a protocol rule.
 */
export const TLS_DOCS = {
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
  nobody: 'no one',
} as const;
