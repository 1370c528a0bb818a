import type { CaptureFacts } from './captureAnnotation';
import type { FieldName, SegmentFacts, SegmentParts } from './tree';

/** Integer columns, per segment. */
const START = 0;
const END = 1;
/** flagBits | flagCount << 8 (at most 0xffff) | lost << 24 | inFlight << 25 | assumed << 26. */
const BITS = 2;
const FROM = 3;
const TO = 4;
/** Index into `names`, or -1 for no symbol. */
const SEQ_SYMBOL = 5;
const ACK_SYMBOL = 6;
/** Index into `brokenLists`. */
const BROKEN = 7;
/** Where the arrow and the receiver's name start. */
const ARROW = 8;
const TO_START = 9;
/** Index into `names` of the label (`as NAME`), or -1 for none. */
const LABEL = 10;
/** The capture annotation's `#` (-1 for none) and its `wscale=` (-1 for none). */
const CAPTURE_AT = 11;
const CAPTURE_WSCALE = 12;
const INTS = 13;

/** Number columns, per segment (they may be NaN, negative or above 32 bits). */
const SEQ_OFFSET = 0;
const ACK_OFFSET = 1;
const WIN = 2;
const LEN = 3;
const PAYLOAD = 4;
/** The capture annotation's frame and `t=` seconds (NaN for none). */
const CAPTURE_FRAME = 5;
const CAPTURE_SECONDS = 6;
/** `wscale=` written as a field (-1 for none). */
const WSCALE = 7;
const NUMBERS = 8;

const MAX_FLAG_COUNT = 0xffff;
const LOST = 1 << 24;
const IN_FLIGHT = 1 << 25;
/** The line ends in the importer's mark of an assumed line (CaptureFacts.assumed). */
const ASSUMED = 1 << 26;

type Broken = readonly (FieldName | 'flags')[];

/**
 * The spans and facts of a document's segment lines, in typed arrays, one row per segment;
 * names and symbols as indexes into one list of strings. SegmentNode reads its row.
 *
 * Why: typed arrays live outside the JavaScript heap, so V8's garbage collector neither copies
 * nor marks them; a 100k-segment tree stays alive as long as its analysis, and the collector's
 * cost grows with what survives. The table only grows, while the parser adds rows.
 */
export class SegmentTable {
  private ints: Int32Array;
  private numbers: Float64Array;
  private count = 0;
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  private readonly brokenLists: Broken[] = [];

  /**
   * @param readParts reads the nodes of the segment line at an offset again, for a node asked
   *   for after parsing (passed in by the parser, so that the table and its nodes need not
   *   import it).
   */
  constructor(
    readonly source: string,
    none: Broken,
    readonly readParts: (source: string, start: number) => SegmentParts,
  ) {
    this.brokenLists.push(none);
    // Room for a segment per 64 characters at first, about the length of a segment line.
    const rows = Math.max(64, source.length >> 6);
    this.ints = new Int32Array(INTS * rows);
    this.numbers = new Float64Array(NUMBERS * rows);
  }

  /** Adds a segment's row; returns its index. */
  add(
    start: number,
    end: number,
    arrow: number,
    toStart: number,
    lost: boolean,
    broken: Broken,
    facts: SegmentFacts,
    flight?: { readonly inFlight: boolean; readonly label: string | undefined },
    capture?: Readonly<CaptureFacts>,
  ): number {
    const row = this.count++;
    if (this.count * INTS > this.ints.length) this.grow();
    const i = row * INTS;
    const ints = this.ints;
    ints[i + START] = start;
    ints[i + END] = end;
    ints[i + BITS] =
      facts.flagBits |
      // A line may repeat a flag any number of times (HS304): the count must not spill into
      // the bits after it.
      (Math.min(facts.flagCount, MAX_FLAG_COUNT) << 8) |
      (lost ? LOST : 0) |
      (flight?.inFlight ? IN_FLIGHT : 0) |
      (capture?.assumed ? ASSUMED : 0);
    ints[i + FROM] = this.nameId(facts.fromText);
    ints[i + TO] = this.nameId(facts.toText);
    ints[i + SEQ_SYMBOL] = facts.seqSymbol === undefined ? -1 : this.nameId(facts.seqSymbol);
    ints[i + ACK_SYMBOL] = facts.ackSymbol === undefined ? -1 : this.nameId(facts.ackSymbol);
    ints[i + BROKEN] = broken === this.brokenLists[0] ? 0 : this.brokenLists.push(broken) - 1;
    ints[i + ARROW] = arrow;
    ints[i + TO_START] = toStart;
    ints[i + LABEL] = flight?.label === undefined ? -1 : this.nameId(flight.label);
    const captured = capture !== undefined && capture.at >= 0;
    ints[i + CAPTURE_AT] = captured ? capture.at : -1;
    ints[i + CAPTURE_WSCALE] = captured ? capture.wscale : -1;
    const j = row * NUMBERS;
    const numbers = this.numbers;
    numbers[j + SEQ_OFFSET] = facts.seqOffset;
    numbers[j + ACK_OFFSET] = facts.ackOffset;
    numbers[j + WIN] = facts.winValue;
    numbers[j + WSCALE] = facts.wscaleValue;
    numbers[j + LEN] = facts.lenValue;
    numbers[j + PAYLOAD] = facts.payloadBytes;
    numbers[j + CAPTURE_FRAME] = captured ? capture.frame : NaN;
    numbers[j + CAPTURE_SECONDS] = captured ? capture.seconds : NaN;
    return row;
  }

  private grow(): void {
    const ints = new Int32Array(this.ints.length * 2);
    ints.set(this.ints);
    this.ints = ints;
    const numbers = new Float64Array(this.numbers.length * 2);
    numbers.set(this.numbers);
    this.numbers = numbers;
  }

  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.push(name) - 1;
      this.nameIds.set(name, id);
    }
    return id;
  }

  start(row: number): number {
    return this.ints[row * INTS + START] as number;
  }
  end(row: number): number {
    return this.ints[row * INTS + END] as number;
  }
  arrow(row: number): number {
    return this.ints[row * INTS + ARROW] as number;
  }
  toStart(row: number): number {
    return this.ints[row * INTS + TO_START] as number;
  }
  flagBits(row: number): number {
    return (this.ints[row * INTS + BITS] as number) & 0xff;
  }
  flagCount(row: number): number {
    return ((this.ints[row * INTS + BITS] as number) >> 8) & MAX_FLAG_COUNT;
  }
  lost(row: number): boolean {
    return ((this.ints[row * INTS + BITS] as number) & LOST) !== 0;
  }
  inFlight(row: number): boolean {
    return ((this.ints[row * INTS + BITS] as number) & IN_FLIGHT) !== 0;
  }
  captureAssumed(row: number): boolean {
    return ((this.ints[row * INTS + BITS] as number) & ASSUMED) !== 0;
  }
  labelText(row: number): string | undefined {
    const id = this.ints[row * INTS + LABEL] as number;
    return id < 0 ? undefined : this.names[id];
  }
  fromText(row: number): string {
    return this.names[this.ints[row * INTS + FROM] as number] as string;
  }
  toText(row: number): string {
    return this.names[this.ints[row * INTS + TO] as number] as string;
  }
  seqSymbol(row: number): string | undefined {
    const id = this.ints[row * INTS + SEQ_SYMBOL] as number;
    return id < 0 ? undefined : this.names[id];
  }
  ackSymbol(row: number): string | undefined {
    const id = this.ints[row * INTS + ACK_SYMBOL] as number;
    return id < 0 ? undefined : this.names[id];
  }
  broken(row: number): Broken {
    return this.brokenLists[this.ints[row * INTS + BROKEN] as number] as Broken;
  }
  seqOffset(row: number): number {
    return this.numbers[row * NUMBERS + SEQ_OFFSET] as number;
  }
  ackOffset(row: number): number {
    return this.numbers[row * NUMBERS + ACK_OFFSET] as number;
  }
  winValue(row: number): number {
    return this.numbers[row * NUMBERS + WIN] as number;
  }
  wscaleValue(row: number): number {
    return this.numbers[row * NUMBERS + WSCALE] as number;
  }
  lenValue(row: number): number {
    return this.numbers[row * NUMBERS + LEN] as number;
  }
  payloadBytes(row: number): number {
    return this.numbers[row * NUMBERS + PAYLOAD] as number;
  }
  captureAt(row: number): number {
    return this.ints[row * INTS + CAPTURE_AT] as number;
  }
  captureWscale(row: number): number {
    return this.ints[row * INTS + CAPTURE_WSCALE] as number;
  }
  captureFrame(row: number): number {
    return this.numbers[row * NUMBERS + CAPTURE_FRAME] as number;
  }
  captureSeconds(row: number): number {
    return this.numbers[row * NUMBERS + CAPTURE_SECONDS] as number;
  }
}
