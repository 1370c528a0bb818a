import { readSegmentParts } from './parseSegment';
import type { Span } from './span';
import type {
  FieldName,
  FlagNode,
  Name,
  NumberField,
  SegmentFacts,
  SegmentStatement,
  StringLiteral,
  ValueField,
} from './tree';

/** The nodes of a segment line: names, flags and fields with their spans. */
export interface SegmentParts {
  readonly from: Name;
  readonly to: Name;
  readonly arrow: Span;
  readonly flags: readonly FlagNode[];
  readonly flagsSpan?: Span;
  readonly seq?: ValueField;
  readonly ack?: ValueField;
  readonly win?: NumberField;
  readonly len?: NumberField;
  readonly payload?: StringLiteral;
}

/**
 * A segment line of the tree. It holds the span, the facts the engine reads on every segment
 * and `lost` / `broken` as plain fields, and builds its nodes (about 20 small objects) only when
 * something asks for one, by reading its line again with the same parser; they are kept from
 * then on, so a node is the same object every time it is asked for.
 *
 * Why: a 100k-segment scenario keeps its whole tree alive, and V8 pays for every surviving
 * object in each garbage collection; most segments are only ever played by the engine, never
 * hovered, completed or drawn. Seen from outside the node is immutable, like the rest of the tree.
 */
export class SegmentNode implements SegmentStatement {
  readonly kind = 'segment' as const;
  readonly fromText: string;
  readonly toText: string;
  readonly flagBits: number;
  readonly flagCount: number;
  readonly seqSymbol: string | undefined;
  readonly seqOffset: number;
  readonly ackSymbol: string | undefined;
  readonly ackOffset: number;
  readonly winValue: number;
  readonly lenValue: number;
  readonly payloadBytes: number;

  constructor(
    private readonly source: string,
    readonly start: number,
    readonly end: number,
    readonly lost: boolean,
    /** Fields (or flags) that were written but could not be read (already reported). */
    readonly broken: readonly (FieldName | 'flags')[],
    facts: SegmentFacts,
    private known?: SegmentParts,
  ) {
    this.fromText = facts.fromText;
    this.toText = facts.toText;
    this.flagBits = facts.flagBits;
    this.flagCount = facts.flagCount;
    this.seqSymbol = facts.seqSymbol;
    this.seqOffset = facts.seqOffset;
    this.ackSymbol = facts.ackSymbol;
    this.ackOffset = facts.ackOffset;
    this.winValue = facts.winValue;
    this.lenValue = facts.lenValue;
    this.payloadBytes = facts.payloadBytes;
  }

  private get parts(): SegmentParts {
    return (this.known ??= readSegmentParts(this.source, this.start));
  }

  get keywordSpan(): Span {
    return this.parts.from;
  }
  get from(): Name {
    return this.parts.from;
  }
  get to(): Name {
    return this.parts.to;
  }
  get arrow(): Span {
    return this.parts.arrow;
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
  get len(): NumberField | undefined {
    return this.parts.len;
  }
  get payload(): StringLiteral | undefined {
    return this.parts.payload;
  }
}
