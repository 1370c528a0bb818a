import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, open, waitFor } from './helpers';

/** What the adapter's `handshakeStep` event carries at every stop (0-based line). */
interface StepBody {
  readonly program: string;
  readonly index: number;
  readonly line: number;
}

suite('Handshake debugger in the extension host', () => {
  suiteSetup(activate);

  test('a breakpoint on the SYN ACK line stops there; Variables show SND.NXT; Step Over moves on', async () => {
    const document = await open('tcpdump-handshake.handshake');
    const line = [...Array(document.lineCount).keys()].find((i) =>
      /^server -> client\s+SYN ACK/.test(document.lineAt(i).text),
    );
    assert.ok(line !== undefined, 'the example has a SYN ACK line');
    const breakpoint = new vscode.SourceBreakpoint(
      new vscode.Location(document.uri, new vscode.Position(line, 0)),
    );
    vscode.debug.addBreakpoints([breakpoint]);
    const steps: StepBody[] = [];
    const events = vscode.debug.onDidReceiveDebugSessionCustomEvent((event) => {
      if (event.event === 'handshakeStep') steps.push(event.body as StepBody);
    });
    try {
      const started = await vscode.debug.startDebugging(undefined, {
        type: 'handshake',
        request: 'launch',
        name: 'Debug the tcpdump example',
        program: document.uri.fsPath,
      });
      assert.ok(started, 'the session starts');
      await waitFor(() => steps.find((s) => s.line === line), 'a stop on the SYN ACK line');
      const session = vscode.debug.activeDebugSession;
      assert.ok(session && session.type === 'handshake');
      const stack = (await session.customRequest('stackTrace', { threadId: 1 })) as {
        stackFrames: { id: number; line: number }[];
      };
      const top = stack.stackFrames[0];
      assert.ok(top);
      assert.strictEqual(top.line, line + 1);
      const { scopes } = (await session.customRequest('scopes', { frameId: top.id })) as {
        scopes: { name: string; variablesReference: number }[];
      };
      const client = scopes.find((s) => s.name === 'client');
      assert.ok(client, scopes.map((s) => s.name).join(', '));
      const { variables } = (await session.customRequest('variables', {
        variablesReference: client.variablesReference,
      })) as { variables: { name: string; value: string }[] };
      const sndNxt = variables.find((v) => v.name === 'SND.NXT');
      // The client's SYN took 3626544836: SND.NXT is ISS+1.
      assert.strictEqual(sndNxt?.value, '3626544837', JSON.stringify(variables));
      const before = steps.length;
      await session.customRequest('next', { threadId: 1 });
      const next = await waitFor(
        () => (steps.length > before ? steps[steps.length - 1] : undefined),
        'a stop after Step Over',
      );
      assert.ok(next.line > line, `Step Over went from line ${line + 1} to ${next.line + 1}`);
      await vscode.debug.stopDebugging(session);
    } finally {
      events.dispose();
      vscode.debug.removeBreakpoints([breakpoint]);
    }
  });
});
