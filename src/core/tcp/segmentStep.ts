import type { Span } from '../syntax/span';
import type { SegmentStatement } from '../syntax/tree';
import type { Reason } from './explain';
import type { TcpFlag } from './flags';
import type { SeqValue } from './seqValue';
import type { ViewTable } from './viewTable';
import type { SegmentOutcome, SegmentStep } from './trace';

const RETRANSMISSION = 1;
const SEQ_CORRECTED = 2;
const ACK_CORRECTED = 4;
const FAULTY = 8;
const OUTCOME_SHIFT = 4;

const OUTCOMES: readonly SegmentOutcome[] = [
  'delivered',
  'lost',
  'queued',
  'duplicate',
  'refused',
  'reset',
  'ignored',
  'invalid',
];

/** The four answers to "which values were corrected", shared by every step. */
const CORRECTED = [
  { seq: false, ack: false },
  { seq: true, ack: false },
  { seq: false, ack: true },
  { seq: true, ack: true },
].map((c) => Object.freeze(c));

/** What the engine found for one segment, as SegmentRecord stores it. */
export interface SegmentFindings {
  readonly statement: SegmentStatement;
  readonly flags: readonly TcpFlag[];
  readonly group: number | undefined;
  readonly seq: SeqValue | undefined;
  readonly ack: SeqValue | undefined;
  readonly len: number;
  readonly expectedSeq: SeqValue | undefined;
  readonly expectedAck: SeqValue | undefined;
  readonly whySeq: Reason | undefined;
  readonly whyAck: Reason | undefined;
  readonly retransmission: boolean;
  readonly seqCorrected: boolean;
  readonly ackCorrected: boolean;
  readonly faulty: boolean;
  readonly outcome: SegmentOutcome;
  readonly views: ViewTable;
  /** Ids in `views`. */
  readonly senderBefore: number;
  readonly senderAfter: number;
  readonly receiverBefore: number;
  readonly receiverAfter: number;
}

/**
 * A segment step of the trace, stored flat: one object per segment instead of seven, with
 * `expected`, `why`, `corrected`, `sender` and `receiver` put together when read. The values in
 * them (sequence values, reasons, TCB snapshots) are shared with the engine's other steps.
 *
 * Why: the trace of a 100k-segment scenario stays alive as long as its analysis, and V8 pays
 * for every surviving object in each garbage collection. Immutable seen from outside.
 */
export class SegmentRecord implements SegmentStep {
  readonly kind = 'segment' as const;
  readonly statement: SegmentStatement;
  readonly flags: readonly TcpFlag[];
  readonly group: number | undefined;
  readonly seq: SeqValue | undefined;
  readonly ack: SeqValue | undefined;
  readonly len: number;
  private readonly expectedSeq: SeqValue | undefined;
  private readonly expectedAck: SeqValue | undefined;
  private readonly whySeq: Reason | undefined;
  private readonly whyAck: Reason | undefined;
  private readonly bits: number;
  private readonly views: ViewTable;
  private readonly senderBefore: number;
  private readonly senderAfter: number;
  private readonly receiverBefore: number;
  private readonly receiverAfter: number;

  constructor(found: SegmentFindings) {
    this.statement = found.statement;
    this.flags = found.flags;
    this.group = found.group;
    this.seq = found.seq;
    this.ack = found.ack;
    this.len = found.len;
    this.expectedSeq = found.expectedSeq;
    this.expectedAck = found.expectedAck;
    this.whySeq = found.whySeq;
    this.whyAck = found.whyAck;
    this.bits =
      (found.retransmission ? RETRANSMISSION : 0) |
      (found.seqCorrected ? SEQ_CORRECTED : 0) |
      (found.ackCorrected ? ACK_CORRECTED : 0) |
      (found.faulty ? FAULTY : 0) |
      (OUTCOMES.indexOf(found.outcome) << OUTCOME_SHIFT);
    this.views = found.views;
    this.senderBefore = found.senderBefore;
    this.senderAfter = found.senderAfter;
    this.receiverBefore = found.receiverBefore;
    this.receiverAfter = found.receiverAfter;
  }

  /** The endpoints' names, as the statement writes them. */
  get from(): string {
    return this.statement.fromText;
  }
  get to(): string {
    return this.statement.toText;
  }
  get outcome(): SegmentOutcome {
    return OUTCOMES[this.bits >> OUTCOME_SHIFT] as SegmentOutcome;
  }
  get span(): Span {
    return this.statement;
  }
  get lost(): boolean {
    return this.statement.lost;
  }
  get payload(): string | undefined {
    return this.statement.payloadBytes < 0 ? undefined : this.statement.payload?.value;
  }
  get expected(): SegmentStep['expected'] {
    return { seq: this.expectedSeq, ack: this.expectedAck };
  }
  get why(): SegmentStep['why'] {
    return { seq: this.whySeq, ack: this.whyAck };
  }
  get retransmission(): boolean {
    return (this.bits & RETRANSMISSION) !== 0;
  }
  get corrected(): SegmentStep['corrected'] {
    return CORRECTED[
      (this.bits & (SEQ_CORRECTED | ACK_CORRECTED)) >> 1
    ] as SegmentStep['corrected'];
  }
  get faulty(): boolean {
    return (this.bits & FAULTY) !== 0;
  }
  get sender(): SegmentStep['sender'] {
    return { before: this.views.get(this.senderBefore), after: this.views.get(this.senderAfter) };
  }
  get receiver(): SegmentStep['receiver'] {
    return {
      before: this.views.get(this.receiverBefore),
      after: this.views.get(this.receiverAfter),
    };
  }
}
