import type { Locale } from '../core/text/locale';

/** The commands `handshake help COMMAND` describes, in the order `--help` lists them. */
export const COMMANDS = ['check', 'mermaid', 'import', 'render'] as const;
export type CommandName = (typeof COMMANDS)[number];

/**
 * The usage text as data: `--help` prints every section, `help COMMAND` the synopsis and section
 * of one command, so the two never drift apart.
 */
export interface HelpText {
  /** The first line of `--help`. */
  readonly usage: string;
  readonly commandsHeading: string;
  /** `Usage: handshake` and what follows it in `help COMMAND`. */
  readonly synopsis: (p: { command: string; args: string }) => string;
  readonly commands: Readonly<
    Record<CommandName, { readonly args: string; readonly text: string }>
  >;
  /** `help` and `--version`. */
  readonly other: string;
  readonly exitStatus: string;
}

const EN_HELP: HelpText = {
  usage: 'Usage: handshake <command> [options]',
  commandsHeading: 'Commands:',
  synopsis: (p) => `Usage: handshake ${p.command} ${p.args}`,
  commands: {
    check: {
      args: '[options] FILE...',
      text: `  check FILE...   check .handshake scenarios, and the \`\`\`handshake blocks of
                  Markdown files (.md); one line per problem:
                  FILE:LINE:COL: error|warning|info CODE: MESSAGE
    --format text|json|github|sarif
                  text: the lines above (the default); json: an array of
                  {file, line, column, endLine, endColumn, severity, code,
                  message}; github: GitHub Actions annotations
                  (::error file=...::); sarif: a SARIF 2.1.0 log for
                  code-scanning tools
    --json        the same as --format json`,
    },
    mermaid: {
      args: '[options] FILE',
      text: `  mermaid FILE    print the scenario as a Mermaid sequence diagram
    --numbers asWritten|absolute|relative
                  how seq/ack are shown (default asWritten; relative is
                  Wireshark's relative sequence numbers)
    --no-states   no notes for state changes
    --no-payload  no payload text in the labels
    --no-line-numbers
                  do not number arrows with their source lines
    --max-segments N
                  draw at most N segments (from the start)
    --block N     of a Markdown note: its Nth handshake block (without it,
                  mermaid prints every block's diagram as Markdown)`,
    },
    import: {
      args: '[options] FILE',
      text: `  import FILE     print a packet capture (pcap, pcapng) or tcpdump text output as a
                  .handshake scenario, with Wireshark's TCP analysis in comments
    --connection N
                  only the Nth TCP connection
    --list        list the connections instead
    --keylog FILE
                  decrypt TLS 1.3 with this key log (SSLKEYLOGFILE format, as
                  browsers, curl and openssl -keylogfile write it)`,
    },
    render: {
      args: '[options] FILE',
      text: `  render FILE     draw the diagram as an SVG with the bundled Mermaid in headless
                  Chromium (CHROME_PATH names the browser if it is elsewhere)
    -o OUT        write to OUT (OUT.png for a PNG); SVG to standard output if not given
    --theme light|dark
                  the colours (default light)
    and the options of mermaid (handshake help mermaid)`,
    },
  },
  other: `  help [COMMAND]  this text, or only COMMAND's part of it
  --version       print the version`,
  exitStatus: `Exit status: 0 no errors, 1 errors found (the diagram is still printed or drawn),
2 usage or file errors (a full disk included), or no browser to draw with.
FILE may be - for standard input (check, mermaid, import); a reader that stops early
(| head) does not change the status.`,
};

/** The CLI's own words: usage, argument errors, file errors, in English and 简体中文. */
const EN = {
  help: EN_HELP,
  cannotRead: (p: { file: string; reason: string }) => `cannot read ${p.file}: ${p.reason}`,
  cannotWrite: (p: { file: string; reason: string }) => `cannot write ${p.file}: ${p.reason}`,
  noSuchFile: 'no such file',
  permissionDenied: 'permission denied',
  isDirectory: 'it is a directory',
  noSpace: 'no space left on the device',
  theOutput: 'the output',
  noBlocks: (p: { file: string }) => `${p.file} has no \`\`\`handshake block`,
  chooseBlock: (p: { file: string; count: number; lines: string }) =>
    `${p.file} has ${p.count} handshake blocks (${p.lines}): choose one with --block N`,
  noSuchBlock: (p: { file: string; block: number; count: number; lines: string }) =>
    `${p.file} has no block ${p.block}: it has ${p.count} (${p.lines})`,
  blockAt: (p: { index: number; line: number }) => `block ${p.index} at line ${p.line}`,
  blockTakes: '--block takes a whole number of at least 1',
  blockOfNote: (p: { file: string }) =>
    `--block names a block of a Markdown note (.md), and ${p.file} is a scenario`,
  blockHeading: (p: { index: number; line: number }) =>
    `Handshake block ${p.index}, line ${p.line}`,
  standardInput: 'standard input',
  unknownOption: (p: { option: string }) => `unknown option ${p.option}`,
  unknownCommand: (p: { command: string }) => `unknown command '${p.command}'`,
  checkNeedsFile: 'check needs at least one FILE',
  takesOneFile: (p: { command: string }) => `${p.command} takes exactly one FILE`,
  takesFileName: (p: { option: string }) => `${p.option} takes a file name`,
  themeValues: '--theme takes light or dark',
  formatValues: '--format takes text, json, github or sarif',
  connectionNumber: '--connection takes a connection number (1, 2, ...; see --list)',
  keylogFile: '--keylog takes the key log file (SSLKEYLOGFILE format)',
  pngNeedsOutput: 'a PNG needs -o FILE.png',
  noChromium:
    'render draws with Chromium or Chrome, which was not found. Install it (Debian and Ubuntu: apt-get install chromium) or set CHROME_PATH to its executable.',
  needsPlaywright: (p: { what: string }) =>
    `render needs ${p.what}: run npm install in the package's folder`,
  couldNotDraw: (p: { file: string; reason: string }) => `could not draw ${p.file}: ${p.reason}`,
  missingFont: (p: { what: 'chinese' | 'emoji'; fontPackage: string }) =>
    `warning: no font here draws the diagram's ${p.what === 'chinese' ? 'Chinese text' : 'emoji'}, which is drawn as boxes: install one (Debian and Ubuntu: apt-get install ${p.fontPackage})`,
};

const ZH_CN_HELP: HelpText = {
  usage: '用法：handshake <命令> [选项]',
  commandsHeading: '命令：',
  synopsis: (p) => `用法：handshake ${p.command} ${p.args}`,
  commands: {
    check: {
      args: '[选项] 文件...',
      text: `  check 文件...   检查 .handshake 场景，以及 Markdown 文件（.md）中的
                  \`\`\`handshake 代码块；每个问题一行：
                  文件:行:列: error|warning|info 代码: 消息
    --format text|json|github|sarif
                  text：上面的格式（默认）；json：数组 {file, line, column,
                  endLine, endColumn, severity, code, message}；github：
                  GitHub Actions 注解（::error file=...::）；sarif：供代码
                  扫描工具使用的 SARIF 2.1.0 日志
    --json        等同于 --format json`,
    },
    mermaid: {
      args: '[选项] 文件',
      text: `  mermaid 文件    以 Mermaid 时序图输出场景
    --numbers asWritten|absolute|relative
                  seq/ack 的显示方式（默认 asWritten；relative 即
                  Wireshark 的相对序列号）
    --no-states   不为状态变化加注释
    --no-payload  标签中不显示载荷文本
    --no-line-numbers
                  不用源代码行号给箭头编号
    --max-segments N
                  最多绘制 N 个报文段（从开头算起）
    --block N     Markdown 笔记中的第 N 个 handshake 代码块（不指定时，
                  mermaid 以 Markdown 输出每个代码块的图）`,
    },
    import: {
      args: '[选项] 文件',
      text: `  import 文件     把抓包文件（pcap、pcapng）或 tcpdump 文本输出转换为
                  .handshake 场景，并把 Wireshark 的 TCP 分析写在注释中
    --connection N
                  只取第 N 个 TCP 连接
    --list        改为列出所有连接
    --keylog 文件  用这个密钥日志解密 TLS 1.3（SSLKEYLOGFILE 格式，
                  即浏览器、curl 和 openssl -keylogfile 写出的格式）`,
    },
    render: {
      args: '[选项] 文件',
      text: `  render 文件     用内置的 Mermaid 在无头 Chromium 中把图绘制为 SVG
                  （浏览器在别处时用 CHROME_PATH 指定）
    -o 输出        写入 输出 文件（输出.png 则为 PNG）；不指定时 SVG 写到标准输出
    --theme light|dark
                  配色（默认 light）
    以及 mermaid 的选项（handshake help mermaid）`,
    },
  },
  other: `  help [命令]     显示本说明，或只显示某个命令的部分
  --version       输出版本号`,
  exitStatus: `退出状态：0 没有错误，1 发现错误（图仍会输出或绘制），
2 用法或文件错误（包括磁盘已满），或者没有可用于绘图的浏览器。
文件可写作 - 表示标准输入（check、mermaid、import）；读取方提前结束（| head）
不改变退出状态。`,
};

const ZH_CN: typeof EN = {
  help: ZH_CN_HELP,
  cannotRead: (p) => `无法读取 ${p.file}：${p.reason}`,
  cannotWrite: (p) => `无法写入 ${p.file}：${p.reason}`,
  noSuchFile: '文件不存在',
  permissionDenied: '没有权限',
  isDirectory: '这是一个目录',
  noSpace: '设备上没有剩余空间',
  theOutput: '输出',
  noBlocks: (p) => `${p.file} 中没有 \`\`\`handshake 代码块`,
  chooseBlock: (p) =>
    `${p.file} 中有 ${p.count} 个 handshake 代码块（${p.lines}）：请用 --block N 选择一个`,
  noSuchBlock: (p) => `${p.file} 中没有第 ${p.block} 个代码块：共有 ${p.count} 个（${p.lines}）`,
  blockAt: (p) => `第 ${p.index} 块在第 ${p.line} 行`,
  blockTakes: '--block 需要一个至少为 1 的整数',
  blockOfNote: (p) => `--block 指的是 Markdown 笔记（.md）中的代码块，而 ${p.file} 是一个场景`,
  blockHeading: (p) => `Handshake 代码块 ${p.index}，第 ${p.line} 行`,
  standardInput: '标准输入',
  unknownOption: (p) => `未知选项 ${p.option}`,
  unknownCommand: (p) => `未知命令 '${p.command}'`,
  checkNeedsFile: 'check 至少需要一个文件',
  takesOneFile: (p) => `${p.command} 只接受一个文件`,
  takesFileName: (p) => `${p.option} 需要一个文件名`,
  themeValues: '--theme 只接受 light 或 dark',
  formatValues: '--format 只接受 text、json、github 或 sarif',
  connectionNumber: '--connection 需要一个连接编号（1、2、...；见 --list）',
  keylogFile: '--keylog 需要密钥日志文件（SSLKEYLOGFILE 格式）',
  pngNeedsOutput: '输出 PNG 需要 -o 文件.png',
  noChromium:
    'render 需要 Chromium 或 Chrome 来绘图，但没有找到。请安装它（Debian 和 Ubuntu：apt-get install chromium），或用 CHROME_PATH 指定它的可执行文件。',
  needsPlaywright: (p) => `render 需要 ${p.what}：请在本软件包的目录中运行 npm install`,
  couldNotDraw: (p) => `无法绘制 ${p.file}：${p.reason}`,
  missingFont: (p) =>
    `警告：本机没有能显示图中${p.what === 'chinese' ? '中文' : 'emoji'}的字体，它们会画成方框：请安装一个（Debian 和 Ubuntu：apt-get install ${p.fontPackage}）`,
};

/** The CLI's words in `locale` (main.ts reads it from LC_ALL, LC_MESSAGES or LANG). */
export function cliTextIn(locale: Locale): typeof EN {
  return locale === 'zh-cn' ? ZH_CN : EN;
}

export const CLI_TEXT_TABLES = { en: EN, 'zh-cn': ZH_CN } as const;
