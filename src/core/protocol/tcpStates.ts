import { editDistance } from '../text/editDistance';

/** The connection states of RFC 9293 §3.3.2, in the spelling of its state diagram with `_`. */
export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN_SENT',
  'SYN_RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
] as const;

export type TcpState = (typeof TCP_STATES)[number];

/** Other spellings people meet in notes and tools: Linux `ss` (SYN_RECV), BSD (SYN_RCVD). */
const ALIASES: Readonly<Record<string, TcpState>> = {
  SYN_RECV: 'SYN_RECEIVED',
  SYN_RCVD: 'SYN_RECEIVED',
  SYN_SEND: 'SYN_SENT',
  FIN_WAIT1: 'FIN_WAIT_1',
  FIN_WAIT2: 'FIN_WAIT_2',
  TIMED_WAIT: 'TIME_WAIT',
};

/** Reads a state name written with `_` or `-`, in any case; undefined when unknown. */
export function parseTcpState(text: string): TcpState | undefined {
  const normal = text
    .trim()
    .toUpperCase()
    .replace(/[-\s]+/g, '_');
  if ((TCP_STATES as readonly string[]).includes(normal)) return normal as TcpState;
  return ALIASES[normal];
}

/** The most characters a misspelt state may differ by and still be suggested. */
const MAX_SUGGESTION_DISTANCE = 2;

/**
 * The state an unknown name is nearest to (`CLOSED_WAIT` → CLOSE_WAIT, `ESTABLISH` →
 * ESTABLISHED), counting the other spellings too; undefined when none is near, or two are
 * equally near (`FIN_WAIT`: FIN_WAIT_1 or FIN_WAIT_2?).
 */
export function nearestTcpState(text: string): TcpState | undefined {
  const normal = text
    .trim()
    .toUpperCase()
    .replace(/[-\s]+/g, '_');
  const names: [string, TcpState][] = [
    ...TCP_STATES.map((s): [string, TcpState] => [s, s]),
    ...Object.entries(ALIASES),
  ];
  let best: TcpState | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const [name, state] of names) {
    const d = editDistance(normal, name);
    if (d < bestDistance) {
      [best, bestDistance, tie] = [state, d, false];
    } else if (d === bestDistance && state !== best) {
      tie = true;
    }
  }
  const near = bestDistance <= MAX_SUGGESTION_DISTANCE && bestDistance < normal.length / 2;
  return near && !tie ? best : undefined;
}

/** States in which both sequence spaces are known (RFC 9293 §3.10.7.4 "otherwise"). */
export function isSynchronized(state: TcpState): boolean {
  return (
    state !== 'CLOSED' && state !== 'LISTEN' && state !== 'SYN_SENT' && state !== 'SYN_RECEIVED'
  );
}

/** States after this side has sent its FIN: it may retransmit but not send new data. */
export function hasSentFin(state: TcpState): boolean {
  return (
    state === 'FIN_WAIT_1' ||
    state === 'FIN_WAIT_2' ||
    state === 'CLOSING' ||
    state === 'LAST_ACK' ||
    state === 'TIME_WAIT'
  );
}
