import type { Span } from '../text/span';
import type { DeliverStatement, SegmentStatement } from '../syntax/tree';
import type { Reason } from './explain';
import type { TcpFlag } from '../protocol/tcpFlags';
import type { SeqValue } from './seqValue';
import { flagBit } from '../protocol/tcpFlags';
import { flagBitsOf, flagList, flagsOfBits } from './segmentShape';
import type { Reading } from './reading';
import type { Cause } from './reason';
import { ValueColumns } from './valueColumns';
import type { ViewTable } from './viewTable';
import type { SegmentOutcome, SegmentStep } from './trace';

/** `bits`: the flags sent (header bits, TCP_FLAG), then these, then the outcome. */
const WRITTEN_FLAGS = 1 << 8; // not sent: the flags are the ones written, in their order
const RETRANSMISSION = 1 << 9;
const SEQ_CORRECTED = 1 << 10;
const ACK_CORRECTED = 1 << 11;
const FAULTY = 1 << 12;
const AS_SENT = 1 << 13; // a wrong segment delivered as written (see reading.ts)
const INTENDED = 1 << 14; // a wrong segment delivered as its writer meant it
const OUTCOME_SHIFT = 15;

const OUTCOMES: readonly SegmentOutcome[] = [
  'delivered',
  'lost',
  'queued',
  'duplicate',
  'refused',
  'reset',
  'ignored',
  'challenged',
  'invalid',
  'inFlight',
];

/** The four answers to "which values were corrected", shared by every step. */
const CORRECTED = [
  { seq: false, ack: false },
  { seq: true, ack: false },
  { seq: false, ack: true },
  { seq: true, ack: true },
].map((c) => Object.freeze(c));

const NO_FLAGS: readonly TcpFlag[] = Object.freeze([]);

/** What the engine found for one segment, as StepTable stores it. */
export interface SegmentFindings {
  readonly statement: SegmentStatement;
  /** The flags sent; undefined when the segment was not sent (the written ones then). */
  readonly flags: ReadonlySet<TcpFlag> | undefined;
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
  /** How a corrected segment reached its receiver; undefined when nothing was corrected. */
  readonly reading: Reading | undefined;
  /** Ids in the table's ViewTable. */
  readonly senderBefore: number;
  readonly senderAfter: number;
  readonly receiverBefore: number;
  readonly receiverAfter: number;
}

/** Integer columns per step. */
const SENDER_BEFORE = 0;
const SENDER_AFTER = 1;
const RECEIVER_BEFORE = 2;
const RECEIVER_AFTER = 3;
const BITS = 4;
const GROUP = 5; // 0: none
const LEN = 6;
/** The reasons, as `reasonRef` writes them. */
const WHY_SEQ = 7;
const WHY_ACK = 8;
const INTS = 9;

/** `reasonRef` for no reason, for "nothing received yet", and for a reason kept as it is. */
const NO_REASON = -1;
const NOTHING_RECEIVED = -2;
const KEPT = -3;

const SYN_BIT = flagBit('SYN');
const FIN_BIT = flagBit('FIN');
/** Value columns per step: seq, ack, expected seq, expected ack. */
const VALUES = 4;

/**
 * The numbers of a trace's segment steps, in typed arrays (see SegmentRecord), and the
 * snapshots they point to.
 */
export class StepTable {
  private ints: Int32Array;
  private readonly values: ValueColumns;
  private count = 0;
  private readonly statements: SegmentStatement[] = [];
  /** Reasons other than "SND.NXT / RCV.NXT as moved by a segment": few, kept as they are. */
  private readonly kept = new Map<number, Reason>();

  /** `rows`: how many steps to make room for at first (it grows as needed). */
  constructor(
    readonly views: ViewTable,
    rows: number,
  ) {
    this.ints = new Int32Array(INTS * Math.max(rows, 16));
    this.values = new ValueColumns(VALUES * Math.max(rows, 16));
  }

  /** Adds a step's row; returns its index. */
  add(found: SegmentFindings): number {
    const row = this.count++;
    if ((row + 1) * INTS > this.ints.length) {
      const ints = new Int32Array(this.ints.length * 2);
      ints.set(this.ints);
      this.ints = ints;
    }
    this.values.reserve((row + 1) * VALUES);
    const i = row * INTS;
    const ints = this.ints;
    ints[i + SENDER_BEFORE] = found.senderBefore;
    ints[i + SENDER_AFTER] = found.senderAfter;
    ints[i + RECEIVER_BEFORE] = found.receiverBefore;
    ints[i + RECEIVER_AFTER] = found.receiverAfter;
    ints[i + BITS] =
      (found.flags ? flagBitsOf(found.flags) : WRITTEN_FLAGS) |
      (found.retransmission ? RETRANSMISSION : 0) |
      (found.seqCorrected ? SEQ_CORRECTED : 0) |
      (found.ackCorrected ? ACK_CORRECTED : 0) |
      (found.faulty ? FAULTY : 0) |
      (found.reading === 'asSent' ? AS_SENT : found.reading === 'intended' ? INTENDED : 0) |
      (OUTCOMES.indexOf(found.outcome) << OUTCOME_SHIFT);
    ints[i + GROUP] = found.group ?? 0;
    ints[i + LEN] = found.len;
    ints[i + WHY_SEQ] = this.reasonRef(row * 2, found.whySeq);
    ints[i + WHY_ACK] = this.reasonRef(row * 2 + 1, found.whyAck);
    this.statements.push(found.statement);
    const at = row * VALUES;
    this.values.put(at, found.seq);
    this.values.put(at + 1, found.ack);
    this.values.put(at + 2, found.expectedSeq);
    this.values.put(at + 3, found.expectedAck);
    return row;
  }

  /**
   * A reason as a number: most are "SND.NXT / RCV.NXT as moved by the segment of an earlier
   * step", which the trace can say again from that step's row (see reason), instead of
   * keeping the engine's Cause, its Reason and its sequence value alive for every step.
   */
  private reasonRef(key: number, reason: Reason | undefined): number {
    if (reason === undefined) return NO_REASON;
    if (reason.kind === 'next') {
      const ref = reason.cause ? reason.cause.traceRef : NOTHING_RECEIVED;
      if (ref === NOTHING_RECEIVED || (ref >= 0 && ref >> 1 < this.count - 1)) return ref;
    }
    this.kept.set(key, reason);
    return KEPT;
  }

  /** The reason for the step's seq (`role` 0) or ack (1), made anew. */
  reason(row: number, role: 0 | 1): Reason | undefined {
    const ref = this.int(row, role === 0 ? WHY_SEQ : WHY_ACK);
    if (ref === NO_REASON) return undefined;
    if (ref === NOTHING_RECEIVED) return { kind: 'next' };
    if (ref === KEPT) return this.kept.get(row * 2 + role);
    const source = ref >> 1;
    const synOnly = (ref & 1) === 1;
    const statement = this.statements[source] as SegmentStatement;
    const bits = this.int(source, BITS);
    const cause: Cause = {
      span: statement,
      from: statement.fromText,
      seq: this.value(source, 0) as SeqValue,
      syn: (bits & SYN_BIT) !== 0,
      fin: !synOnly && (bits & FIN_BIT) !== 0,
      length: synOnly ? 0 : this.int(source, LEN),
      traceRef: ref,
    };
    return { kind: 'next', cause };
  }

  int(row: number, column: number): number {
    return this.ints[row * INTS + column] as number;
  }

  value(row: number, column: number): SeqValue | undefined {
    return this.values.value(row * VALUES + column);
  }
}

/**
 * A segment step of the trace: its statement and a row of the trace's StepTable, from which
 * `flags`, `seq`, `expected`, `why`, `sender` and the rest are made when read, as new objects
 * each time (nothing relies on their identity).
 *
 * Why: the trace of a 100k-segment scenario stays alive as long as its analysis, and V8's
 * collector copies and marks every surviving object; a step was seven objects and is now one
 * of three fields (kind is on the prototype). Immutable seen from outside.
 */
export class SegmentRecord implements SegmentStep {
  declare readonly kind: 'segment';

  constructor(
    private readonly table: StepTable,
    private readonly row: number,
    readonly statement: SegmentStatement,
  ) {}

  private get bits(): number {
    return this.table.int(this.row, BITS);
  }

  /** The endpoints' names, as the statement writes them. */
  get from(): string {
    return this.statement.fromText;
  }
  get to(): string {
    return this.statement.toText;
  }
  get flags(): readonly TcpFlag[] {
    const bits = this.bits;
    if (bits & WRITTEN_FLAGS) {
      return this.statement.flagCount === 0 ? NO_FLAGS : this.statement.flags.map((f) => f.flag);
    }
    return flagList(flagsOfBits(bits & 0xff));
  }
  get group(): number | undefined {
    return this.table.int(this.row, GROUP) || undefined;
  }
  get seq(): SeqValue | undefined {
    return this.table.value(this.row, 0);
  }
  get ack(): SeqValue | undefined {
    return this.table.value(this.row, 1);
  }
  get len(): number {
    return this.table.int(this.row, LEN);
  }
  get outcome(): SegmentOutcome {
    return OUTCOMES[this.bits >>> OUTCOME_SHIFT] as SegmentOutcome;
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
    return { seq: this.table.value(this.row, 2), ack: this.table.value(this.row, 3) };
  }
  get why(): SegmentStep['why'] {
    return { seq: this.table.reason(this.row, 0), ack: this.table.reason(this.row, 1) };
  }
  get retransmission(): boolean {
    return (this.bits & RETRANSMISSION) !== 0;
  }
  get corrected(): SegmentStep['corrected'] {
    const bits = this.bits;
    return CORRECTED[
      (bits & SEQ_CORRECTED ? 1 : 0) | (bits & ACK_CORRECTED ? 2 : 0)
    ] as SegmentStep['corrected'];
  }
  get faulty(): boolean {
    return (this.bits & FAULTY) !== 0;
  }
  get reading(): Reading | undefined {
    const bits = this.bits;
    return bits & AS_SENT ? 'asSent' : bits & INTENDED ? 'intended' : undefined;
  }
  get sender(): SegmentStep['sender'] {
    const views = this.table.views;
    return {
      before: views.get(this.table.int(this.row, SENDER_BEFORE)),
      after: views.get(this.table.int(this.row, SENDER_AFTER)),
    };
  }
  get receiver(): SegmentStep['receiver'] {
    const views = this.table.views;
    return {
      before: views.get(this.table.int(this.row, RECEIVER_BEFORE)),
      after: views.get(this.table.int(this.row, RECEIVER_AFTER)),
    };
  }

  /** The step as plain data (for JSON.stringify), as the trace held it before it was compact. */
  toJSON(): object {
    return {
      kind: this.kind,
      statement: this.statement,
      span: this.span,
      from: this.from,
      to: this.to,
      flags: this.flags,
      lost: this.lost,
      group: this.group,
      seq: this.seq,
      ack: this.ack,
      len: this.len,
      payload: this.payload,
      expected: this.expected,
      why: this.why,
      retransmission: this.retransmission,
      corrected: this.corrected,
      outcome: this.outcome,
      faulty: this.faulty,
      reading: this.reading,
      sender: this.sender,
      receiver: this.receiver,
    };
  }
}

// On the prototype: one less field in each of 100k records.
Object.defineProperty(SegmentRecord.prototype, 'kind', { value: 'segment', enumerable: true });

/**
 * A segment step recorded at the `deliver` statement that brought the segment in: its span is
 * that statement's (so steps stay in source order), its statement the segment's line.
 */
export class DeliveredRecord extends SegmentRecord {
  constructor(
    table: StepTable,
    row: number,
    statement: SegmentStatement,
    private readonly delivery: DeliverStatement,
    private readonly first: boolean,
  ) {
    super(table, row, statement);
  }

  override get span(): Span {
    return { start: this.delivery.start, end: this.delivery.end };
  }
  get network(): 'later' | 'again' {
    return this.first ? 'later' : 'again';
  }

  override toJSON(): object {
    return { ...super.toJSON(), network: this.network };
  }
}
