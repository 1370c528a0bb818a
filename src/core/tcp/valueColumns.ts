import { seqValue, type SeqValue } from './seqValue';

/** A symbol column's value for a value that is absent, or that is a plain number. */
const ABSENT = -2;
const NUMBER = -1;

/**
 * Sequence values in typed arrays, for the trace's tables (ViewTable, StepTable): a symbol (an
 * index into `names`) and an offset per cell. `value` makes a new SeqValue each time.
 */
export class ValueColumns {
  private symbols: Int32Array;
  private offsets: Float64Array;
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();

  constructor(cells: number) {
    this.symbols = new Int32Array(cells);
    this.offsets = new Float64Array(cells);
  }

  /** Room for at least `cells` cells. */
  reserve(cells: number): void {
    if (cells <= this.symbols.length) return;
    const length = Math.max(cells, this.symbols.length * 2);
    const symbols = new Int32Array(length);
    symbols.set(this.symbols);
    this.symbols = symbols;
    const offsets = new Float64Array(length);
    offsets.set(this.offsets);
    this.offsets = offsets;
  }

  put(at: number, value: SeqValue | undefined): void {
    if (value === undefined) {
      this.symbols[at] = ABSENT;
      return;
    }
    this.symbols[at] = value.symbol === undefined ? NUMBER : this.nameId(value.symbol);
    this.offsets[at] = value.offset;
  }

  value(at: number): SeqValue | undefined {
    const symbol = this.symbols[at] as number;
    if (symbol === ABSENT) return undefined;
    const offset = this.offsets[at] as number;
    return symbol === NUMBER ? seqValue(offset) : seqValue(offset, this.names[symbol]);
  }

  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.push(name) - 1;
      this.nameIds.set(name, id);
    }
    return id;
  }
}
