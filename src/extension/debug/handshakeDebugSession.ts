import {
  Breakpoint,
  DebugSession,
  Event,
  Handles,
  InitializedEvent,
  OutputEvent,
  Scope,
  Source,
  StackFrame,
  StoppedEvent,
  TerminatedEvent,
  Thread,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { analyze } from '../../core/analysis/analyze';
import { DebugTrace } from '../../core/debug/debugTrace';
import { debugWords } from '../../core/debug/debugText';
import {
  lineBreakpoints,
  run,
  step,
  type LineBreakpoint,
  type RunResult,
} from '../../core/debug/stepper';
import { conditionErrorText, stopScopes, type DebugVariable } from '../../core/debug/stopScopes';
import type { Locale } from '../../core/text/locale';

/** What `launch` takes: the scenario to step through, and whether to stop at its first step. */
export interface HandshakeLaunchArguments extends DebugProtocol.LaunchRequestArguments {
  readonly program?: string;
  readonly stopOnEntry?: boolean;
}

/**
 * The custom event sent at every stop, for the preview to follow the debugger: the program's
 * path, the step's index in the trace and its 0-based line. VS Code hands it to
 * `vscode.debug.onDidReceiveDebugSessionCustomEvent` (see debugRegistration.ts).
 */
export const STEP_EVENT = 'handshakeStep';

export interface StepEventBody {
  readonly program: string;
  readonly index: number;
  readonly line: number;
}

/** Reads the program's text: the open document in VS Code, the file in the standalone adapter. */
export type ReadProgram = (path: string) => Promise<string>;

const THREAD_ID = 1;

/**
 * A Debug Adapter Protocol session over one `.handshake` file. The engine's trace is computed
 * once at launch; the session only moves a cursor over its steps (core/debug/stepper.ts), so
 * stepping back costs what stepping forward does. No `vscode` here: VS Code runs it inline
 * (works in VS Code for the Web), the tests over stdio (adapterMain.ts).
 */
export class HandshakeDebugSession extends DebugSession {
  private trace: DebugTrace | undefined;
  private program = '';
  private current = -1;
  private breakpoints: LineBreakpoint[] = [];
  private requestedBreakpoints: DebugProtocol.SourceBreakpoint[] = [];
  private stopOnErrors = false;
  private readonly variables = new Handles<readonly DebugVariable[]>();
  private configured!: () => void;
  private readonly configurationDone = new Promise<void>((resolve) => (this.configured = resolve));

  constructor(
    private readonly readProgram: ReadProgram,
    private readonly locale: Locale,
  ) {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsConditionalBreakpoints: true,
      supportsStepBack: true,
      supportsTerminateRequest: true,
      exceptionBreakpointFilters: [
        { filter: 'errors', label: debugWords(this.locale).errorsFilter, default: false },
      ],
    };
    this.sendResponse(response);
  }

  protected override async launchRequest(
    response: DebugProtocol.LaunchResponse,
    args: HandshakeLaunchArguments,
  ): Promise<void> {
    const program = args.program ?? '';
    let text: string;
    try {
      text = await this.readProgram(program);
    } catch (error) {
      this.sendErrorResponse(
        response,
        1,
        debugWords(this.locale).cannotRead({ program, error: String(error) }),
      );
      return;
    }
    this.program = program;
    this.trace = new DebugTrace(text, analyze(text, { locale: this.locale }));
    // Breakpoints are read once the trace is known, so that each is verified on a step's line.
    this.sendEvent(new InitializedEvent());
    await this.configurationDone;
    this.sendResponse(response);
    if (args.stopOnEntry && this.trace.stops.length > 0) {
      this.arrive({ kind: 'stopped', index: 0, reason: 'entry' });
    } else this.arrive(run(this.trace, -1, 'forward', this.rules()));
  }

  protected override configurationDoneRequest(
    response: DebugProtocol.ConfigurationDoneResponse,
  ): void {
    this.sendResponse(response);
    this.configured();
  }

  protected override setBreakPointsRequest(
    response: DebugProtocol.SetBreakpointsResponse,
    args: DebugProtocol.SetBreakpointsArguments,
  ): void {
    this.requestedBreakpoints = args.breakpoints ?? [];
    const requested = this.requestedBreakpoints.map((b) => ({
      line: this.convertClientLineToDebugger(b.line) - 1,
      condition: b.condition,
    }));
    this.breakpoints = this.trace ? lineBreakpoints(this.trace, requested) : [];
    response.body = {
      breakpoints: this.breakpoints.map((b) => {
        const shown = new Breakpoint(b.verified, this.convertDebuggerLineToClient(b.line + 1));
        const message = b.conditionError
          ? conditionErrorText(b.conditionError, this.locale)
          : undefined;
        return message ? { ...shown, message } : shown;
      }),
    };
    this.sendResponse(response);
  }

  protected override setExceptionBreakPointsRequest(
    response: DebugProtocol.SetExceptionBreakpointsResponse,
    args: DebugProtocol.SetExceptionBreakpointsArguments,
  ): void {
    this.stopOnErrors = args.filters.includes('errors');
    this.sendResponse(response);
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: [new Thread(THREAD_ID, 'handshake')] };
    this.sendResponse(response);
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    response.body = { allThreadsContinued: true };
    this.sendResponse(response);
    if (this.trace) this.arrive(run(this.trace, this.current, 'forward', this.rules()));
  }

  protected override reverseContinueRequest(response: DebugProtocol.ReverseContinueResponse): void {
    this.sendResponse(response);
    if (this.trace) this.arrive(run(this.trace, this.current, 'backward', this.rules()));
  }

  protected override nextRequest(response: DebugProtocol.NextResponse): void {
    this.sendResponse(response);
    if (this.trace) this.arrive(step(this.trace, this.current, 'forward'));
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse): void {
    this.nextRequest(response);
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse): void {
    this.nextRequest(response);
  }

  protected override stepBackRequest(response: DebugProtocol.StepBackResponse): void {
    this.sendResponse(response);
    if (this.trace) this.arrive(step(this.trace, this.current, 'backward'));
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    // A run over a precomputed trace ends at once: there is never anything to pause.
    this.sendResponse(response);
  }

  /**
   * The Call Stack as the timeline: the current step on top, the steps before it below, so a
   * click on an older frame shows the variables as they were then.
   */
  protected override stackTraceRequest(
    response: DebugProtocol.StackTraceResponse,
    args: DebugProtocol.StackTraceArguments,
  ): void {
    const stops = this.trace?.stops ?? [];
    const start = args.startFrame ?? 0;
    const levels = args.levels && args.levels > 0 ? args.levels : this.current + 1;
    const frames: StackFrame[] = [];
    for (let i = this.current - start; i >= 0 && frames.length < levels; i--) {
      const stop = stops[i];
      if (!stop) break;
      frames.push(
        new StackFrame(
          i + 1,
          stop.label,
          new Source(baseName(this.program), this.program),
          this.convertDebuggerLineToClient(stop.line + 1),
        ),
      );
    }
    response.body = { stackFrames: frames, totalFrames: this.current + 1 };
    this.sendResponse(response);
  }

  protected override scopesRequest(
    response: DebugProtocol.ScopesResponse,
    args: DebugProtocol.ScopesArguments,
  ): void {
    const index = args.frameId - 1;
    const scopes = this.trace ? stopScopes(this.trace, index, this.locale) : [];
    response.body = {
      scopes: scopes.map((s) => new Scope(s.name, this.variables.create(s.variables), false)),
    };
    this.sendResponse(response);
  }

  protected override variablesRequest(
    response: DebugProtocol.VariablesResponse,
    args: DebugProtocol.VariablesArguments,
  ): void {
    const list = this.variables.get(args.variablesReference, []);
    response.body = {
      variables: list.map((v) => ({
        name: v.name,
        value: v.value,
        variablesReference:
          v.children && v.children.length > 0 ? this.variables.create(v.children) : 0,
      })),
    };
    this.sendResponse(response);
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.sendResponse(response);
    this.sendEvent(new TerminatedEvent());
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.sendResponse(response);
    // Ends the standalone process (adapterMain.ts); ignored when running inline.
    this.shutdown();
  }

  private rules() {
    return { breakpoints: this.breakpoints, stopOnErrors: this.stopOnErrors };
  }

  /** Moves to where a run or a step ended: a stop (with its event), or the end of the program. */
  private arrive(result: RunResult): void {
    this.variables.reset();
    if (result.kind === 'ended') {
      this.sendEvent(new TerminatedEvent());
      return;
    }
    this.current = result.index;
    const stop = this.trace?.stops[result.index];
    if (result.conditionError) {
      const why = conditionErrorText(result.conditionError, this.locale);
      this.sendEvent(
        new OutputEvent(`${debugWords(this.locale).conditionFailed({ why })}\n`, 'console'),
      );
    }
    const text =
      result.reason === 'exception'
        ? stop?.diagnostics.find((d) => d.severity === 'error')?.message
        : undefined;
    this.sendEvent(new StoppedEvent(result.reason, THREAD_ID, text));
    if (stop) {
      const body: StepEventBody = { program: this.program, index: stop.index, line: stop.line };
      this.sendEvent(new Event(STEP_EVENT, body));
    }
  }
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
