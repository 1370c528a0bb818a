/**
 * The steps of the statements that are not segments: they change or check an endpoint's state.
 * The user calls `listen` and `close` (RFC 9293 §3.10.1, §3.10.4), `wait` (the 2MSL timer,
 * §3.10.8) and `expect`. Each returns its step and reports what is wrong through `report`.
 */
import { TCP_TEXT } from './tcpText';
import { diagnostic, type Finding } from '../check/diagnostic';
import type { LineMap } from '../text/lineMap';
import type { Span } from '../text/span';
import type { ActionStatement, ExpectStatement, WaitStatement } from '../syntax/tree';
import type { TcpState } from '../protocol/tcpStates';
import { endpointOfKey } from './connectionKey';
import { lineNumber } from './explain';
import { newTcb, type Tcb } from './tcb';
import { MSL_SECONDS, secondsText, waitEndsTimeWait } from './timeWait';
import type { TcbTable } from './tcbTable';
import type { ActionStep, ExpectStep, TcpStep } from './trace';
import { joinText, type Text } from '../text/words';

type Change = [endpoint: string, before: TcpState, after: TcpState];

/**
 * `NAME listen` (a passive OPEN) or `NAME close`, which here can only abort an opening. `key`
 * names the TCB it acts on (an attacker's may be one of several: connectionKey.ts).
 */
export function callStep(
  statement: ActionStatement,
  name: string,
  tcbs: TcbTable,
  report: (d: Finding) => void,
  key = name,
): ActionStep {
  const tcb = tcbs.tcb(key);
  let next: Tcb | undefined;
  if (statement.kind === 'listen') {
    if (tcb.state === 'CLOSED')
      next = newTcb({ state: 'LISTEN', listening: true, stateSpan: statement });
    else report(diagnostic('ListenNotClosed', statement, { endpoint: name, state: tcb.state }));
  } else if (tcb.state === 'LISTEN' || tcb.state === 'SYN_SENT') {
    next = newTcb({ stateSpan: statement });
  } else {
    report(diagnostic('CloseInvalid', statement, { endpoint: name, state: tcb.state }));
  }
  if (next) tcbs.replace(key, next);
  return actionStep(statement.kind, statement, [[name, tcb.state, (next ?? tcb).state]]);
}

/**
 * `wait 2MSL`: every endpoint in TIME_WAIT closes. `wait 30s`: time passes, and those that have
 * now spent 2MSL in TIME_WAIT close (timeWait.ts).
 */
export function waitStep(
  statement: WaitStatement,
  tcbs: TcbTable,
  report: (d: Finding) => void,
): ActionStep {
  const changes: Change[] = [];
  let waiting = false;
  for (const [key, tcb] of tcbs.all) {
    if (tcb.state !== 'TIME_WAIT') continue;
    waiting = true;
    if (!waitEndsTimeWait(tcbs.own(key), statement)) continue;
    // RFC 9293 §3.10.8: when the 2MSL timer runs out, TIME_WAIT becomes CLOSED.
    tcbs.replace(key, newTcb({ listening: tcb.listening, stateSpan: statement }));
    changes.push([endpointOfKey(key), 'TIME_WAIT', 'CLOSED']);
  }
  // Time may pass for its own sake; only `wait 2MSL` is written for TIME_WAIT.
  if (!waiting && statement.seconds === undefined) {
    report(diagnostic('NothingInTimeWait', statement));
  }
  return actionStep('wait', statement, changes, statement.seconds);
}

function actionStep(
  kind: ActionStep['kind'],
  span: Span,
  changes: Change[],
  seconds?: number,
): ActionStep {
  return {
    kind,
    span: { start: span.start, end: span.end },
    changes: changes.map(([endpoint, before, after]) => ({ endpoint, before, after })),
    ...(seconds !== undefined ? { seconds } : {}),
  };
}

/**
 * Why TIME_WAIT is or is not the state (RFC 9293 §3.6): the endpoint that sends the first FIN
 * (the active close) ends in TIME_WAIT until 2MSL pass; the other closes from LAST_ACK.
 */
function timeWaitHint(
  name: string,
  expected: TcpState,
  tcb: Readonly<Tcb>,
  steps: readonly TcpStep[],
): Text {
  if (expected === 'CLOSED' && tcb.state === 'TIME_WAIT') {
    const hint = TCP_TEXT.hintTimeWait({ endpoint: name });
    if (tcb.timeWaited <= 0) return hint;
    // RFC 9293 §3.4.2 takes MSL as 2 minutes: a shorter wait leaves it in TIME_WAIT.
    return joinText([
      hint,
      TCP_TEXT.hintWaitedPart({
        endpoint: name,
        waited: secondsText(tcb.timeWaited),
        total: secondsText(2 * MSL_SECONDS),
      }),
    ]);
  }
  if (expected !== 'TIME_WAIT') return '';
  if (
    tcb.state === 'CLOSE_WAIT' ||
    tcb.state === 'LAST_ACK' ||
    (tcb.state === 'CLOSED' && closedFromLastAck(name, tcb, steps))
  ) {
    return TCP_TEXT.hintOnlyFirstCloserWaits({ endpoint: name });
  }
  return '';
}

/** True when the step that made `name` CLOSED took it there from LAST_ACK (the passive close). */
function closedFromLastAck(name: string, tcb: Readonly<Tcb>, steps: readonly TcpStep[]): boolean {
  const since = tcb.stateSpan;
  if (!since) return false;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i] as TcpStep;
    if (step.span.start !== since.start) continue;
    return step.kind === 'segment' && step.to === name && step.receiver.before.state === 'LAST_ACK';
  }
  return false;
}

/**
 * `expect NAME STATE`: a failed one says since which line the endpoint has been in the state it
 * is in, with a fix that writes that state.
 */
export function expectStep(
  statement: ExpectStatement,
  name: string,
  tcb: Readonly<Tcb>,
  lines: LineMap,
  report: (d: Finding) => void,
  /** The steps so far: whether a CLOSED endpoint got there from LAST_ACK. */
  steps: readonly TcpStep[] = [],
): ExpectStep {
  const expected = statement.state;
  const passed = expected === undefined || expected === tcb.state;
  if (!passed && expected) {
    const since = tcb.stateSpan;
    const why = since ? TCP_TEXT.sinceLine({ line: lineNumber(lines, since) }) : '';
    // Waiting 2MSL is the step notes forget: "主机1等待2MSL后 ... 关闭连接".
    const waits = expected === 'CLOSED' && tcb.state === 'TIME_WAIT';
    const lineStart = lines.lineStart(lines.lineOf(statement));
    report(
      diagnostic(
        'ExpectFailed',
        statement.stateSpan,
        {
          endpoint: name,
          expected,
          actual: tcb.state,
          why,
          hint: timeWaitHint(name, expected, tcb, steps),
        },
        {
          related: since
            ? [{ span: since, message: TCP_TEXT.becameHere({ endpoint: name, state: tcb.state }) }]
            : [],
          fix: waits
            ? {
                title: TCP_TEXT.fixWait2Msl,
                edits: [{ span: { start: lineStart, end: lineStart }, newText: 'wait 2MSL\n' }],
              }
            : {
                title: TCP_TEXT.fixExpect({ state: tcb.state }),
                edits: [{ span: statement.stateSpan, newText: tcb.state }],
              },
        },
      ),
    );
  }
  return {
    kind: 'expect',
    span: { start: statement.start, end: statement.end },
    endpoint: name,
    ...(expected ? { expected } : {}),
    actual: tcb.state,
    passed,
  };
}
