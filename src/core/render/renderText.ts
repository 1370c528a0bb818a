import type { Locale } from '../text/locale';

/** The words the diagram adds to the scenario's own text, in English and 简体中文. */
const EN = {
  window: (p: { first: number; last: number; total: number }) =>
    `Showing segments ${p.first}–${p.last} of ${p.total}`,
  timeWaitEnds: '2MSL later: TIME_WAIT ends',
  timePasses: (p: { seconds: string }) => `${p.seconds} later`,
  timePassesTimeWaitEnds: (p: { seconds: string }) => `${p.seconds} later: TIME_WAIT ends`,
  expectFailed: (p: { expected: string; actual: string }) =>
    `✗ expected ${p.expected}, is ${p.actual}`,
  together: 'sent at the same time',
  noFlags: '(no flags)',
  shouldBe: (p: { shown: string }) => `✗ should be ${p.shown}`,
  lost: '(lost)',
  outOfOrder: '(out of order)',
  retransmission: '(retransmission)',
  inFlight: '(still in flight)',
  sentAt: (p: { line: number }) => `(sent at line ${p.line})`,
  duplicateOf: (p: { line: number }) => `(duplicate, sent at line ${p.line})`,
};

const ZH_CN: typeof EN = {
  window: (p) => `显示第 ${p.first}–${p.last} 个报文段，共 ${p.total} 个`,
  timeWaitEnds: '2MSL 之后：TIME_WAIT 结束',
  timePasses: (p) => `${p.seconds} 之后`,
  timePassesTimeWaitEnds: (p) => `${p.seconds} 之后：TIME_WAIT 结束`,
  expectFailed: (p) => `✗ 预期 ${p.expected}，实际 ${p.actual}`,
  together: '同时发出',
  noFlags: '（无标志位）',
  shouldBe: (p) => `✗ 应为 ${p.shown}`,
  lost: '（丢失）',
  outOfOrder: '（乱序）',
  retransmission: '（重传）',
  inFlight: '（仍在途中）',
  sentAt: (p) => `（第 ${p.line} 行发出）`,
  duplicateOf: (p) => `（重复，第 ${p.line} 行发出）`,
};

/** The diagram's own words in `locale`. */
export function renderTextIn(locale: Locale): typeof EN {
  return locale === 'zh-cn' ? ZH_CN : EN;
}

export const RENDER_TEXT_TABLES = { en: EN, 'zh-cn': ZH_CN } as const;
