import type { SegmentStatement } from '../syntax/tree';
import type { Declarations } from './declarations';
import type { Outgoing } from './outgoing';
import type { Shape } from './segmentShape';
import { NO_WSCALE, wscaleOf } from './windowScale';

/**
 * Reads each segment statement into the Outgoing that send() checks. It fills one object anew
 * for every segment (send() keeps none), without spreads: it runs once per segment, and this
 * keeps 100k-segment scenarios fast.
 */
export class OutgoingReader {
  private readonly out: { -readonly [K in keyof Outgoing]: Outgoing[K] } = {
    from: '',
    to: '',
    flags: new Set(),
    seq: undefined,
    seqGiven: false,
    ack: undefined,
    ackGiven: false,
    flagsBroken: false,
    len: 0,
    wscale: NO_WSCALE,
    span: undefined as unknown as SegmentStatement,
    row: 0,
    alone: true,
  };

  /** `names` reads the written seq=/ack= values, and binds a symbol at its first seq=. */
  constructor(private readonly names: Declarations) {}

  /**
   * `statement` from `from` to `to`, of the shape checkShape found; `row` is its step's;
   * `grouped` when it stands in a `simultaneous` block.
   */
  read(
    statement: SegmentStatement,
    from: string,
    to: string,
    shape: Shape,
    row: number,
    grouped: boolean,
  ): Outgoing {
    const out = this.out;
    const broken = statement.broken;
    out.from = from;
    out.to = to;
    out.flags = shape.flags;
    // A symbol first written in a SYN's seq= names its sender's ISS.
    out.seq = this.names.writtenValue(statement, 'seq', shape.flags.has('SYN') ? from : undefined);
    out.seqGiven = !Number.isNaN(statement.seqOffset) || broken.includes('seq');
    out.ack = this.names.writtenValue(statement, 'ack');
    out.ackGiven = !Number.isNaN(statement.ackOffset) || broken.includes('ack');
    out.flagsBroken = broken.includes('flags');
    out.len = shape.len;
    out.wscale = wscaleOf(statement);
    out.span = statement;
    out.row = row;
    out.alone = !grouped && !statement.inFlight && statement.labelText === undefined;
    return out;
  }
}
