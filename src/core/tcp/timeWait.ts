import type { WaitStatement } from '../syntax/tree';
import type { Tcb } from './tcb';

/**
 * The Maximum Segment Lifetime, in seconds: RFC 9293 §3.4.2 takes it as 2 minutes ("an
 * engineering choice"), so TIME_WAIT lasts 2MSL = 4 minutes (§3.10.8). Linux waits 60 s.
 */
export const MSL_SECONDS = 120;

/**
 * What a `wait` does to an endpoint in TIME_WAIT: `wait 2MSL` ends it; `wait 30s` adds to the
 * time it has spent there, and ends it once that reaches 2MSL. True when the endpoint closes.
 * Moves `tcb.timeWaited` in place.
 */
export function waitEndsTimeWait(tcb: Tcb, statement: WaitStatement): boolean {
  if (statement.seconds === undefined) return true;
  tcb.timeWaited += statement.seconds;
  return tcb.timeWaited >= 2 * MSL_SECONDS;
}

/** Seconds as a wait writes them: `30 s`, `0.5 s`, `240 s`. */
export function secondsText(seconds: number): string {
  return `${Number(seconds.toFixed(3))} s`;
}
