import { phrasebook } from '../../text/words';

/** What the key log reader says about a line it cannot use, in one table to translate. */
const EN = {
  fields: (p: { count: number }) =>
    `a key log line is LABEL CLIENT_RANDOM SECRET (three fields separated by spaces); this one has ${p.count}: skipped.`,
  label: (p: { label: string }) => `unknown label ${p.label}: skipped.`,
  random: () => 'the client random is not 32 bytes of hex (64 hex digits): skipped.',
  secret: () => 'the secret is not hex (an even number of hex digits): skipped.',
  repeated: (p: { label: string }) =>
    `${p.label} again for the same client random, with another secret: the first is kept.`,
  empty: () =>
    'the key log holds no secrets: no line of the form LABEL CLIENT_RANDOM SECRET (SSLKEYLOGFILE format).',
};

const ZH_CN: typeof EN = {
  fields: (p) =>
    `密钥日志的一行应为 LABEL CLIENT_RANDOM SECRET（以空格分隔的三个字段）；这一行有 ${p.count} 个：已跳过。`,
  label: (p) => `未知的标签 ${p.label}：已跳过。`,
  random: () => 'client random 不是 32 字节的十六进制（64 个十六进制数字）：已跳过。',
  secret: () => '密钥不是十六进制（偶数个十六进制数字）：已跳过。',
  repeated: (p) => `同一个 client random 又出现了 ${p.label}，且密钥不同：保留第一个。`,
  empty: () =>
    '密钥日志中没有密钥：没有 LABEL CLIENT_RANDOM SECRET 形式的行（SSLKEYLOGFILE 格式）。',
};

/** The key log reader's sentences as phrases, worded where they are shown. */
export const KEY_LOG_MESSAGES = phrasebook({ en: EN, 'zh-cn': ZH_CN });

export const KEY_LOG_MESSAGES_TABLES = { en: EN, 'zh-cn': ZH_CN } as const;
