import type { Span } from '../text/span';
import type { TcpFlag } from '../protocol/tcpFlags';
import type { TcpState } from '../protocol/tcpStates';
import type { Address, Name, NumberLiteral, StringLiteral, ValueExpression } from './nodes';
import type { CaptureAnnotation } from './captureAnnotation';
import type { TlsStatement } from './tlsTree';

export type { Address, Name, NumberLiteral, StringLiteral, ValueExpression } from './nodes';
export type { CaptureAnnotation } from './captureAnnotation';

export interface FlagNode extends Span {
  readonly flag: TcpFlag;
}

/** `as NAME` at the end of a segment line: from `as` to the name. */
export interface SegmentLabel extends Span {
  readonly keyword: Span;
  readonly name: Name;
}

export type FieldName = 'seq' | 'ack' | 'win' | 'wscale' | 'len';

export interface ValueField extends Span {
  readonly name: 'seq' | 'ack';
  readonly nameSpan: Span;
  readonly value: ValueExpression;
}

export interface NumberField extends Span {
  readonly name: 'win' | 'wscale' | 'len';
  readonly nameSpan: Span;
  readonly value: NumberLiteral;
}

export type Field = ValueField | NumberField;

interface StatementBase extends Span {
  /** Span of the leading keyword or name, for symbols and folding. */
  readonly keywordSpan: Span;
}

export interface ScenarioStatement extends StatementBase {
  readonly kind: 'scenario';
  readonly title: StringLiteral;
}

export interface EndpointStatement extends StatementBase {
  readonly kind: 'endpoint';
  readonly name: Name;
  readonly address?: Address;
}

export interface LetStatement extends StatementBase {
  readonly kind: 'let';
  readonly name: Name;
  readonly value: NumberLiteral;
}

/** `server listen` (passive open) or `client close` (the CLOSE call). */
export interface ActionStatement extends StatementBase {
  readonly kind: 'listen' | 'close';
  readonly endpoint: Name;
}

/**
 * What the engine reads from every segment line, as plain values: the names, flags and numbers
 * as written, without the nodes and spans of SegmentStatement. The engine plays 100k-segment
 * scenarios from these and asks for the nodes only where it reports a problem (see
 * segmentNode.ts, which builds those nodes on first use).
 */
export interface SegmentFacts {
  /** `from.text` and `to.text` (`''` when the receiver is missing). */
  readonly fromText: string;
  readonly toText: string;
  /** The flags written, as header bits (TCP_FLAG). */
  readonly flagBits: number;
  /** How many flags were written: more than the bits in `flagBits` when one is repeated. */
  readonly flagCount: number;
  /** `seq.value.symbol?.text` and `seq.value.offset` (NaN when there is no readable seq=). */
  readonly seqSymbol: string | undefined;
  readonly seqOffset: number;
  readonly ackSymbol: string | undefined;
  readonly ackOffset: number;
  /** `win.value.value`, `wscale.value.value` and `len.value.value`, or -1 when not written. */
  readonly winValue: number;
  readonly wscaleValue: number;
  readonly lenValue: number;
  /** `payload.byteLength`, or -1 when there is no payload. */
  readonly payloadBytes: number;
}

/**
 * The facts of a segment's capture annotation the checker reads on every captured segment, as
 * plain values (the node `capture` is built on first use).
 */
export interface CapturedFacts {
  /** `capture.frame`, or NaN when the line has no annotation. */
  readonly captureFrame: number;
  /** `capture.seconds`, or NaN when not written (or no annotation). */
  readonly captureSeconds: number;
  /** `capture.wscale`, or -1 when not written (or no annotation). */
  readonly captureWscale: number;
  /**
   * The line ends in `# not in the capture: assumed` (ASSUMED_MARK): the importer wrote it for a
   * packet the capture does not hold, so what the packet carried beyond its line is unknown.
   */
  readonly captureAssumed: boolean;
}

export interface SegmentStatement extends StatementBase, SegmentFacts, CapturedFacts {
  readonly kind: 'segment';
  readonly from: Name;
  readonly to: Name;
  readonly arrow: Span;
  readonly lost: boolean;
  /** `~>`: sent, and left in flight until a `deliver` statement names its label. */
  readonly inFlight: boolean;
  /** `as NAME` at the end of the line: the label a `deliver` statement names. */
  readonly label?: SegmentLabel;
  /** `label.text`, read without building the nodes (the engine reads it on every segment). */
  readonly labelText: string | undefined;
  readonly flags: readonly FlagNode[];
  /** From the first flag to the last, for edits that rewrite the flags. */
  readonly flagsSpan?: Span;
  readonly seq?: ValueField;
  readonly ack?: ValueField;
  readonly win?: NumberField;
  /** `wscale=N`: the window scale option of a SYN (RFC 7323 §2.2). */
  readonly wscale?: NumberField;
  readonly len?: NumberField;
  readonly payload?: StringLiteral;
  /** Fields (or flags) that were written but could not be read (already reported). */
  readonly broken: readonly (FieldName | 'flags')[];
  /** `# frame N t=SECONDS ...` after the segment: where a capture importer found it. */
  readonly capture?: CaptureAnnotation;
}

export interface ExpectStatement extends StatementBase {
  readonly kind: 'expect';
  readonly endpoint: Name;
  readonly state?: TcpState;
  readonly stateSpan: Span;
  readonly stateText: string;
}

/**
 * `wait 2MSL`: the TIME_WAIT timer runs out. `wait 30s` (or `500ms`, `4min`): that much time
 * passes, which ends TIME_WAIT only once 2MSL have passed in it (tcp/timeWait.ts).
 */
export interface WaitStatement extends StatementBase {
  readonly kind: 'wait';
  readonly duration: Span;
  /** The time written, in seconds; undefined for `2MSL`. */
  readonly seconds?: number;
}

/**
 * `deliver NAME [again]`: the network delivers the segment labelled NAME now (`again`: one more
 * copy of a segment already delivered, a duplicate).
 */
export interface DeliverStatement extends StatementBase {
  readonly kind: 'deliver';
  readonly label: Name;
  readonly again?: Span;
}

/** `simultaneous { ... }`: every segment inside is sent before any of them arrives. */
export interface SimultaneousBlock extends StatementBase {
  readonly kind: 'simultaneous';
  readonly segments: readonly SegmentStatement[];
  readonly closeBrace?: Span;
}

export type Statement =
  | ScenarioStatement
  | EndpointStatement
  | LetStatement
  | ActionStatement
  | SegmentStatement
  | ExpectStatement
  | WaitStatement
  | DeliverStatement
  | SimultaneousBlock
  | TlsStatement;

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
  readonly wscale?: NumberField;
  readonly len?: NumberField;
  readonly payload?: StringLiteral;
  readonly label?: SegmentLabel;
}

export interface ScenarioDocument {
  readonly text: string;
  readonly statements: readonly Statement[];
}
