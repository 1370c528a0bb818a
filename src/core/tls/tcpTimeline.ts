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

  /** The state of `endpoint` just before the statement starting at `offset`. */
  stateAt(endpoint: string, offset: number): TcpState {
    while (this.next < this.steps.length) {
      const step = this.steps[this.next] as TimelineStep;
      if (step.span.start >= offset) break;
      this.apply(step);
      this.next++;
    }
    return this.states.get(endpoint) ?? 'CLOSED';
  }

  private apply(step: TimelineStep): void {
    switch (step.kind) {
      case 'segment':
        this.states.set(step.from, step.sender.after.state);
        this.states.set(step.to, step.receiver.after.state);
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
