import type { Analysis } from '../analysis/analyze';
import { outline, type OutlineSymbol } from './outline';

export interface FoldingRange {
  /** 0-based lines, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly kind?: 'comment' | 'region';
}

/** Folds the phases of the outline, `simultaneous { }` blocks, and runs of comment lines. */
export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const { lines, document } = analysis;
  const ranges: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRange['kind']) => {
    if (end > start) ranges.push({ startLine: start, endLine: end, ...(kind ? { kind } : {}) });
  };
  const visit = (symbol: OutlineSymbol) => {
    if (symbol.kind === 'phase')
      add(lines.lineOf(symbol.span), lines.positionAt(symbol.span.end).line, 'region');
    symbol.children.forEach(visit);
  };
  outline(analysis).forEach(visit);
  for (const statement of document.statements) {
    if (statement.kind === 'simultaneous') {
      add(lines.lineOf(statement), lines.positionAt(statement.end).line);
    }
  }
  const text = document.text.split('\n');
  const first = lines.firstLine; // the text's lines are numbered from it
  let start = -1;
  text.forEach((line, index) => {
    const comment = /^\s*(#|\/\/)/.test(line);
    if (comment && start < 0) start = index;
    if (!comment && start >= 0) {
      add(first + start, first + index - 1, 'comment');
      start = -1;
    }
  });
  if (start >= 0) add(first + start, first + text.length - 1, 'comment');
  return ranges.sort((a, b) => a.startLine - b.startLine);
}
