import { diagnostic, type Finding } from '../check/diagnostic';
import { formatFlagBits } from '../protocol/tcpFlags';
import { parseTcpdumpLine, type TcpdumpLine } from '../protocol/tcpdumpLine';
import type { Span } from '../text/span';
import { SYNTAX_TEXT } from './syntaxText';
import type { Statement } from './tree';

/**
 * A line of tcpdump output pasted into a scenario, as study notes quote them:
 * `IP 192.168.1.116.3337 > 192.168.1.123.7788: S 3626544836:3626544836`. It is one mistake (HS020),
 * not a flood of unexpected characters: the line is skipped, and the diagnostic writes it as the
 * segment it is when the endpoints are declared with its addresses.
 */

// An optional timestamp (tcpdump's default, -tttt's date), an optional `IP`/`IP6`, then
// `ADDRESS.PORT > ADDRESS.PORT:`, as tcpdump prints every TCP line (protocol/tcpdumpLine.ts).
const PASTED =
  /^(?:(?:\d{4}-\d{2}-\d{2} )?(?:\d{1,2}:\d{2}:\d{2}|\d+)(?:\.\d{1,9})?[ \t]+)?(?:IP6?[ \t]+)?[0-9A-Za-z:._%-]+\.[0-9A-Za-z-]+ > [0-9A-Za-z:._%-]+\.[0-9A-Za-z-]+:/;

/** The longest line read as pasted tcpdump output: tcpdump's header lines are far shorter. */
const MAX_LINE = 1000;

/** A pasted line, kept until every endpoint is declared (declarations count anywhere). */
export interface PastedLine {
  readonly span: Span;
  readonly line: TcpdumpLine | undefined;
}

/**
 * The pasted tcpdump line that starts at `start`, where a statement's first token `first`
 * stands, or undefined. O(1) on a statement's line: one starts with a name followed by a
 * space, while tcpdump starts with a timestamp, `IP`, or an address with its `.port` (which
 * the scanner keeps inside the token: `client.5000`).
 */
export function pastedTcpdumpAt(
  source: string,
  start: number,
  first: string,
): PastedLine | undefined {
  const c = source.charCodeAt(start);
  const digit = c >= 48 && c <= 57;
  if (!digit && !first.startsWith('IP') && !first.includes('.')) return undefined;
  const line = lineAt(source, start);
  if (line === undefined || !PASTED.test(line)) {
    // tcpdump -v prints the IP header on a line of its own, the TCP part on the next.
    return line !== undefined && V_HEADER.test(line)
      ? verboseRecord(source, start, line)
      : undefined;
  }
  return record(start, stripComment(line), stripComment(line));
}

/** `12:00:00.1 IP (tos 0x0, ttl 64, ..., length 60)`: tcpdump -v's first line of a packet. */
const V_HEADER =
  /^(?:(?:\d{4}-\d{2}-\d{2} )?(?:\d{1,2}:\d{2}:\d{2}|\d+)(?:\.\d{1,9})?[ \t]+)?IP6?[ \t]+\(.*\)[ \t]*\r?$/;

/** The header line and the indented line after it, as one record (tcpdumpLine reads both). */
function verboseRecord(source: string, start: number, header: string): PastedLine | undefined {
  const next = start + header.length + 1;
  const body = lineAt(source, next);
  if (body === undefined) return undefined;
  const indent = body.length - body.trimStart().length;
  if (indent === 0 || !PASTED.test(body.slice(indent))) return undefined;
  const text = stripComment(body);
  return record(start, source.slice(start, next + text.length), `${header.trim()} ${text.trim()}`);
}

/** The line at `start` without its newline, or undefined when it is too long to be tcpdump's. */
function lineAt(source: string, start: number): string | undefined {
  let end = source.indexOf('\n', start);
  if (end < 0) end = source.length;
  // tcpdump's lines are short; a longer one is not read as one (its regular expressions
  // would cost more than linear time on some long lines).
  if (end - start > MAX_LINE) return undefined;
  return source.slice(start, end);
}

/** The line without a comment after the pasted text (# or //) and without a CR. */
function stripComment(line: string): string {
  return line.replace(/\s+(?:#|\/\/).*$|\r$/s, '');
}

function record(start: number, covered: string, text: string): PastedLine {
  const read = parseTcpdumpLine(text);
  return {
    span: { start, end: start + covered.length },
    line: typeof read === 'object' ? read : undefined,
  };
}

/**
 * One HS020 per pasted line, with a fix that writes the segment when both addresses name
 * declared endpoints (`endpoint 客户端 192.168.1.116:3337`).
 */
export function reportPastedTcpdump(
  pasted: readonly PastedLine[],
  statements: readonly Statement[],
  diagnostics: Finding[],
): void {
  if (pasted.length === 0) return;
  const byAddress = new Map<string, string>();
  for (const s of statements) {
    if (s.kind !== 'endpoint') continue;
    // tcpdump without -n prints host names: an endpoint named like the host is that host.
    byAddress.set(s.name.text.toLowerCase(), s.name.text);
    if (s.address) byAddress.set(`${s.address.host.toLowerCase()}|${s.address.port}`, s.name.text);
  }
  for (const each of pasted) {
    const written = each.line && segmentText(each.line, byAddress);
    diagnostics.push(
      diagnostic(
        'PastedTcpdump',
        each.span,
        { segment: written ?? '' },
        written
          ? {
              fix: {
                title: SYNTAX_TEXT.fixTcpdumpLine,
                edits: [{ span: each.span, newText: written }],
              },
            }
          : undefined,
      ),
    );
  }
}

/** The segment a tcpdump line is, in the language, or undefined when an endpoint is unknown. */
function segmentText(
  line: TcpdumpLine,
  byAddress: ReadonlyMap<string, string>,
): string | undefined {
  const from = endpointOf(line.src, line.srcPort, byAddress);
  const to = endpointOf(line.dst, line.dstPort, byAddress);
  if (!from || !to || line.flags === 0) return undefined;
  const parts = [`${from} -> ${to}`, formatFlagBits(line.flags)];
  if (line.seq !== undefined) parts.push(`seq=${line.seq}`);
  if (line.ack !== undefined) parts.push(`ack=${line.ack}`);
  if (line.win >= 0) parts.push(`win=${line.win}`);
  if (line.len > 0) parts.push(`len=${line.len}`);
  return parts.join(' ');
}

/** The endpoint declared with this address and port, or named like the host. */
function endpointOf(
  host: string,
  port: number,
  byAddress: ReadonlyMap<string, string>,
): string | undefined {
  const key = host.toLowerCase();
  return byAddress.get(`${key}|${port}`) ?? byAddress.get(key);
}
