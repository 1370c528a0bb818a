import type { Statement } from '../syntax/tree';
import type { TcpState } from '../tcp/state';
import type { TraceStep } from '../tcp/trace';

/**
 * The TCP states of the endpoints as the scenario goes on, for checking that TLS runs over an
 * established connection. Read from the TCP trace, so the TCP engine stays the one judge.
 */
export class TcpTimeline {
  private readonly states = new Map<string, TcpState>();
  private next = 0;
  private readonly pairs = new Set<string>();

  constructor(
    private readonly steps: readonly TraceStep[],
    statements: readonly Statement[],
  ) {
    for (const statement of statements) {
      const segments =
        statement.kind === 'segment'
          ? [statement]
          : statement.kind === 'simultaneous'
            ? statement.segments
            : [];
      for (const segment of segments) this.pairs.add(pairKey(segment.from.text, segment.to.text));
    }
  }

  /** True when the scenario has TCP segments between the two: TLS then runs over them. */
  hasConnection(a: string, b: string): boolean {
    return this.pairs.has(pairKey(a, b));
  }

  /** The state of `endpoint` just before the statement starting at `offset`. */
  stateAt(endpoint: string, offset: number): TcpState {
    while (this.next < this.steps.length) {
      const step = this.steps[this.next] as TraceStep;
      if (step.span.start >= offset) break;
      this.apply(step);
      this.next++;
    }
    return this.states.get(endpoint) ?? 'CLOSED';
  }

  private apply(step: TraceStep): void {
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

/** One key for the pair, whichever sends. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
