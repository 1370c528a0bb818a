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

/** A pasted line, kept until every endpoint is declared (declarations count anywhere). */
export interface PastedLine {
  readonly span: Span;
  readonly line: TcpdumpLine | undefined;
}

/**
 * The pasted tcpdump line that starts at `start` (the first token of a statement, `first`
 * characters long), or undefined. O(1) on a statement's line: one starts with a name followed
 * by a space, while tcpdump starts with a timestamp, `IP`, or an address with its `.port`.
 */
export function pastedTcpdumpAt(
  source: string,
  start: number,
  first: number,
): PastedLine | undefined {
  const c = source.charCodeAt(start);
  const digit = c >= 48 && c <= 57;
  if (!digit && !source.startsWith('IP', start) && source.charCodeAt(start + first) !== 46) {
    return undefined;
  }
  let end = source.indexOf('\n', start);
  if (end < 0) end = source.length;
  const line = source.slice(start, end);
  if (!PASTED.test(line)) return undefined;
  // A comment after the pasted text stays a comment.
  const text = line.replace(/\s+#.*$|\r$/s, '');
  const read = parseTcpdumpLine(text);
  return {
    span: { start, end: start + text.length },
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
    if (s.kind === 'endpoint' && s.address) {
      byAddress.set(`${s.address.host.toLowerCase()}|${s.address.port}`, s.name.text);
    }
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
  const from = byAddress.get(`${hostOf(line.src)}|${line.srcPort}`);
  const to = byAddress.get(`${hostOf(line.dst)}|${line.dstPort}`);
  if (!from || !to || line.flags === 0) return undefined;
  const parts = [`${from} -> ${to}`, formatFlagBits(line.flags)];
  if (line.seq !== undefined) parts.push(`seq=${line.seq}`);
  if (line.ack !== undefined) parts.push(`ack=${line.ack}`);
  if (line.win >= 0) parts.push(`win=${line.win}`);
  if (line.len > 0) parts.push(`len=${line.len}`);
  return parts.join(' ');
}

/** tcpdump prints an IPv6 address without brackets; the language keeps the host alone too. */
function hostOf(address: string): string {
  return address.toLowerCase();
}
