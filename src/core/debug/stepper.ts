import { parseCondition, type ConditionError, type ConditionNode } from './condition';
import type { DebugTrace } from './debugTrace';

/** A line breakpoint as the debugger keeps it: its line and its condition, once read. */
export interface LineBreakpoint {
  /** 0-based. */
  readonly line: number;
  readonly condition?: ConditionNode;
  /** Set when the condition could not be read: the breakpoint then never stops. */
  readonly conditionError?: ConditionError;
  /** True when a step happens on the line. */
  readonly verified: boolean;
}

/** Reads the breakpoints a client set on a file: each verified on a line that holds a step. */
export function lineBreakpoints(
  trace: DebugTrace,
  requested: readonly { readonly line: number; readonly condition?: string }[],
): LineBreakpoint[] {
  const lines = trace.lines();
  return requested.map(({ line, condition }) => {
    const text = condition?.trim();
    if (!text) return { line, verified: lines.has(line) };
    const parsed = parseCondition(text);
    return parsed.ok
      ? { line, condition: parsed.value, verified: lines.has(line) }
      : { line, conditionError: parsed.error, verified: false };
  });
}

/** Why the debugger stopped where it did (DAP's `stopped` reasons). */
export type StopReason = 'entry' | 'step' | 'breakpoint' | 'exception';

/** Where a run goes: a stop, or past the last step (the program ends). */
export type RunResult =
  | {
      readonly kind: 'stopped';
      readonly index: number;
      readonly reason: StopReason;
      /** A breakpoint condition that could not be evaluated there: it stops, and says why. */
      readonly conditionError?: ConditionError;
    }
  | { readonly kind: 'ended' };

/** What makes a run stop. */
export interface StopRules {
  readonly breakpoints: readonly LineBreakpoint[];
  /** The "errors" exception breakpoint: stop at a step with an error diagnostic. */
  readonly stopOnErrors: boolean;
}

/**
 * Runs from stop `from` (-1: before the first) forward or backward to the next stop a rule
 * makes: a verified breakpoint whose condition holds (or cannot be evaluated), or a step with
 * an error when `stopOnErrors`. Forward past the last step the run ends; backward it stops at
 * the first step, as a reverse run stops at the start of a recorded program.
 */
export function run(
  trace: DebugTrace,
  from: number,
  direction: 'forward' | 'backward',
  rules: StopRules,
): RunResult {
  const delta = direction === 'forward' ? 1 : -1;
  for (let i = from + delta; i >= 0 && i < trace.stops.length; i += delta) {
    const hit = ruleAt(trace, i, rules);
    if (hit) return hit;
  }
  if (direction === 'backward' && trace.stops.length > 0) {
    return { kind: 'stopped', index: 0, reason: 'entry' };
  }
  return { kind: 'ended' };
}

/** One step forward or back: the next stop whatever the rules say. */
export function step(
  trace: DebugTrace,
  from: number,
  direction: 'forward' | 'backward',
): RunResult {
  const index = from + (direction === 'forward' ? 1 : -1);
  if (index >= trace.stops.length) return { kind: 'ended' };
  return { kind: 'stopped', index: Math.max(0, index), reason: 'step' };
}

function ruleAt(trace: DebugTrace, index: number, rules: StopRules): RunResult | undefined {
  const stop = trace.stops[index];
  if (!stop) return undefined;
  for (const breakpoint of rules.breakpoints) {
    if (!breakpoint.verified || breakpoint.line !== stop.line) continue;
    if (!breakpoint.condition) return { kind: 'stopped', index, reason: 'breakpoint' };
    const holds = trace.evaluate(index, breakpoint.condition);
    if (!holds.ok) {
      return { kind: 'stopped', index, reason: 'breakpoint', conditionError: holds.error };
    }
    if (holds.value) return { kind: 'stopped', index, reason: 'breakpoint' };
  }
  if (rules.stopOnErrors && stop.hasError) return { kind: 'stopped', index, reason: 'exception' };
  return undefined;
}
