import { liveTable } from '../l10n/locale';

/** The words of the parser's "expected X, found Y" messages, in English and 简体中文. */
const EN = {
  endOfLine: 'the end of the line',
  aString: 'a string',
  aStatement: 'a statement',
  aQuotedTitle: 'a quoted title, as in scenario "Three-way handshake"',
  anEndpointName: 'an endpoint name',
  aSymbolName: 'a symbol name',
  aNumber: 'a number',
  aState: 'a state such as ESTABLISHED',
  theReceiver: 'the receiving endpoint',
  aPayload: 'A payload',
  segmentPart: 'a flag, a field (seq=, ack=, win=, len=) or a "payload"',
  aNumberAfterField: (p: { field: string }) => `a number after ${p.field}=`,
  aValue: 'a number or a symbol such as x or x+1',
  aNumberAfterSign: (p: { sign: string }) => `a number after '${p.sign}'`,
  afterName: (p: { name: string }) => `'->', '-x', '~>', 'listen' or 'close' after '${p.name}'`,
  anArrowAfter: (p: { name: string }) => `'->' or '-x' after '${p.name}'`,
  equalsAfter: (p: { field: string }) => `'=' after ${p.field}`,
  aFlagOrMessage: 'a flag (SYN, ACK, FIN ...) or a TLS message (ClientHello ...)',
  aTlsMessage: 'a TLS message (ClientHello ...) after forward',
  aLabel: 'a label name after as, as in as d1',
  aFlightLabel: 'as NAME at the end of a ~> segment: the label a later deliver NAME names',
  aLabelToDeliver: 'the label of a segment, as in deliver d1',
};

const ZH_CN: typeof EN = {
  endOfLine: '行尾',
  aString: '字符串',
  aStatement: '一条语句',
  aQuotedTitle: '带引号的标题，如 scenario "三次握手"',
  anEndpointName: '端点名',
  aSymbolName: '符号名',
  aNumber: '数字',
  aState: '状态，如 ESTABLISHED',
  theReceiver: '接收方端点',
  aPayload: '载荷',
  segmentPart: '标志位、字段（seq=、ack=、win=、len=）或 "载荷"',
  aNumberAfterField: (p) => `${p.field}= 之后的数字`,
  aValue: '数字或符号，如 x 或 x+1',
  aNumberAfterSign: (p) => `'${p.sign}' 之后的数字`,
  afterName: (p) => `'${p.name}' 之后的 '->'、'-x'、'~>'、'listen' 或 'close'`,
  anArrowAfter: (p) => `'${p.name}' 之后的 '->' 或 '-x'`,
  equalsAfter: (p) => `${p.field} 之后的 '='`,
  aFlagOrMessage: '标志位（SYN、ACK、FIN ...）或 TLS 消息（ClientHello ...）',
  aTlsMessage: 'forward 之后的 TLS 消息（ClientHello ...）',
  aLabel: 'as 之后的标签名，如 as d1',
  aFlightLabel: '~> 报文段末尾的 as NAME：之后 deliver NAME 所指的标签',
  aLabelToDeliver: '报文段的标签，如 deliver d1',
};

/** The parser's words in the current language. */
export const SYNTAX_TEXT: typeof EN = liveTable({ en: EN, 'zh-cn': ZH_CN });

export const SYNTAX_TEXT_TABLES = { en: EN, 'zh-cn': ZH_CN } as const;
