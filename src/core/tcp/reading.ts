/**
 * Which reading of a wrong segment the scenario means: a typo for the value a correct stack
 * sends ('intended'), or the segment exactly as written, which the receiver then treats by the
 * RFC's rules ('asSent': RFC 9293 §3.10.7, RFC 5961). The engine decides by the lines that
 * follow: it plays the next few statements both ways, on copies of the TCBs, and keeps the
 * reading under which they fit better; on a tie it keeps the intended one, the teaching reading.
 */
import { connectionKey } from './connectionKey';
import { checkShape } from './segmentShape';
import type { LineMap } from '../text/lineMap';
import type { SegmentStatement, Statement } from '../syntax/tree';
import { receive } from './receive';
import { seqValue, SEQ_MAX, type SeqValue, type SymbolValues } from './seqValue';
import { inject, send, sentAsWritten, type Sent } from './send';
import { waitEndsTimeWait } from './timeWait';
import { fromAddressOf, newTcb, type Segment, type Tcb } from './tcb';
import { advertise, wscaleOf } from './windowScale';
import type { Severity } from '../check/codes';
import type { Reading } from './trace';

export type { Reading } from './trace';

/** How many statements after a wrong segment decide its reading: enough for the receiver's
 * reaction, the sender's next move and an `expect`, and few enough to keep checking linear. */
export const LOOKAHEAD = 12;

/** What the rehearsal needs from the simulator, read-only. */
export interface Stage {
  readonly statements: readonly Statement[];
  readonly symbols: SymbolValues;
  readonly lines: LineMap;
  /** The declared endpoint named by a segment's sender or receiver; undefined otherwise. */
  readonly endpoint: (name: string) => string | undefined;
  /** Whether an endpoint was declared with `attacker` (it may forge segments: see inject). */
  readonly attacker: (name: string) => boolean;
  /**
   * The receiver's peer when a segment from `from` passes for it (an attacker with its address
   * and port: see spoofedPeer in network.ts); undefined otherwise.
   */
  readonly spoofing: (from: string, peer: string | undefined, to: string) => string | undefined;
  /** Every TCB as it is now, by connectionKey (nothing here changes them). */
  readonly tcbs: ReadonlyMap<string, Readonly<Tcb>>;
  /** The labelled segment a `deliver` names, as sent (see network.ts). */
  readonly flight: (label: string) => InFlight | undefined;
}

/** A segment already sent and still to arrive (the rest of a `simultaneous` block). */
export interface InFlight {
  readonly to: string;
  readonly segment: Segment;
  readonly lost: boolean;
}

/**
 * The reading of `segment` (as corrected) or `asWritten` that the statements from `next` on
 * support better; `inFlight` arrive first, in order. `to` and the sender's name are the keys
 * of their TCBs (connectionKey.ts).
 */
export function chooseReading(
  stage: Stage,
  to: string,
  intended: Segment,
  asWritten: Segment,
  inFlight: readonly InFlight[],
  next: number,
  /** The sender and what it sent, when reading it as written moves the sender too. */
  sender?: { readonly name: string; readonly sent: Sent },
): Reading {
  const typo = rehearse(stage, to, intended, inFlight, next);
  if (typo === 0) return 'intended';
  return rehearse(stage, to, asWritten, inFlight, next, sender) < typo ? 'asSent' : 'intended';
}

/** How badly the next statements fit once `to` has received `segment`: errors count double. */
function rehearse(
  stage: Stage,
  to: string,
  segment: Segment,
  inFlight: readonly InFlight[],
  next: number,
  sender?: { readonly name: string; readonly sent: Sent },
): number {
  const tcbs = new Map<string, Tcb>();
  for (const [name, tcb] of stage.tcbs) tcbs.set(name, { ...tcb });
  const own = (name: string): Tcb => {
    let tcb = tcbs.get(name);
    if (!tcb) tcbs.set(name, (tcb = newTcb()));
    return tcb;
  };
  /** `name`'s TCB for a segment to or from `peer`: an attacker holds one per peer. */
  const leg = (name: string, peer: string): Tcb =>
    own(connectionKey(tcbs, name, peer, stage.attacker(name)));
  if (sender) sentAsWritten(own(sender.name), sender.sent);
  let cost = 0;
  const count = (severity: Severity): void => {
    if (severity === 'error') cost += 2;
    else if (severity === 'warning') cost += 1;
  };
  const context = {
    symbols: stage.symbols,
    lines: stage.lines,
    report: (d: { severity: Severity }) => count(d.severity),
  };
  /** A segment reaches `to` as in the simulator: a forged one as if from the peer it spoofs. */
  const arrive = (to: string, segment: Segment, key = false): void => {
    const tcb = key ? own(to) : leg(to, segment.from);
    const spoofed = stage.spoofing(segment.from, tcb.peer, to);
    receive(tcb, spoofed ? fromAddressOf(segment, spoofed) : segment, stage.symbols);
  };
  arrive(to, segment, true);
  for (const each of inFlight) {
    if (!each.lost) arrive(each.to, each.segment);
  }
  const sendOne = (statement: SegmentStatement, grouped = false): InFlight | undefined => {
    const from = stage.endpoint(statement.fromText);
    const peer = stage.endpoint(statement.toText);
    const shape = checkShape(statement, (d) => count(d.severity));
    if (!from || !peer || from === peer || !shape.ok) {
      cost += 2;
      return undefined;
    }
    const out = {
      from,
      to: peer,
      flags: shape.flags,
      seq: valueOf(statement, 'seq'),
      seqGiven: !Number.isNaN(statement.seqOffset) || statement.broken.includes('seq'),
      ack: valueOf(statement, 'ack'),
      ackGiven: !Number.isNaN(statement.ackOffset) || statement.broken.includes('ack'),
      flagsBroken: statement.broken.includes('flags'),
      len: shape.len,
      wscale: wscaleOf(statement),
      span: statement,
      row: -1,
      alone: !grouped && !statement.inFlight && statement.labelText === undefined,
    };
    const sender = leg(from, peer);
    const forger = stage.attacker(from) && sender.state === 'CLOSED';
    const sent: Sent | undefined =
      (forger ? inject(out) : undefined) ?? send(out, sender, context, leg(peer, from));
    // A resend past SND.NXT is counted as the typo it is by default (see Sent.unlessAsSent).
    if (sent?.unlessAsSent) count(sent.unlessAsSent.severity);
    if (sent) advertise(sender, sent.segment, statement.winValue);
    return sent && { to: peer, segment: sent.segment, lost: statement.lost };
  };
  /** Segments labelled in the rehearsed lines, for the `deliver` lines after them. */
  const labelled = new Map<string, InFlight>();
  const end = Math.min(stage.statements.length, next + LOOKAHEAD);
  for (let i = next; i < end; i++) {
    const statement = stage.statements[i] as Statement;
    switch (statement.kind) {
      case 'segment': {
        const sent = sendOne(statement);
        if (sent && statement.labelText !== undefined && !labelled.has(statement.labelText)) {
          labelled.set(statement.labelText, sent);
        }
        if (sent && !sent.lost && !statement.inFlight) arrive(sent.to, sent.segment);
        break;
      }
      case 'deliver': {
        const label = statement.label.text;
        const sent = labelled.get(label) ?? stage.flight(label);
        if (!sent || sent.lost) cost += 2;
        else arrive(sent.to, sent.segment);
        break;
      }
      case 'simultaneous': {
        const all = statement.segments.map((segment) => sendOne(segment, true));
        for (const sent of all) {
          if (sent && !sent.lost) arrive(sent.to, sent.segment);
        }
        break;
      }
      case 'expect': {
        const name = stage.endpoint(statement.endpoint.text);
        if (name && statement.state && own(name).state !== statement.state) cost += 2;
        break;
      }
      case 'listen': {
        const name = stage.endpoint(statement.endpoint.text);
        if (!name) break;
        if (own(name).state === 'CLOSED')
          tcbs.set(name, newTcb({ state: 'LISTEN', listening: true }));
        else cost += 2;
        break;
      }
      case 'close': {
        const name = stage.endpoint(statement.endpoint.text);
        if (!name) break;
        const state = own(name).state;
        if (state === 'LISTEN' || state === 'SYN_SENT') tcbs.set(name, newTcb());
        else cost += 2;
        break;
      }
      case 'wait':
        for (const [name, tcb] of tcbs) {
          // RFC 9293 §3.10.8: at the end of 2MSL, TIME_WAIT becomes CLOSED.
          if (tcb.state === 'TIME_WAIT' && waitEndsTimeWait(tcb, statement)) {
            tcbs.set(name, newTcb({ listening: tcb.listening }));
          }
        }
        break;
      default:
        break;
    }
  }
  return cost;
}

/** A written seq=/ack= value, read without binding anything (both readings read it alike). */
function valueOf(statement: SegmentStatement, role: 'seq' | 'ack'): SeqValue | undefined {
  const offset = role === 'seq' ? statement.seqOffset : statement.ackOffset;
  if (Number.isNaN(offset) || Math.abs(offset) > SEQ_MAX) return undefined;
  return seqValue(offset, role === 'seq' ? statement.seqSymbol : statement.ackSymbol);
}
