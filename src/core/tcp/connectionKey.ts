/**
 * Which of an endpoint's TCBs a segment uses. An ordinary endpoint holds one connection, so one
 * TCB under its name (a segment to a third endpoint is HS211). An attacker, a man in the middle,
 * may hold one connection with each side (the client's connection ends at it, and it opens its
 * own to the server, as a TLS-intercepting proxy does): RFC 9293 §3.3.1 tells connections apart
 * by their pair of sockets, so each peer gets its own TCB and its own state machine.
 *
 * The attacker's first connection keeps the TCB under its bare name, so that an attacker with
 * one connection (or none: a blind injection) is exactly what it was before; a second peer gets
 * a TCB of its own under `name` LEG `peer`.
 */
import type { Tcb } from './tcb';

/** Joins an attacker's name and its peer's in the key of its TCB for that peer. */
export const LEG = '\u0000';

/**
 * The key of `name`'s TCB for a segment to or from `peer`, among `tcbs` (keyed as this file
 * says): `name` itself unless `name` is an attacker whose first TCB is bound to another peer.
 */
export function connectionKey(
  tcbs: ReadonlyMap<string, Readonly<Tcb>>,
  name: string,
  peer: string,
  attacker: boolean,
): string {
  if (!attacker) return name;
  const leg = `${name}${LEG}${peer}`;
  if (tcbs.has(leg)) return leg;
  const first = tcbs.get(name);
  // CLOSED and LISTEN are bound to no peer yet (§3.10.7.1-2): the first TCB takes this one.
  if (!first || first.peer === undefined || first.peer === peer) return name;
  if (first.state === 'CLOSED' || first.state === 'LISTEN') return name;
  return leg;
}

/** The endpoint a TCB key belongs to. */
export function endpointOfKey(key: string): string {
  const at = key.indexOf(LEG);
  return at < 0 ? key : key.slice(0, at);
}

/** The peer a TCB key names, for an attacker's second connection; undefined otherwise. */
export function peerOfKey(key: string): string | undefined {
  const at = key.indexOf(LEG);
  return at < 0 ? undefined : key.slice(at + LEG.length);
}
