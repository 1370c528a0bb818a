/**
 * Scenario cases for the rules of segment arrival (RFC 9293 §3.10.7, RFC 5961): each names the
 * rule and its section, and checks the diagnostics, the outcome of the segment the rule is
 * about, and, for a wrong segment, the reading the lines after it chose.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../src/core/analysis/analyze';
import type { SegmentStep } from '../../src/core/tcp/trace';
import { codesAt } from '../helpers';

export interface ArrivalCase {
  readonly name: string;
  readonly text: string;
  /** Errors and warnings, CODE@LINE:COL. */
  readonly codes: readonly string[];
  /** The 1-based line of the segment the rule is about. */
  readonly line: number;
  readonly outcome: SegmentStep['outcome'];
  /** Undefined when nothing in the segment was wrong. */
  readonly reading?: 'intended' | 'asSent';
}

/** Runs each case as a test: codes, then the segment's outcome and reading. */
export function arrivalTests(cases: readonly ArrivalCase[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const analysis = analyze(c.text);
      assert.deepEqual(codesAt(analysis, ['error', 'warning']), c.codes);
      const step = analysis.trace.steps.find(
        (s): s is SegmentStep =>
          s.kind === 'segment' && analysis.lines.lineOf(s.span) === c.line - 1,
      );
      assert.ok(step, `a segment at line ${c.line}`);
      assert.equal(step.outcome, c.outcome);
      assert.equal(step.reading, c.reading);
    });
  }
}
