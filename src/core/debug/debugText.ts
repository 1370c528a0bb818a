import type { Locale } from '../text/locale';

/**
 * The debugger's own words, in English and 简体中文. Protocol names (state, ISS, SND.NXT, the
 * TLS messages) stay as the RFCs write them, in both languages.
 */
const EN = {
  scopeStep: 'Step',
  inFlight: 'in flight',
  tls: 'TLS',
  randoms: 'randoms',
  keyShares: 'key shares',
  premaster: 'premaster secret',
  masterSecret: 'master secret',
  keys: 'keys',
  privateKeys: 'private keys',
  otherSecrets: 'other secrets',
  certificatesVerified: 'certificates verified',
  nothing: '(none)',
  unknown: '(unknown)',
  problems: 'problems',
  outcome: 'outcome',
  expected: 'expected',
  written: 'written',
  changes: 'changes',
  errorsFilter: 'Errors (steps with an error diagnostic)',
  cannotRead: (p: { program: string; error: string }) => `Cannot read ${p.program}: ${p.error}`,
  conditionFailed: (p: { why: string }) => `Breakpoint condition: ${p.why}`,
  /** The reasons a condition cannot be read or evaluated (see condition.ts). */
  conditionError: {
    unexpected: (p: { found: string; column: number }) =>
      `unexpected ${p.found} at column ${p.column}`,
    end: 'the condition ends too early',
    singleEquals: (p: { column: number }) => `write == to compare (column ${p.column})`,
    unknownName: (p: { name: string }) => `unknown name '${p.name}'`,
    mismatch: (p: { left: string; right: string }) => `cannot compare ${p.left} with ${p.right}`,
    arithmetic: (p: { left: string; right: string }) =>
      `cannot add or subtract ${p.left} and ${p.right}`,
    notBoolean: 'a condition must be a comparison (for example client.state == ESTABLISHED)',
  },
  kinds: { number: 'a number', word: 'a name', bool: 'true or false', none: 'nothing' },
};

type DebugWords = typeof EN;

const ZH_CN: DebugWords = {
  scopeStep: '步骤',
  inFlight: '在途报文段',
  tls: 'TLS',
  randoms: '随机数',
  keyShares: '密钥份额',
  premaster: '预主密钥',
  masterSecret: '主密钥',
  keys: '密钥',
  privateKeys: '私钥',
  otherSecrets: '其他秘密',
  certificatesVerified: '已验证的证书',
  nothing: '（无）',
  unknown: '（未知）',
  problems: '问题',
  outcome: '结果',
  expected: '应为',
  written: '写的是',
  changes: '变化',
  errorsFilter: '错误（带有错误诊断的步骤）',
  cannotRead: (p) => `无法读取 ${p.program}：${p.error}`,
  conditionFailed: (p) => `断点条件：${p.why}`,
  conditionError: {
    unexpected: (p) => `第 ${p.column} 列出现意外的 ${p.found}`,
    end: '条件不完整',
    singleEquals: (p) => `比较请写 ==（第 ${p.column} 列）`,
    unknownName: (p) => `未知的名称“${p.name}”`,
    mismatch: (p) => `无法比较${p.left}和${p.right}`,
    arithmetic: (p) => `无法对${p.left}和${p.right}做加减`,
    notBoolean: '条件必须是一个比较（例如 client.state == ESTABLISHED）',
  },
  kinds: { number: '数字', word: '名称', bool: '真假值', none: '空值' },
};

/** The debugger's words in `locale`. */
export function debugWords(locale: Locale): DebugWords {
  return locale === 'zh-cn' ? ZH_CN : EN;
}
