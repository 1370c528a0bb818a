import { diagnostic, type Finding } from '../check/diagnostic';
import type { Severity } from '../check/codes';

/**
 * How many diagnostics `analyze` reports by default. A broken file can have one per character
 * (a pasted line of `@ @ @ …` or a megabyte of binary): a million diagnostics cost hundreds of MB
 * to word, place and publish, and nobody reads past the first screens. The editor and the CLI
 * both stop here; one more diagnostic (HS901) says how many were left out.
 */
export const MAX_DIAGNOSTICS = 1000;

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/**
 * The first `max` of `sorted` (findings in the order of the text) and, when there are more, one
 * HS901 that counts the rest. It stands on the first one left out, and takes the
 * highest severity among those left out, so that a file whose errors are all past the limit
 * still fails `handshake check`.
 */
export function limitFindings(sorted: readonly Finding[], max: number): readonly Finding[] {
  const limit = Number.isNaN(max) ? MAX_DIAGNOSTICS : Math.max(0, Math.floor(max));
  if (sorted.length <= limit) return sorted;
  let severity: Severity = 'info';
  for (let i = limit; i < sorted.length && severity !== 'error'; i++) {
    const hidden = (sorted[i] as Finding).severity;
    if (RANK[hidden] > RANK[severity]) severity = hidden;
  }
  const first = sorted[limit] as Finding;
  const count = sorted.length - limit;
  const notShown = diagnostic('DiagnosticsNotShown', first.span, { count, max: limit });
  return [...sorted.slice(0, limit), { ...notShown, severity }];
}
