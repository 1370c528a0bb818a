import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

/**
 * The debug adapter over DAP, as VS Code drives it: the standalone entry (adapterMain.ts) spawned
 * as a node process through tsx, driven by Microsoft's test client.
 */
const ADAPTER = resolve('src/extension/debug/adapterMain.ts');
const TCPDUMP = resolve('examples/tcpdump-handshake.handshake');
const HTTPS = resolve('examples/https-rsa.handshake');
const MISTAKES = resolve('examples/mistakes.handshake');

let dc: DebugClient;

beforeEach(async () => {
  dc = new DebugClient(process.execPath, ADAPTER, 'handshake', {
    env: { ...process.env, NODE_OPTIONS: '--import tsx', HANDSHAKE_LOCALE: 'en' },
  });
  await dc.start();
});

afterEach(async () => {
  await dc.stop();
});

/** Launches `program` with the given breakpoints (1-based lines) and exception filters. */
async function launch(
  program: string,
  options: {
    stopOnEntry?: boolean;
    breakpoints?: DebugProtocol.SourceBreakpoint[];
    filters?: string[];
  } = {},
): Promise<DebugProtocol.SetBreakpointsResponse | undefined> {
  let set: DebugProtocol.SetBreakpointsResponse | undefined;
  await Promise.all([
    dc.waitForEvent('initialized').then(async () => {
      if (options.breakpoints) {
        set = await dc.setBreakpointsRequest({
          source: { path: program },
          breakpoints: options.breakpoints,
        });
      }
      await dc.setExceptionBreakpointsRequest({ filters: options.filters ?? [] });
      await dc.configurationDoneRequest();
    }),
    dc.launch({ program, stopOnEntry: options.stopOnEntry ?? false }),
  ]);
  return set;
}

/** The variables of scope `name` at the top frame, as name → value. */
async function scope(name: string): Promise<Record<string, string>> {
  const frames = await dc.stackTraceRequest({ threadId: 1 });
  const top = frames.body.stackFrames[0];
  assert.ok(top);
  const scopes = await dc.scopesRequest({ frameId: top.id });
  const found = scopes.body.scopes.find((s) => s.name === name);
  assert.ok(found, `scope ${name}`);
  const variables = await dc.variablesRequest({ variablesReference: found.variablesReference });
  return Object.fromEntries(variables.body.variables.map((v) => [v.name, v.value]));
}

async function topLine(): Promise<number | undefined> {
  const frames = await dc.stackTraceRequest({ threadId: 1 });
  return frames.body.stackFrames[0]?.line;
}

test('initialize: conditional breakpoints, step back, the errors filter', async () => {
  const response = await dc.initializeRequest();
  assert.equal(response.body?.supportsConditionalBreakpoints, true);
  assert.equal(response.body?.supportsStepBack, true);
  assert.deepEqual(
    response.body?.exceptionBreakpointFilters?.map((f) => f.filter),
    ['errors'],
  );
});

test('stopOnEntry stops at the first step; next goes one step; the client is SYN_SENT after the SYN', async () => {
  const stopped = dc.waitForEvent('stopped');
  await launch(TCPDUMP, { stopOnEntry: true });
  assert.equal((await stopped).body.reason, 'entry');
  assert.equal(await topLine(), 7); // server listen
  const next = dc.waitForEvent('stopped');
  await dc.nextRequest({ threadId: 1 });
  assert.equal((await next).body.reason, 'step');
  assert.equal(await topLine(), 8);
  const client = await scope('client');
  assert.equal(client.state, 'SYN_SENT');
  assert.equal(client['SND.NXT'], '3626544837');
  assert.equal((await scope('server')).state, 'SYN_RECEIVED');
});

test('a breakpoint on the SYN ACK line: verified, hit, and the variables after it', async () => {
  const stopped = dc.waitForEvent('stopped');
  const set = await launch(TCPDUMP, { breakpoints: [{ line: 9 }, { line: 1 }] });
  assert.deepEqual(
    set?.body.breakpoints.map((b) => b.verified),
    [true, false],
  );
  assert.equal((await stopped).body.reason, 'breakpoint');
  assert.equal(await topLine(), 9);
  const client = await scope('client');
  assert.equal(client.state, 'ESTABLISHED');
  assert.equal(client['RCV.NXT'], '1739326487');
});

test('a conditional breakpoint stops only where its condition holds', async () => {
  const stopped = dc.waitForEvent('stopped');
  await launch(TCPDUMP, {
    breakpoints: [
      { line: 8, condition: 'client.state == ESTABLISHED' },
      { line: 10, condition: 'client.SND.NXT == 3626544837 && server.state == ESTABLISHED' },
    ],
  });
  await stopped;
  assert.equal(await topLine(), 10);
});

test('a condition that cannot be read: the breakpoint is unverified and says why', async () => {
  const set = await launch(TCPDUMP, {
    stopOnEntry: true,
    breakpoints: [{ line: 9, condition: 'client.state = CLOSED' }],
  });
  const [breakpoint] = set?.body.breakpoints ?? [];
  assert.equal(breakpoint?.verified, false);
  assert.match(breakpoint?.message ?? '', /==/);
});

test('step back and reverse continue walk the precomputed trace backwards', async () => {
  const stopped = dc.waitForEvent('stopped');
  await launch(HTTPS, { breakpoints: [{ line: 17 }, { line: 24 }] });
  await stopped;
  assert.equal(await topLine(), 17);
  let next = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  await next;
  assert.equal(await topLine(), 24);
  const tls = await scope('server');
  assert.ok('TLS' in tls);
  next = dc.waitForEvent('stopped');
  await dc.stepBackRequest({ threadId: 1 });
  await next;
  assert.equal(await topLine(), 23);
  next = dc.waitForEvent('stopped');
  await dc.reverseContinueRequest({ threadId: 1 });
  await next;
  assert.equal(await topLine(), 17);
});

test('the Call Stack is the timeline: the current step on top, the earlier ones below', async () => {
  const stopped = dc.waitForEvent('stopped');
  await launch(TCPDUMP, { breakpoints: [{ line: 10 }] });
  await stopped;
  const frames = await dc.stackTraceRequest({ threadId: 1 });
  assert.deepEqual(
    frames.body.stackFrames.map((f) => f.line),
    [10, 9, 8, 7],
  );
});

test('the errors filter stops at the first step with an error diagnostic', async () => {
  const stopped = dc.waitForEvent('stopped');
  await launch(MISTAKES, { filters: ['errors'] });
  const event = await stopped;
  assert.equal(event.body.reason, 'exception');
  assert.match(event.body.text ?? '', /.+/);
  assert.equal(await topLine(), 8);
});

test('each stop sends a handshakeStep event for the preview to follow', async () => {
  const step = dc.waitForEvent('handshakeStep');
  await launch(TCPDUMP, { stopOnEntry: true });
  const body = (await step).body as { program: string; index: number; line: number };
  assert.deepEqual(body, { program: TCPDUMP, index: 0, line: 6 });
});

test('running past the last step ends the session', async () => {
  const ended = dc.waitForEvent('terminated');
  await launch(TCPDUMP);
  await ended;
});

test('terminate while stopped', async () => {
  const stopped = dc.waitForEvent('stopped');
  await launch(TCPDUMP, { stopOnEntry: true });
  await stopped;
  const ended = dc.waitForEvent('terminated');
  await dc.terminateRequest({});
  await ended;
});

test('a program that cannot be read is an error response', async () => {
  await dc.waitForEvent('initialized', 100).catch(() => undefined);
  await assert.rejects(dc.launch({ program: resolve('examples/none.handshake') }));
});
