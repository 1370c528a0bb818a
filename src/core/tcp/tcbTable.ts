import { connectionKey } from './connectionKey';
import { CLOSED_TCB, newTcb, type Tcb } from './tcb';
import { ViewTable, viewId, type LastView } from './viewTable';

/**
 * Every endpoint's TCB as a scenario runs, and the trace's snapshots of them: an endpoint gets
 * a new snapshot only when something in its TCB moved since its last one. An attacker may hold
 * a TCB per peer (connectionKey.ts): the methods below take the key, which is the endpoint's name
 * for every other endpoint; `key` finds it for a segment.
 */
export class TcbTable {
  /** The TCBs in the order each was first made, for `all`. */
  private readonly tcbs = new Map<string, Tcb>();
  /**
   * Each endpoint's TCB and its last snapshot in one entry: the engine asks for both on every
   * segment, and one map lookup by name is then enough.
   */
  private readonly entries = new Map<string, Entry>();
  /** The trace's TCB snapshots (its segment steps point into it). */
  readonly views: ViewTable;

  /** Each attacker's key last used for a segment: `expect` and the final state read that one. */
  private readonly lastLeg = new Map<string, string>();

  /**
   * `rows`: how many snapshots to make room for at first (it grows as needed); `attackers`: the
   * endpoints that may hold a connection per peer.
   */
  constructor(
    rows: number,
    private readonly attackers: ReadonlySet<string> = new Set(),
  ) {
    this.views = new ViewTable(rows);
  }

  /**
   * The key of `name`'s TCB for a segment to or from `peer` (connectionKey.ts); for an attacker,
   * it becomes the one `current` names.
   */
  key(name: string, peer: string): string {
    if (this.attackers.size === 0 || !this.attackers.has(name)) return name;
    const key = connectionKey(this.tcbs, name, peer, true);
    this.lastLeg.set(name, key);
    return key;
  }

  /** The key of the TCB an endpoint last used for a segment (its name until then). */
  current(name: string): string {
    return this.lastLeg.get(name) ?? name;
  }

  /** Every TCB so far, by key, in the order each was first made (nothing here changes them). */
  get all(): ReadonlyMap<string, Readonly<Tcb>> {
    return this.tcbs;
  }

  /** An endpoint's TCB, to read: CLOSED until it has one. */
  tcb(name: string): Readonly<Tcb> {
    return this.entries.get(name)?.tcb ?? CLOSED_TCB;
  }

  /** An endpoint's own TCB, for the engine to change in place (see Tcb). */
  own(name: string): Tcb {
    const entry = this.entry(name);
    if (!entry.tcb) this.replace(name, newTcb(), entry);
    return entry.tcb as Tcb;
  }

  /** Gives an endpoint a new TCB (a user call or a timer replaces the old one whole). */
  replace(name: string, tcb: Tcb, entry = this.entry(name)): void {
    entry.tcb = tcb;
    this.tcbs.set(name, tcb);
  }

  /** The id of the trace's view of an endpoint's TCB now: its last one when nothing moved. */
  view(name: string): number {
    const entry = this.entry(name);
    return viewId(this.views, entry.tcb ?? CLOSED_TCB, entry.last);
  }

  private entry(name: string): Entry {
    let entry = this.entries.get(name);
    if (!entry) {
      entry = {
        tcb: undefined,
        last: {
          id: -1,
          state: 'CLOSED',
          iss: undefined,
          sndUna: undefined,
          sndNxt: undefined,
          irs: undefined,
          rcvNxt: undefined,
          sndWnd: undefined,
          rcvWnd: undefined,
        },
      };
      this.entries.set(name, entry);
    }
    return entry;
  }
}

interface Entry {
  /** Undefined until the endpoint has a TCB of its own (it reads as CLOSED). */
  tcb: Tcb | undefined;
  /** The values of the last snapshot taken of it. */
  readonly last: LastView;
}
