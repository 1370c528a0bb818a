import type { Span } from '../text/span';

/*
 * The leaves of the syntax tree, shared by the TCP statements (`tree.ts`) and the TLS ones
 * (`tlsTree.ts`).
 */

/** A name as written: an endpoint or a symbol. */
export interface Name extends Span {
  readonly text: string;
}

export interface StringLiteral extends Span {
  readonly value: string;
  readonly byteLength: number;
}

export interface NumberLiteral extends Span {
  /** May exceed 32 bits; the engine reports out-of-range values. */
  readonly value: number;
  readonly text: string;
}

/** `seq=` / `ack=` value: a number, or a symbol with an optional offset (`x`, `x+1`, `y-2`). */
export interface ValueExpression extends Span {
  readonly symbol?: Name;
  /** The number written, or the offset after the symbol (negative for `x-2`). */
  readonly offset: number;
  /** Where the written number starts (it ends with the value), for range errors. */
  readonly numberStart?: number;
}

export interface Address extends Span {
  readonly text: string;
  readonly host: string;
  readonly port: number;
  readonly family: 4 | 6;
}
