import { CLOSED_TCB, newTcb, type Tcb } from './tcb';
import { ViewTable, viewId, type LastView } from './viewTable';

/**
 * Every endpoint's TCB as a scenario runs, and the trace's snapshots of them: an endpoint gets
 * a new snapshot only when something in its TCB moved since its last one.
 */
export class TcbTable {
  private readonly tcbs = new Map<string, Tcb>();
  /** The trace's TCB snapshots (its segment steps point into it). */
  readonly views: ViewTable;
  /** For each endpoint, the values of the last snapshot taken of it. */
  private readonly lastViews = new Map<string, LastView>();

  /** `rows`: how many snapshots to make room for at first (it grows as needed). */
  constructor(rows: number) {
    this.views = new ViewTable(rows);
  }

  /** Every endpoint's TCB so far, in the order each was first made (nothing here changes them). */
  get all(): ReadonlyMap<string, Readonly<Tcb>> {
    return this.tcbs;
  }

  /** An endpoint's TCB, to read: CLOSED until it has one. */
  tcb(name: string): Readonly<Tcb> {
    return this.tcbs.get(name) ?? CLOSED_TCB;
  }

  /** An endpoint's own TCB, for the engine to change in place (see Tcb). */
  own(name: string): Tcb {
    let tcb = this.tcbs.get(name);
    if (!tcb) {
      tcb = newTcb();
      this.tcbs.set(name, tcb);
    }
    return tcb;
  }

  /** Gives an endpoint a new TCB (a user call or a timer replaces the old one whole). */
  replace(name: string, tcb: Tcb): void {
    this.tcbs.set(name, tcb);
  }

  /** The id of the trace's view of an endpoint's TCB now: its last one when nothing moved. */
  view(name: string): number {
    let last = this.lastViews.get(name);
    if (!last) {
      last = {
        id: -1,
        state: 'CLOSED',
        iss: undefined,
        sndUna: undefined,
        sndNxt: undefined,
        irs: undefined,
        rcvNxt: undefined,
      };
      this.lastViews.set(name, last);
    }
    return viewId(this.views, this.tcb(name), last);
  }
}
