import type { Statement } from '../syntax/tree';
import type { TcpState } from '../protocol/tcpStates';
import type { TcpStep } from '../tcp/trace';
import type { TlsStep } from './tlsTrace';

/** TLS steps may be among them (a whole trace): they change no TCP state. */
type TimelineStep = TcpStep | TlsStep;

/**
 * The TCP states of the endpoints as the scenario goes on, for checking that TLS runs over an
 * established connection. Read from the TCP trace, so the TCP engine stays the one judge.
 */
export class TcpTimeline {
  private readonly states = new Map<string, TcpState>();
  /**
   * Each endpoint's state per peer, from its segments: an attacker may hold a connection with
   * each side (tcp/connectionKey.ts), and TLS runs over the one between the two it names.
   */
  private readonly legs = new Map<string, Map<string, TcpState>>();
  private next = 0;
  private pairs: Set<string> | undefined;

  constructor(
    private readonly steps: readonly TimelineStep[],
    private readonly statements: readonly Statement[],
  ) {}

  /** True when the scenario has TCP segments between the two: TLS then runs over them. */
  hasConnection(a: string, b: string): boolean {
    // Gathered on first use: a scenario without TLS never asks.
    this.pairs ??= segmentPairs(this.statements);
    return this.pairs.has(pairKey(a, b));
  }

  /**
   * The state of `endpoint` just before the statement starting at `offset`: of its connection
   * with `peer` when it holds more than one.
   */
  stateAt(endpoint: string, offset: number, peer?: string): TcpState {
    while (this.next < this.steps.length) {
      const step = this.steps[this.next] as TimelineStep;
      if (step.span.start >= offset) break;
      this.apply(step);
      this.next++;
    }
    const legs = this.legs.get(endpoint);
    const leg = legs && legs.size > 1 && peer !== undefined ? legs.get(peer) : undefined;
    return leg ?? this.states.get(endpoint) ?? 'CLOSED';
  }

  private setLeg(endpoint: string, peer: string, state: TcpState): void {
    let legs = this.legs.get(endpoint);
    if (!legs) this.legs.set(endpoint, (legs = new Map()));
    legs.set(peer, state);
  }

  private apply(step: TimelineStep): void {
    switch (step.kind) {
      case 'segment':
        this.states.set(step.from, step.sender.after.state);
        this.states.set(step.to, step.receiver.after.state);
        this.setLeg(step.from, step.to, step.sender.after.state);
        this.setLeg(step.to, step.from, step.receiver.after.state);
        return;
      case 'listen':
      case 'close':
      case 'wait':
        for (const change of step.changes) this.states.set(change.endpoint, change.after);
        return;
      default:
        return;
    }
  }
}

function segmentPairs(statements: readonly Statement[]): Set<string> {
  const pairs = new Set<string>();
  for (const statement of statements) {
    const segments =
      statement.kind === 'segment'
        ? [statement]
        : statement.kind === 'simultaneous'
          ? statement.segments
          : [];
    // The names as facts: asking a segment for its name nodes would build them (segmentNode.ts).
    for (const segment of segments) pairs.add(pairKey(segment.fromText, segment.toText));
  }
  return pairs;
}

/** One key for the pair, whichever sends. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
