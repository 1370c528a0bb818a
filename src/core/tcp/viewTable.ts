import { seqValue, type SeqValue } from './seqValue';
import { TCP_STATES, type TcpState } from './state';
import type { Tcb, TcbView } from './tcb';

/** The five sequence variables of a view, in column order. */
const VARIABLES = ['iss', 'sndUna', 'sndNxt', 'irs', 'rcvNxt'] as const;
const WIDTH = VARIABLES.length;
/** A symbol column's value for a variable that is not set, or is a plain number. */
const UNSET = -2;
const NUMBER = -1;

/**
 * The TcbView snapshots of a trace, in typed arrays: the state's index, and for each sequence
 * variable its symbol (an index into `names`) and its offset. A view is made as an object when
 * a step is asked for it, and kept from then on.
 *
 * Why: a 100k-segment trace holds about 130k snapshots; as objects (with their sequence values)
 * they were a quarter of what stays alive, and V8's collector copies and marks all of that,
 * while typed arrays live outside its heap.
 */
export class ViewTable {
  private states = new Uint8Array(256);
  private symbols = new Int32Array(256 * WIDTH);
  private offsets = new Float64Array(256 * WIDTH);
  private count = 0;
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  private readonly made = new Map<number, TcbView>();

  /** Adds a snapshot of `tcb`; returns its id. */
  add(tcb: Readonly<Tcb>): number {
    const id = this.count++;
    if (id >= this.states.length) this.grow();
    this.states[id] = TCP_STATES.indexOf(tcb.state);
    this.put(id * WIDTH, tcb.iss);
    this.put(id * WIDTH + 1, tcb.sndUna);
    this.put(id * WIDTH + 2, tcb.sndNxt);
    this.put(id * WIDTH + 3, tcb.irs);
    this.put(id * WIDTH + 4, tcb.rcvNxt);
    return id;
  }

  /** The view `id` stands for. */
  get(id: number): TcbView {
    let view = this.made.get(id);
    if (!view) {
      view = {
        state: TCP_STATES[this.states[id] as number] as TcpState,
        iss: this.value(id * WIDTH),
        sndUna: this.value(id * WIDTH + 1),
        sndNxt: this.value(id * WIDTH + 2),
        irs: this.value(id * WIDTH + 3),
        rcvNxt: this.value(id * WIDTH + 4),
      };
      this.made.set(id, view);
    }
    return view;
  }

  /** The state of view `id`, without making the view. */
  state(id: number): TcpState {
    return TCP_STATES[this.states[id] as number] as TcpState;
  }

  private put(at: number, value: SeqValue | undefined): void {
    if (value === undefined) {
      this.symbols[at] = UNSET;
      return;
    }
    this.symbols[at] = value.symbol === undefined ? NUMBER : this.nameId(value.symbol);
    this.offsets[at] = value.offset;
  }

  private value(at: number): SeqValue | undefined {
    const symbol = this.symbols[at] as number;
    if (symbol === UNSET) return undefined;
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

  private grow(): void {
    const states = new Uint8Array(this.states.length * 2);
    states.set(this.states);
    this.states = states;
    const symbols = new Int32Array(this.symbols.length * 2);
    symbols.set(this.symbols);
    this.symbols = symbols;
    const offsets = new Float64Array(this.offsets.length * 2);
    offsets.set(this.offsets);
    this.offsets = offsets;
  }
}

/** The values a view was last taken from, to tell whether a TCB moved since. */
export interface LastView {
  id: number;
  state: TcpState;
  iss: SeqValue | undefined;
  sndUna: SeqValue | undefined;
  sndNxt: SeqValue | undefined;
  irs: SeqValue | undefined;
  rcvNxt: SeqValue | undefined;
}

/** The id of a view of `tcb`: `last`'s when nothing in it moved, else a new one (kept in `last`). */
export function viewId(table: ViewTable, tcb: Readonly<Tcb>, last: LastView): number {
  if (
    last.id >= 0 &&
    last.state === tcb.state &&
    last.iss === tcb.iss &&
    last.sndUna === tcb.sndUna &&
    last.sndNxt === tcb.sndNxt &&
    last.irs === tcb.irs &&
    last.rcvNxt === tcb.rcvNxt
  ) {
    return last.id;
  }
  last.id = table.add(tcb);
  last.state = tcb.state;
  last.iss = tcb.iss;
  last.sndUna = tcb.sndUna;
  last.sndNxt = tcb.sndNxt;
  last.irs = tcb.irs;
  last.rcvNxt = tcb.rcvNxt;
  return last.id;
}
