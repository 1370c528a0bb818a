import type { Locale } from '../text/locale';

/**
 * The preview panel's own words, shared by the page the host writes and the script in the
 * webview (which reads the language from the page's `lang`), in English and 简体中文.
 */
const EN = {
  toolbar: 'Diagram',
  zoomOut: 'Zoom out',
  zoomOutTitle: 'Zoom out (-)',
  zoomIn: 'Zoom in',
  zoomInTitle: 'Zoom in (+)',
  fit: 'Fit',
  fitTitle: 'Fit to width',
  reset: 'Actual size',
  resetTitle: 'Actual size (0)',
  drawFailed: (p: { error: string }) => `The diagram could not be drawn: ${p.error}`,
  segments: (p: { count: number }) => `${p.count} segment${p.count === 1 ? '' : 's'}`,
  tlsMessages: (p: { count: number }) => `${p.count} TLS message${p.count === 1 ? '' : 's'}`,
  problems: (p: { errors: number; warnings: number }) =>
    `${p.errors} error${p.errors === 1 ? '' : 's'}, ${p.warnings} warning${p.warnings === 1 ? '' : 's'}`,
  noProblems: 'no problems',
  window: (p: { first: number; last: number; total: number; max: number }) =>
    `Showing segments ${p.first}–${p.last} of ${p.total} around the cursor (setting handshake.preview.maxSegments = ${p.max}).`,
  views: 'View',
  diagramView: 'Diagram',
  diagramViewTitle: 'Show the sequence diagram',
  tableView: 'Table',
  tableViewTitle: 'Show a table of the segments and TLS messages',
  table: 'Segments and TLS messages',
  /** Column headers; seq, ack and len are the scenario's own words and stay as they are. */
  columns: {
    line: '#',
    ends: 'from → to',
    message: 'flags / message',
    seq: 'seq',
    ack: 'ack',
    len: 'len',
    states: 'state after',
    problems: 'problems',
  },
  lineTitle: (p: { line: number }) => `Line ${p.line}: click to go to it`,
  noRows: 'No segments or TLS messages.',
  timeline: 'Timeline',
  stepBack: 'Previous step',
  stepBackTitle: 'Previous step (←); before the first, the whole diagram',
  stepForward: 'Next step',
  stepForwardTitle: 'Next step (→). Home: first step, End: last, Esc: the whole diagram',
  stepSlider: 'Step',
  predict: 'Predict',
  predictTitle: "Hide the next arrow's seq and ack until you step, to test yourself",
  stepCaption: (p: { step: number; total: number; line: number }) =>
    `After step ${p.step} of ${p.total} (line ${p.line})`,
  /** Row headers of the endpoint table (the RFC 9293 variable names are not translated). */
  stepRows: {
    state: 'state',
    inFlight: 'in flight (unacked)',
    knows: 'TLS: knows',
    verified: 'TLS: verified',
  },
};

const ZH_CN: typeof EN = {
  toolbar: '图',
  zoomOut: '缩小',
  zoomOutTitle: '缩小 (-)',
  zoomIn: '放大',
  zoomInTitle: '放大 (+)',
  fit: '适应宽度',
  fitTitle: '适应宽度',
  reset: '实际大小',
  resetTitle: '实际大小 (0)',
  drawFailed: (p) => `无法绘制图：${p.error}`,
  segments: (p) => `${p.count} 个报文段`,
  tlsMessages: (p) => `${p.count} 条 TLS 消息`,
  problems: (p) => `${p.errors} 个错误，${p.warnings} 个警告`,
  noProblems: '没有问题',
  window: (p) =>
    `显示光标附近的第 ${p.first}–${p.last} 个报文段，共 ${p.total} 个（设置 handshake.preview.maxSegments = ${p.max}）。`,
  views: '视图',
  diagramView: '时序图',
  diagramViewTitle: '显示时序图',
  tableView: '表格',
  tableViewTitle: '以表格显示报文段和 TLS 消息',
  table: '报文段和 TLS 消息',
  columns: {
    line: '#',
    ends: '发送方 → 接收方',
    message: '标志位 / 消息',
    seq: 'seq',
    ack: 'ack',
    len: 'len',
    states: '之后的状态',
    problems: '问题',
  },
  lineTitle: (p) => `第 ${p.line} 行：点击跳转`,
  noRows: '没有报文段或 TLS 消息。',
  timeline: '时间线',
  stepBack: '上一步',
  stepBackTitle: '上一步 (←)；第一步之前显示整个图',
  stepForward: '下一步',
  stepForwardTitle: '下一步 (→)。Home：第一步，End：最后一步，Esc：整个图',
  stepSlider: '步骤',
  predict: '预测',
  predictTitle: '隐藏下一个箭头的 seq 和 ack，直到你前进一步，用来自测',
  stepCaption: (p) => `第 ${p.step} 步之后，共 ${p.total} 步（第 ${p.line} 行）`,
  stepRows: {
    state: '状态',
    inFlight: '在途（未确认）',
    knows: 'TLS：已知',
    verified: 'TLS：已验证',
  },
};

export const PREVIEW_TEXT_TABLES: Readonly<Record<Locale, typeof EN>> = { en: EN, 'zh-cn': ZH_CN };

/** The panel's words for a language tag as the page's `lang` carries it. */
export function previewText(lang: string): typeof EN {
  return lang === 'zh-cn' ? ZH_CN : EN;
}
