import { TCP_TEXT } from './tcpText';
import { diagnostic, type Diagnostic } from '../check/diagnostic';
import { LineMap } from '../text/lineMap';
import type { Span } from '../text/span';
import type {
  ActionStatement,
  DeliverStatement,
  ExpectStatement,
  Name,
  ScenarioDocument,
  SegmentStatement,
  Statement,
  ValueExpression,
  WaitStatement,
} from '../syntax/tree';
import { lineNumber } from './explain';
import { receive } from './receive';
import { chooseReading, type InFlight, type Reading, type Stage } from './reading';
import { checkShape, type Shape } from './segmentShape';
import type { Outgoing } from './outgoing';
import { inject, send, sentAsWritten, type Sent, type SendContext } from './send';
import { formatValue, SEQ_MAX, seqValue, type SeqValue } from './seqValue';
import { DeliveredRecord, SegmentRecord, StepTable, type SegmentFindings } from './segmentStep';
import type { TcpState } from '../protocol/tcpStates';
import { CLOSED_TCB, fromAddressOf, newTcb, type Tcb } from './tcb';
import { ViewTable, viewId, type LastView } from './viewTable';
import { Declarations } from './declarations';
import type { ActionStep, SegmentOutcome, TcpStep, TcpTrace } from './trace';

export interface Simulation {
  readonly trace: TcpTrace;
  readonly diagnostics: readonly Diagnostic[];
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

/** A segment sent and not yet delivered (all of a `simultaneous` block are sent first). */
interface Pending {
  statement: SegmentStatement;
  from: string;
  to: string;
  /** Undefined when the segment could not be sent. */
  sent: Sent | undefined;
  shapeLen: number;
  /** Ids in the simulator's ViewTable. */
  senderBefore: number;
  senderAfter: number;
  group: number | undefined;
  faulty: boolean;
}

function newPending(statement: SegmentStatement): Pending {
  return {
    statement,
    from: '',
    to: '',
    sent: undefined,
    shapeLen: 0,
    senderBefore: 0,
    senderAfter: 0,
    group: undefined,
    faulty: false,
  };
}

type Scratch<T> = { -readonly [K in keyof T]: T[K] };

/** A labelled segment (`as NAME`): sent, and delivered at once or by `deliver` statements. */
interface Flight {
  readonly pending: Pending;
  /** How many times it arrived so far, and the line of its last arrival. */
  deliveries: number;
  lastDelivery: number;
  /** Where its step goes in the trace if it is never delivered (see stillInFlight). */
  readonly stepIndex: number;
  /** Its receiver's view when it was sent, for that step. */
  readonly receiverView: number;
  /** Which labelled segment it was, counting from 0 in the order sent. */
  readonly order: number;
}

const NONE: readonly Pending[] = Object.freeze([]);

/** The segments of a block still to arrive, as a rehearsal replays them. */
function inFlight(rest: readonly Pending[]): InFlight[] {
  const segments: InFlight[] = [];
  for (const each of rest) {
    if (each.sent) {
      segments.push({ to: each.to, segment: each.sent.segment, lost: each.statement.lost });
    }
  }
  return segments;
}

class Simulator {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly names: Declarations;
  private readonly tcbs = new Map<string, Tcb>();
  /** The trace's TCB snapshots, and for each endpoint the last one taken. */
  private readonly views: ViewTable;
  private readonly lastViews = new Map<string, LastView>();
  /** The numbers of the segment steps. */
  private readonly stepTable: StepTable;
  private readonly steps: TcpStep[] = [];
  private groups = 0;
  private errorCount = 0;
  /** Labelled segments by label, in the order they were sent. */
  private readonly flights = new Map<string, Flight>();
  /** `~>` segments whose label was already taken (HS406): nothing can deliver them. */
  private readonly stranded: Flight[] = [];
  private readonly pending = newPending(undefined as unknown as SegmentStatement);
  private readonly out: Scratch<Outgoing> = {
    from: '',
    to: '',
    flags: new Set(),
    seq: undefined,
    seqGiven: false,
    ack: undefined,
    ackGiven: false,
    flagsBroken: false,
    len: 0,
    span: undefined as unknown as SegmentStatement,
    row: 0,
  };
  /** Segments sent so far: each is delivered, in the same order, and then makes a step row. */
  private sentCount = 0;
  /** Scratch for StepTable.add, which copies it: one object for every step. */
  private readonly found = newFindings();

  constructor(
    private readonly document: ScenarioDocument,
    private readonly lines: LineMap,
  ) {
    this.names = new Declarations(document, lines, (d) => this.report(d));
    this.context = { symbols: this.names.symbolValues, lines, report: (d) => this.report(d) };
    // Sized for a scenario of segments, each of which moves both ends.
    this.views = new ViewTable(2 * document.statements.length);
    this.stepTable = new StepTable(this.views, document.statements.length);
  }

  run(): Simulation {
    this.names.declareAll();
    const statements = this.document.statements;
    for (let index = 0; index < statements.length; index++) {
      const statement = statements[index] as Statement;
      switch (statement.kind) {
        case 'segment':
          if (statement.labelText === undefined) {
            this.deliver(this.send(statement, undefined, this.pending), index + 1);
          } else {
            this.sendLabelled(statement, statement.labelText, index + 1);
          }
          break;
        case 'deliver':
          this.deliverLabelled(statement, index + 1);
          break;
        case 'simultaneous': {
          const group = ++this.groups;
          const pending = statement.segments.map((segment) => this.send(segment, group));
          pending.forEach((each, i) => this.deliver(each, index + 1, pending.slice(i + 1)));
          break;
        }
        case 'listen':
        case 'close':
          this.action(statement);
          break;
        case 'wait':
          this.wait(statement);
          break;
        case 'expect':
          this.expect(statement);
          break;
        case 'scenario':
        case 'endpoint':
        case 'let':
          break;
      }
    }
    this.stillInFlight();
    const finalStates = new Map<string, TcpState>();
    for (const name of this.names.endpoints.keys()) finalStates.set(name, this.tcb(name).state);
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

  private readonly context: SendContext;

  private report = (d: Diagnostic): void => {
    this.diagnostics.push(d);
    if (d.severity === 'error') this.errorCount++;
  };

  private line(span: Span): number {
    return lineNumber(this.lines, span);
  }

  /** The id of the trace's view of `tcb`: the endpoint's last one when nothing in it moved. */
  private view(name: string, tcb: Readonly<Tcb>): number {
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
    return viewId(this.views, tcb, last);
  }

  /** An endpoint's TCB, to read. */
  private tcb(name: string): Readonly<Tcb> {
    return this.tcbs.get(name) ?? CLOSED_TCB;
  }

  /** An endpoint's own TCB, for the engine to change in place (see Tcb). */
  private ownTcb(name: string): Tcb {
    let tcb = this.tcbs.get(name);
    if (!tcb) {
      tcb = newTcb();
      this.tcbs.set(name, tcb);
    }
    return tcb;
  }

  /** Reads a written seq=/ack= value; a symbol's first use in a seq= binds it. */
  private value(
    statement: SegmentStatement,
    role: 'seq' | 'ack',
    owner?: string,
  ): SeqValue | undefined {
    const offset = role === 'seq' ? statement.seqOffset : statement.ackOffset;
    if (Number.isNaN(offset)) return undefined;
    const symbol = role === 'seq' ? statement.seqSymbol : statement.ackSymbol;
    if (Math.abs(offset) > SEQ_MAX) {
      const node = statement[role]?.value as ValueExpression;
      this.report(
        diagnostic(
          'NumberOutOfRange',
          { start: node.numberStart ?? node.start, end: node.end },
          {
            what: this.document.text.slice(node.start, node.end),
            max: String(SEQ_MAX),
          },
        ),
      );
      return undefined;
    }
    if (symbol === undefined) return seqValue(offset);
    if (!this.names.symbols.has(symbol)) {
      const node = statement[role]?.value.symbol as Name;
      if (role === 'ack') {
        this.report(diagnostic('UnboundSymbol', node, { name: symbol }));
        return undefined;
      }
      this.names.bindSymbol({ name: symbol, span: node, ...(owner ? { owner } : {}) });
    }
    return seqValue(offset, symbol);
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
    const senderBefore = this.view(from, this.tcb(from));
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
      const out = this.outgoing(statement, from, to, shape, row);
      const attacker =
        this.names.endpoints.get(from)?.attacker && this.tcb(from).state === 'CLOSED';
      sent =
        (attacker ? inject(out) : undefined) ??
        send(out, this.ownTcb(from), this.context, this.tcb(to));
    }
    // The window `from` advertises is the one it tests arriving segments against.
    if (sent && statement.winValue >= 0) this.ownTcb(from).rcvWnd = statement.winValue;
    pending.statement = statement;
    pending.from = from;
    pending.to = to;
    pending.shapeLen = shape.len;
    pending.senderBefore = senderBefore;
    pending.senderAfter = sent ? this.view(from, this.tcb(from)) : senderBefore;
    pending.group = group;
    pending.sent = sent;
    pending.faulty = !simulated || this.errorCount > errorsBefore;
    return pending;
  }

  /** The segment as send() reads it, in the simulator's one Outgoing (send keeps none). */
  private outgoing(
    statement: SegmentStatement,
    from: string,
    to: string,
    shape: Shape,
    row: number,
  ): Outgoing {
    const out = this.out;
    const broken = statement.broken;
    out.from = from;
    out.to = to;
    out.flags = shape.flags;
    out.seq = this.value(statement, 'seq', shape.flags.has('SYN') ? from : undefined);
    out.seqGiven = !Number.isNaN(statement.seqOffset) || broken.includes('seq');
    out.ack = this.value(statement, 'ack');
    out.ackGiven = !Number.isNaN(statement.ackOffset) || broken.includes('ack');
    out.flagsBroken = broken.includes('flags');
    out.len = shape.len;
    out.span = statement;
    out.row = row;
    return out;
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
    const rcvNxtBefore = this.tcb(to).rcvNxt;
    const receiverBefore = neverArrives ?? this.view(to, this.tcb(to));
    let receiverAfter = receiverBefore;
    let outcome: SegmentOutcome = 'invalid';
    let reading: Reading | undefined;
    let segment = sent?.segment;
    let resent = false; // a resend past SND.NXT read as written: a retransmission, not a mistake
    if (sent?.asWritten && !statement.lost && arrives) {
      // A resend past SND.NXT read as written moves its sender too (see Sent.unlessAsSent); in
      // a simultaneous block, or delivered later, the sender's later segments are already sent,
      // so it stays a typo.
      const movesSender =
        sent.unlessAsSent !== undefined && pending.group === undefined && !delivery;
      reading = chooseReading(
        this.stage(),
        to,
        sent.segment,
        sent.asWritten,
        inFlight(rest),
        next,
        movesSender ? { name: pending.from, sent } : undefined,
      );
      if (reading === 'asSent' && sent.unlessAsSent && !movesSender) reading = 'intended';
      if (reading === 'asSent') {
        segment = sent.asWritten;
        if (movesSender) {
          resent = true;
          sentAsWritten(this.ownTcb(pending.from), sent);
          pending.senderAfter = this.view(pending.from, this.tcb(pending.from));
        }
      }
    }
    // A segment delivered again was reported at its first delivery.
    if (sent?.unlessAsSent && reading !== 'asSent' && (delivery?.first ?? true)) {
      this.report(sent.unlessAsSent);
      pending.faulty = true;
    }
    const spoofed = segment && this.names.attackers > 0 && this.spoofedPeer(pending.from, to);
    if (segment && spoofed) segment = fromAddressOf(segment, spoofed);
    if (segment && statement.lost) {
      outcome = 'lost';
    } else if (segment && !arrives) {
      outcome = 'inFlight';
    } else if (segment) {
      outcome = receive(this.ownTcb(to), segment, this.names.symbolValues);
      receiverAfter = this.view(to, this.tcb(to));
      if (outcome === 'queued' && rcvNxtBefore) {
        this.report(
          diagnostic('OutOfOrder', delivery?.statement.label ?? statement.seq?.value ?? statement, {
            endpoint: to,
            expected: formatValue(rcvNxtBefore),
            got: formatValue(segment.seq),
          }),
        );
      }
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
    const flight: Flight = {
      pending,
      deliveries: 0,
      lastDelivery: this.line(statement),
      stepIndex: this.steps.length,
      receiverView: this.view(pending.to, this.tcb(pending.to)),
      order: this.flights.size + this.stranded.length,
    };
    const known = this.flights.get(label);
    if (known) {
      this.report(
        diagnostic('DuplicateLabel', statement.label?.name ?? statement, {
          label,
          line: this.line(known.pending.statement),
        }),
      );
      if (statement.inFlight) this.stranded.push(flight);
    } else {
      this.flights.set(label, flight);
    }
    // A `~>` segment's step is recorded where it arrives; if it never does, here (stillInFlight).
    if (statement.inFlight) return;
    this.deliver(pending, next);
    flight.deliveries = 1;
  }

  /**
   * `deliver NAME [again]`: the segment labelled NAME arrives now, and its receiver processes it
   * with the state it has now (RFC 9293 §3.10.7), however long ago it was sent.
   */
  private deliverLabelled(statement: DeliverStatement, next: number): void {
    const label = statement.label.text;
    const flight = this.flights.get(label);
    if (!flight) {
      this.report(diagnostic('UnknownLabel', statement.label, { label }));
      return;
    }
    const sentAt = this.line(flight.pending.statement);
    if (flight.pending.statement.lost) {
      this.report(diagnostic('DeliverLost', statement.label, { label, line: sentAt }));
      return;
    }
    if (flight.deliveries > 0 && !statement.again) {
      this.report(
        diagnostic(
          'AlreadyDelivered',
          statement.label,
          { label, line: sentAt, delivered: flight.lastDelivery },
          {
            fix: {
              title: TCP_TEXT.fixDeliverAgain({ label }),
              edits: [{ span: { start: statement.end, end: statement.end }, newText: ' again' }],
            },
          },
        ),
      );
      return;
    }
    const first = flight.deliveries === 0;
    flight.deliveries++;
    flight.lastDelivery = this.line(statement);
    this.deliver(flight.pending, next, NONE, { statement, first });
  }

  /**
   * Segments left in flight and never delivered: each gets its step where it was sent, drawn as
   * still in the network, and an info, since a scenario may well end with segments in flight.
   */
  private stillInFlight(): void {
    const late: { index: number; step: TcpStep }[] = [];
    const undelivered = [...this.flights.values(), ...this.stranded]
      .filter((flight) => flight.pending.statement.inFlight && flight.deliveries === 0)
      .sort((a, b) => a.order - b.order);
    for (const flight of undelivered) {
      const { pending } = flight;
      const label = pending.statement.labelText ?? '';
      // A stranded segment's label belongs to another (HS406 says so already).
      if (this.flights.get(label) === flight) {
        this.report(
          diagnostic('StillInFlight', pending.statement.label?.name ?? pending.statement, {
            label,
            to: pending.to,
          }),
        );
      }
      this.deliver(pending, this.document.statements.length, NONE, undefined, flight.receiverView);
      late.push({ index: flight.stepIndex, step: this.steps.pop() as TcpStep });
    }
    // From the last, so each index still counts the steps before it as they were.
    for (const { index, step } of late.reverse()) this.steps.splice(index, 0, step);
  }

  /**
   * The receiver's peer when `from` is an attacker declared with that peer's address and port:
   * the receiver cannot tell its segments from the peer's (RFC 9293 §3.10.7 finds the
   * connection by the addresses and ports alone).
   */
  private spoofedPeer(from: string, to: string): string | undefined {
    const sender = this.names.endpoints.get(from);
    const peer = this.tcb(to).peer;
    if (!sender?.attacker || !sender.address || peer === undefined || peer === from)
      return undefined;
    const address = this.names.endpoints.get(peer)?.address;
    return address && address.host === sender.address.host && address.port === sender.address.port
      ? peer
      : undefined;
  }

  /** What a rehearsal of the next statements reads (see reading.ts). */
  private stage(): Stage {
    return {
      statements: this.document.statements,
      symbols: this.names.symbolValues,
      lines: this.lines,
      endpoint: (name) => (this.names.endpoints.get(name)?.declared ? name : undefined),
      attacker: (name) => this.names.endpoints.get(name)?.attacker === true,
      tcbs: this.tcbs,
      flight: (label) => {
        const pending = this.flights.get(label)?.pending;
        return pending?.sent
          ? { to: pending.to, segment: pending.sent.segment, lost: pending.statement.lost }
          : undefined;
      },
    };
  }

  private action(statement: ActionStatement): void {
    const name = this.names.endpoint(statement.endpoint);
    const tcb = this.tcb(name);
    let next: Tcb | undefined;
    if (statement.kind === 'listen') {
      if (tcb.state === 'CLOSED')
        next = newTcb({ state: 'LISTEN', listening: true, stateSpan: statement });
      else
        this.report(diagnostic('ListenNotClosed', statement, { endpoint: name, state: tcb.state }));
    } else if (tcb.state === 'LISTEN' || tcb.state === 'SYN_SENT') {
      next = newTcb({ stateSpan: statement });
    } else {
      this.report(diagnostic('CloseInvalid', statement, { endpoint: name, state: tcb.state }));
    }
    if (next) this.tcbs.set(name, next);
    this.pushAction(statement.kind, statement, [[name, tcb.state, (next ?? tcb).state]]);
  }

  private wait(statement: WaitStatement): void {
    const changes: [string, TcpState, TcpState][] = [];
    for (const [name, tcb] of this.tcbs) {
      if (tcb.state !== 'TIME_WAIT') continue;
      // RFC 9293 §3.10.8: when the 2MSL timer runs out, TIME_WAIT becomes CLOSED.
      this.tcbs.set(name, newTcb({ listening: tcb.listening, stateSpan: statement }));
      changes.push([name, 'TIME_WAIT', 'CLOSED']);
    }
    if (changes.length === 0) this.report(diagnostic('NothingInTimeWait', statement));
    this.pushAction('wait', statement, changes);
  }

  private pushAction(
    kind: ActionStep['kind'],
    span: Span,
    changes: [string, TcpState, TcpState][],
  ): void {
    this.steps.push({
      kind,
      span: { start: span.start, end: span.end },
      changes: changes.map(([endpoint, before, after]) => ({ endpoint, before, after })),
    });
  }

  private expect(statement: ExpectStatement): void {
    const name = this.names.endpoint(statement.endpoint);
    const tcb = this.tcb(name);
    const expected = statement.state;
    const passed = expected === undefined || expected === tcb.state;
    if (!passed && expected) {
      const why = tcb.stateSpan ? TCP_TEXT.sinceLine({ line: this.line(tcb.stateSpan) }) : '';
      this.report(
        diagnostic(
          'ExpectFailed',
          statement.stateSpan,
          { endpoint: name, expected, actual: tcb.state, why },
          {
            related: tcb.stateSpan
              ? [
                  {
                    span: tcb.stateSpan,
                    message: TCP_TEXT.becameHere({ endpoint: name, state: tcb.state }),
                  },
                ]
              : [],
            fix: {
              title: TCP_TEXT.fixExpect({ state: tcb.state }),
              edits: [{ span: statement.stateSpan, newText: tcb.state }],
            },
          },
        ),
      );
    }
    this.steps.push({
      kind: 'expect',
      span: { start: statement.start, end: statement.end },
      endpoint: name,
      ...(expected ? { expected } : {}),
      actual: tcb.state,
      passed,
    });
  }
}
