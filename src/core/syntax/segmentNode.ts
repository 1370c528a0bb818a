import type { Span } from '../text/span';
import { captureAnnotation, type CaptureAnnotation } from './captureAnnotation';
import type { SegmentTable } from './segmentTable';
import type {
  FieldName,
  FlagNode,
  Name,
  NumberField,
  SegmentLabel,
  SegmentParts,
  SegmentStatement,
  StringLiteral,
  ValueField,
} from './tree';

/**
 * A segment line of the tree. Its span, `lost`, `broken` and the facts the engine reads on
 * every segment are a row of its document's SegmentTable; its nodes (about 20 small objects)
 * are built only when something asks for one, by reading its line again with the same parser,
 * and kept from then on, so a node is the same object every time it is asked for.
 *
 * Why: a 100k-segment scenario keeps its whole tree alive, and V8 pays for every surviving
 * object in each garbage collection; most segments are only ever played by the engine, never
 * hovered, completed or drawn. Seen from outside the node is immutable, like the rest of the tree.
 */
export class SegmentNode implements SegmentStatement {
  declare readonly kind: 'segment';

  /** The names and the arrow, when asked for before the other nodes (outline, folding). */
  private names: Pick<SegmentParts, 'from' | 'to' | 'arrow'> | undefined;

  constructor(
    private readonly table: SegmentTable,
    private readonly row: number,
    private known?: SegmentParts,
  ) {}

  /** The names and the arrow from the table, without reading the line again. */
  private get heads(): Pick<SegmentParts, 'from' | 'to' | 'arrow'> {
    if (this.names) return this.names;
    if (this.known) return this.known;
    const { table, row } = this;
    const start = table.start(row);
    const fromText = table.fromText(row);
    const toStart = table.toStart(row);
    const toText = table.toText(row);
    const arrow = table.arrow(row);
    return (this.names = {
      from: { start, end: start + fromText.length, text: fromText },
      to: { start: toStart, end: toStart + toText.length, text: toText },
      arrow: { start: arrow, end: arrow + 2 },
    });
  }

  get start(): number {
    return this.table.start(this.row);
  }
  get end(): number {
    return this.table.end(this.row);
  }
  get lost(): boolean {
    return this.table.lost(this.row);
  }
  get inFlight(): boolean {
    return this.table.inFlight(this.row);
  }
  get labelText(): string | undefined {
    return this.table.labelText(this.row);
  }
  get label(): SegmentLabel | undefined {
    return this.labelText === undefined ? undefined : this.parts.label;
  }
  /** Fields (or flags) that were written but could not be read (already reported). */
  get broken(): readonly (FieldName | 'flags')[] {
    return this.table.broken(this.row);
  }
  get fromText(): string {
    return this.table.fromText(this.row);
  }
  get toText(): string {
    return this.table.toText(this.row);
  }
  get flagBits(): number {
    return this.table.flagBits(this.row);
  }
  get flagCount(): number {
    return this.table.flagCount(this.row);
  }
  get seqSymbol(): string | undefined {
    return this.table.seqSymbol(this.row);
  }
  get seqOffset(): number {
    return this.table.seqOffset(this.row);
  }
  get ackSymbol(): string | undefined {
    return this.table.ackSymbol(this.row);
  }
  get ackOffset(): number {
    return this.table.ackOffset(this.row);
  }
  get winValue(): number {
    return this.table.winValue(this.row);
  }
  get wscaleValue(): number {
    return this.table.wscaleValue(this.row);
  }
  get lenValue(): number {
    return this.table.lenValue(this.row);
  }
  get payloadBytes(): number {
    return this.table.payloadBytes(this.row);
  }

  get captureFrame(): number {
    return this.table.captureFrame(this.row);
  }
  get captureSeconds(): number {
    return this.table.captureSeconds(this.row);
  }
  get captureWscale(): number {
    return this.table.captureWscale(this.row);
  }
  get captureAssumed(): boolean {
    return this.table.captureAssumed(this.row);
  }
  /** Built from the source on first use (hovers and the like ask; the checker reads the facts). */
  get capture(): CaptureAnnotation | undefined {
    const at = this.table.captureAt(this.row);
    if (at < 0) return undefined;
    let annotation = ANNOTATIONS.get(this);
    if (!annotation) {
      annotation = captureAnnotation(this.table.source, at);
      if (annotation) ANNOTATIONS.set(this, annotation);
    }
    return annotation;
  }

  private get parts(): SegmentParts {
    return (this.known ??= this.table.readParts(this.table.source, this.start));
  }

  get keywordSpan(): Span {
    return this.heads.from;
  }
  get from(): Name {
    return this.heads.from;
  }
  get to(): Name {
    return this.heads.to;
  }
  get arrow(): Span {
    return this.heads.arrow;
  }
  get flags(): readonly FlagNode[] {
    return this.parts.flags;
  }
  /** From the first flag to the last, for edits that rewrite the flags. */
  get flagsSpan(): Span | undefined {
    return this.parts.flagsSpan;
  }
  get seq(): ValueField | undefined {
    return this.parts.seq;
  }
  get ack(): ValueField | undefined {
    return this.parts.ack;
  }
  get win(): NumberField | undefined {
    return this.parts.win;
  }
  get wscale(): NumberField | undefined {
    return this.parts.wscale;
  }
  get len(): NumberField | undefined {
    return this.parts.len;
  }
  get payload(): StringLiteral | undefined {
    return this.parts.payload;
  }

  /** The node as plain data (for JSON.stringify), as the tree held it before it was compact. */
  toJSON(): object {
    const parts = this.parts;
    return {
      kind: this.kind,
      start: this.start,
      end: this.end,
      keywordSpan: this.from,
      from: this.from,
      to: this.to,
      arrow: this.arrow,
      lost: this.lost,
      inFlight: this.inFlight,
      label: parts.label,
      labelText: this.labelText,
      flags: parts.flags,
      flagsSpan: parts.flagsSpan,
      seq: parts.seq,
      ack: parts.ack,
      win: parts.win,
      wscale: parts.wscale,
      len: parts.len,
      payload: parts.payload,
      broken: this.broken,
      ...(this.capture ? { capture: this.capture } : {}),
    };
  }
}

/** The annotations built so far, beside their nodes rather than in a field of every node. */
const ANNOTATIONS = new WeakMap<SegmentNode, CaptureAnnotation>();

// On the prototype: one less field in each of 100k nodes.
Object.defineProperty(SegmentNode.prototype, 'kind', { value: 'segment', enumerable: true });
