import type { SeqValue } from './seqValue';
import { TCP_STATES, type TcpState } from '../protocol/tcpStates';
import type { Tcb, TcbView } from './tcb';
import { ValueColumns } from './valueColumns';

const WIDTH = 5; // iss, sndUna, sndNxt, irs, rcvNxt

/**
 * The TcbView snapshots of a trace, in typed arrays: the state's index, the five sequence
 * variables and the two windows. A view is made as an object when a step is asked for it, and its sequence values
 * when they are read.
 *
 * Why: a 100k-segment trace holds about 130k snapshots; as objects (with their sequence values)
 * they were a quarter of what stays alive, and V8's collector copies and marks all of that,
 * while typed arrays live outside its heap.
 */
export class ViewTable {
  private states: Uint8Array;
  /** SND.WND and RCV.WND of each snapshot, NO_WINDOW for none (at most 65535 << 14: exact). */
  private windows: Float64Array;
  private readonly values: ValueColumns;
  private count = 0;

  /** `rows`: how many snapshots to make room for at first (it grows as needed). */
  constructor(rows: number) {
    this.states = new Uint8Array(Math.max(rows, 16));
    this.windows = new Float64Array(Math.max(rows, 16) * 2);
    this.values = new ValueColumns(Math.max(rows, 16) * WIDTH);
  }

  /** Adds a snapshot of `tcb`; returns its id. */
  add(tcb: Readonly<Tcb>): number {
    const id = this.count++;
    if (id >= this.states.length) {
      const states = new Uint8Array(this.states.length * 2);
      states.set(this.states);
      this.states = states;
      const windows = new Float64Array(this.states.length * 2);
      windows.set(this.windows);
      this.windows = windows;
    }
    this.values.reserve((id + 1) * WIDTH);
    this.states[id] = TCP_STATES.indexOf(tcb.state);
    const at = id * WIDTH;
    this.values.put(at, tcb.iss);
    this.values.put(at + 1, tcb.sndUna);
    this.values.put(at + 2, tcb.sndNxt);
    this.values.put(at + 3, tcb.irs);
    this.values.put(at + 4, tcb.rcvNxt);
    this.windows[id * 2] = tcb.sndWnd ?? NO_WINDOW;
    this.windows[id * 2 + 1] = tcb.rcvWnd ?? NO_WINDOW;
    return id;
  }

  /** The view `id` stands for (a new object each time: five fields, cheaper than a cache). */
  get(id: number): TcbView {
    return new Snapshot(
      this.values,
      id * WIDTH,
      TCP_STATES[this.states[id] as number] as TcpState,
      windowOf(this.windows[id * 2] as number),
      windowOf(this.windows[id * 2 + 1] as number),
    );
  }
}

const NO_WINDOW = -1;

function windowOf(stored: number): number | undefined {
  return stored === NO_WINDOW ? undefined : stored;
}

/** A view read from the table: its state and windows at once, its sequence values when asked. */
class Snapshot implements TcbView {
  constructor(
    private readonly values: ValueColumns,
    private readonly at: number,
    readonly state: TcpState,
    readonly sndWnd: number | undefined,
    readonly rcvWnd: number | undefined,
  ) {}

  get iss(): SeqValue | undefined {
    return this.values.value(this.at);
  }
  get sndUna(): SeqValue | undefined {
    return this.values.value(this.at + 1);
  }
  get sndNxt(): SeqValue | undefined {
    return this.values.value(this.at + 2);
  }
  get irs(): SeqValue | undefined {
    return this.values.value(this.at + 3);
  }
  get rcvNxt(): SeqValue | undefined {
    return this.values.value(this.at + 4);
  }

  /** As plain data (for JSON.stringify), as the trace held it before it was compact. */
  toJSON(): object {
    return {
      state: this.state,
      iss: this.iss,
      sndUna: this.sndUna,
      sndNxt: this.sndNxt,
      irs: this.irs,
      rcvNxt: this.rcvNxt,
      sndWnd: this.sndWnd,
      rcvWnd: this.rcvWnd,
    };
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
  sndWnd: number | undefined;
  rcvWnd: number | undefined;
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
    last.rcvNxt === tcb.rcvNxt &&
    last.sndWnd === tcb.sndWnd &&
    last.rcvWnd === tcb.rcvWnd
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
  last.sndWnd = tcb.sndWnd;
  last.rcvWnd = tcb.rcvWnd;
  return last.id;
}
