import { diagnostic, type Finding } from '../check/diagnostic';
import { LineMap } from '../text/lineMap';
import type {
  DeliverStatement,
  ScenarioDocument,
  SegmentStatement,
  Statement,
} from '../syntax/tree';
import type { TcpState } from '../protocol/tcpStates';
import { Declarations } from './declarations';
import { inFlight, Network, newPending, NONE, spoofedPeer, type Pending } from './network';
import { OutgoingReader } from './outgoingReader';
import { chooseReading, type Reading, type Stage } from './reading';
import { arrive, transmit } from './exchange';
import { checkShape } from './segmentShape';
import { DeliveredRecord, SegmentRecord, StepTable, type SegmentFindings } from './segmentStep';
import { movesSender, sentAsWritten, type Sent, type SendContext } from './send';
import { callStep, expectStep, waitStep } from './stateSteps';
import { fromAddressOf } from './tcb';
import { TcbTable } from './tcbTable';
import type { SegmentOutcome, TcpStep, TcpTrace } from './trace';

export interface Simulation {
  readonly trace: TcpTrace;
  readonly diagnostics: readonly Finding[];
}

/**
 * Runs a scenario: both ends of each connection through the RFC 9293 state machine, one
 * statement at a time. Pure and deterministic; never throws on any tree the parser returns.
 */
export function simulate(
  document: ScenarioDocument,
  lines = new LineMap(document.text),
): Simulation {
  return new Simulator(document, lines).run();
}

type Findings = Scratch<SegmentFindings>;

const newFindings = (): Findings => ({
  statement: undefined as unknown as SegmentStatement,
  flags: undefined,
  group: undefined,
  seq: undefined,
  ack: undefined,
  len: 0,
  expectedSeq: undefined,
  expectedAck: undefined,
  whySeq: undefined,
  whyAck: undefined,
  retransmission: false,
  seqCorrected: false,
  ackCorrected: false,
  faulty: false,
  outcome: 'invalid',
  reading: undefined,
  senderBefore: 0,
  senderAfter: 0,
  receiverBefore: 0,
  receiverAfter: 0,
});

type Scratch<T> = { -readonly [K in keyof T]: T[K] };

class Simulator {
  private readonly diagnostics: Finding[] = [];
  private errorCount = 0;
  private readonly report = (d: Finding): void => {
    this.diagnostics.push(d);
    if (d.severity === 'error') this.errorCount++;
  };
  private readonly names: Declarations;
  private readonly tcbs: TcbTable;
  private readonly network: Network;
  /** The numbers of the segment steps. */
  private readonly stepTable: StepTable;
  private readonly steps: TcpStep[] = [];
  private groups = 0;
  private readonly context: SendContext;
  private readonly pending = newPending(undefined as unknown as SegmentStatement);
  private readonly outgoing: OutgoingReader;
  /** Segments sent so far: each is delivered, in the same order, and then makes a step row. */
  private sentCount = 0;
  /** Scratch for StepTable.add, which copies it: one object for every step. */
  private readonly found = newFindings();

  constructor(
    private readonly document: ScenarioDocument,
    private readonly lines: LineMap,
  ) {
    this.names = new Declarations(document, lines, this.report);
    this.outgoing = new OutgoingReader(this.names);
    this.context = { symbols: this.names.symbolValues, lines, report: this.report };
    // Sized for a scenario of segments, each of which moves both ends.
    this.tcbs = new TcbTable(2 * document.statements.length, attackersOf(document));
    this.network = new Network(lines, this.report);
    this.stepTable = new StepTable(this.tcbs.views, document.statements.length);
  }

  run(): Simulation {
    this.names.declareAll();
    const statements = this.document.statements;
    for (let index = 0; index < statements.length; index++) {
      this.statement(statements[index] as Statement, index + 1);
    }
    this.stillInFlight();
    const finalStates = new Map<string, TcpState>();
    for (const name of this.names.endpoints.keys())
      finalStates.set(name, this.tcbs.tcb(this.tcbs.current(name)).state);
    const title = this.names.title;
    return {
      trace: {
        ...(title !== undefined ? { title } : {}),
        endpoints: [...this.names.endpoints.values()],
        symbols: [...this.names.symbols.values()],
        steps: this.steps,
        finalStates,
      },
      diagnostics: this.diagnostics,
    };
  }

  /** Runs one statement; `next` is the index of the one after it. */
  private statement(statement: Statement, next: number): void {
    switch (statement.kind) {
      case 'segment':
        if (statement.labelText === undefined) {
          this.deliver(this.send(statement, undefined, this.pending), next);
        } else {
          this.sendLabelled(statement, statement.labelText, next);
        }
        break;
      case 'deliver': {
        // The segment arrives now, and its receiver processes it with the state it has now
        // (RFC 9293 §3.10.7), however long ago it was sent.
        const arrival = this.network.deliver(statement);
        if (arrival) this.deliver(arrival.pending, next, NONE, { statement, first: arrival.first });
        break;
      }
      case 'simultaneous': {
        const group = ++this.groups;
        const pending = statement.segments.map((segment) => this.send(segment, group));
        pending.forEach((each, i) => this.deliver(each, next, pending.slice(i + 1)));
        break;
      }
      case 'listen':
      case 'close': {
        const name = this.names.endpoint(statement.endpoint);
        // An attacker listens with its first TCB, and closes the connection it last used.
        const key = statement.kind === 'close' ? this.tcbs.current(name) : name;
        this.steps.push(callStep(statement, name, this.tcbs, this.report, key));
        break;
      }
      case 'wait':
        this.steps.push(waitStep(statement, this.tcbs, this.report));
        break;
      case 'expect': {
        const name = this.names.endpoint(statement.endpoint);
        const tcb = this.tcbs.tcb(this.tcbs.current(name));
        this.steps.push(expectStep(statement, name, tcb, this.lines, this.report, this.steps));
        break;
      }
      case 'scenario':
      case 'endpoint':
      case 'let':
        break;
    }
  }

  // The two methods below run once per segment: they build plain objects without spreads,
  // which keeps 100k-segment scenarios fast (optional fields may hold `undefined`).
  /**
   * Sends a segment, into `pending` (a lone segment is delivered at once, so the simulator
   * reuses one object for all of them; a block's segments get one each).
   */
  private send(
    statement: SegmentStatement,
    group?: number,
    pending = newPending(statement),
  ): Pending {
    const errorsBefore = this.errorCount;
    const from = this.names.segmentEndpoint(statement, 'from');
    const to = this.names.segmentEndpoint(statement, 'to');
    const row = this.sentCount++;
    const shape = checkShape(statement, this.report);
    const fromKey = to === '' ? from : this.tcbs.key(from, to);
    const senderBefore = this.tcbs.view(fromKey);
    let sent: Sent | undefined;
    let simulated = false;
    if (from === to && from !== '') {
      this.report(diagnostic('SegmentToSelf', statement, { endpoint: from }));
    } else if (
      shape.ok &&
      from !== '' &&
      to !== '' &&
      // A segment to or from an undeclared endpoint is reported once (HS401), not simulated.
      this.names.endpoints.get(from)?.declared &&
      this.names.endpoints.get(to)?.declared
    ) {
      simulated = true;
      const out = this.outgoing.read(statement, from, to, shape, row, group !== undefined);
      const attacker =
        this.names.endpoints.get(from)?.attacker && this.tcbs.tcb(fromKey).state === 'CLOSED';
      sent = transmit(
        out,
        this.tcbs.own(fromKey),
        this.tcbs.tcb(this.tcbs.key(to, from)),
        this.context,
        statement.winValue,
        attacker === true,
      );
    }
    pending.statement = statement;
    pending.from = from;
    pending.fromKey = fromKey;
    pending.to = to;
    pending.shapeLen = shape.len;
    pending.senderBefore = senderBefore;
    pending.senderAfter = sent ? this.tcbs.view(fromKey) : senderBefore;
    pending.group = group;
    pending.sent = sent;
    pending.faulty = !simulated || this.errorCount > errorsBefore;
    return pending;
  }

  /**
   * Delivers a sent segment. A corrected one arrives as the writer meant it or as written,
   * whichever the statements from `next` on support (see reading.ts); `rest` is the rest of
   * its `simultaneous` block, still in flight.
   */
  private deliver(
    pending: Pending,
    next: number,
    rest: readonly Pending[] = NONE,
    delivery?: { readonly statement: DeliverStatement; readonly first: boolean },
    /** For a segment that never arrives: its receiver's view when it was sent. */
    neverArrives?: number,
  ): void {
    const { statement, to, sent } = pending;
    const arrives = neverArrives === undefined;
    const toKey = this.tcbs.key(to, pending.from);
    const receiverBefore = neverArrives ?? this.tcbs.view(toKey);
    let receiverAfter = receiverBefore;
    let outcome: SegmentOutcome = 'invalid';
    let reading: Reading | undefined;
    let segment = sent?.segment;
    let resent = false; // a resend past SND.NXT read as written: a retransmission, not a mistake
    if (sent?.asWritten && !statement.lost && arrives) {
      // A resend past SND.NXT read as written moves its sender too (see Sent.unlessAsSent); in
      // a simultaneous block, or delivered later, the sender's later segments are already sent,
      // so it stays a typo.
      const moves = movesSender(sent) && pending.group === undefined && !delivery;
      reading = chooseReading(
        this.stage(),
        toKey,
        sent.segment,
        sent.asWritten,
        inFlight(rest),
        next,
        moves ? { name: pending.fromKey, sent } : undefined,
      );
      if (reading === 'asSent' && movesSender(sent) && !moves) reading = 'intended';

      if (reading === 'asSent') {
        segment = sent.asWritten;
        if (moves) {
          resent = sent.unlessAsSent !== undefined;
          sentAsWritten(this.tcbs.own(pending.fromKey), sent);
          pending.senderAfter = this.tcbs.view(pending.fromKey);
        }
      }
    }
    // A segment delivered again was reported at its first delivery.
    if (sent?.unlessAsSent && reading !== 'asSent' && (delivery?.first ?? true)) {
      this.report(sent.unlessAsSent);
      pending.faulty = true;
    }
    const spoofed =
      segment &&
      this.names.attackers > 0 &&
      spoofedPeer(this.names.endpoints, pending.from, this.tcbs.tcb(toKey).peer, to);
    if (segment && spoofed) segment = fromAddressOf(segment, spoofed);
    if (segment && statement.lost) {
      outcome = 'lost';
    } else if (segment && !arrives) {
      outcome = 'inFlight';
    } else if (segment) {
      outcome = arrive(
        this.tcbs.own(toKey),
        to,
        segment,
        statement.winValue,
        this.names.symbolValues,
        this.report,
        statement,
        delivery?.statement,
      );
      receiverAfter = this.tcbs.view(toKey);
    }
    const found = this.found;
    found.statement = statement;
    found.flags = segment?.flags;
    found.group = pending.group;
    found.seq = segment?.seq;
    found.ack = segment?.ack;
    found.len = pending.shapeLen;
    found.expectedSeq = sent?.expectedSeq;
    found.expectedAck = sent?.expectedAck;
    found.whySeq = sent?.whySeq;
    found.whyAck = sent?.whyAck;
    found.retransmission = resent || (sent?.retransmission ?? false);
    found.seqCorrected = !resent && (sent?.seqCorrected ?? false);
    found.ackCorrected = sent?.ackCorrected ?? false;
    found.faulty = pending.faulty;
    found.outcome = outcome;
    found.reading = reading;
    found.senderBefore = pending.senderBefore;
    found.senderAfter = pending.senderAfter;
    found.receiverBefore = receiverBefore;
    found.receiverAfter = receiverAfter;
    const row = this.stepTable.add(found);
    this.steps.push(
      delivery
        ? new DeliveredRecord(this.stepTable, row, statement, delivery.statement, delivery.first)
        : new SegmentRecord(this.stepTable, row, statement),
    );
  }

  /**
   * A segment with a label: `->` and `-x` arrive (or are lost) at once as any other; `~>` is
   * sent now, moving its sender's SND.NXT, and stays in flight until `deliver` names its label.
   */
  private sendLabelled(statement: SegmentStatement, label: string, next: number): void {
    const pending = this.send(statement);
    const receiver = this.tcbs.key(pending.to, pending.from);
    this.network.sent(pending, label, this.steps.length, this.tcbs.view(receiver));
    // A `~>` segment's step is recorded where it arrives; if it never does, here (stillInFlight).
    if (!statement.inFlight) this.deliver(pending, next);
  }

  /**
   * Segments left in flight and never delivered: each gets its step where it was sent, drawn as
   * still in the network.
   */
  private stillInFlight(): void {
    const late: { index: number; step: TcpStep }[] = [];
    for (const flight of this.network.undelivered()) {
      this.deliver(
        flight.pending,
        this.document.statements.length,
        NONE,
        undefined,
        flight.receiverView,
      );
      late.push({ index: flight.stepIndex, step: this.steps.pop() as TcpStep });
    }
    // From the last, so each index still counts the steps before it as they were.
    for (const { index, step } of late.reverse()) this.steps.splice(index, 0, step);
  }

  /** What a rehearsal of the next statements reads (see reading.ts). */
  private stage(): Stage {
    return {
      statements: this.document.statements,
      symbols: this.names.symbolValues,
      lines: this.lines,
      endpoint: (name) => (this.names.endpoints.get(name)?.declared ? name : undefined),
      attacker: (name) => this.names.endpoints.get(name)?.attacker === true,
      spoofing: (from, peer, to) =>
        this.names.attackers > 0 ? spoofedPeer(this.names.endpoints, from, peer, to) : undefined,
      tcbs: this.tcbs.all,
      flight: (label) => this.network.flight(label),
    };
  }
}

/** The endpoints declared with `attacker`: each may hold a connection per peer. */
function attackersOf(document: ScenarioDocument): ReadonlySet<string> {
  const names = new Set<string>();
  for (const statement of document.statements) {
    if (statement.kind === 'attacker') names.add(statement.name.text);
  }
  return names;
}
