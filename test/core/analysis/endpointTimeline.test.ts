import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { EndpointTimeline } from '../../../src/core/analysis/endpointTimeline';
import { DebugTrace } from '../../../src/core/debug/debugTrace';
import { stepTable, tableRow } from '../../../src/core/preview/stepTable';
import { renderMermaid } from '../../../src/core/render/mermaid';
import { formatValue, type SeqValue } from '../../../src/core/tcp/seqValue';
import { lines } from '../../helpers';

const EXAMPLES = readdirSync('examples')
  .filter((name) => name.endsWith('.handshake'))
  .map((name) => ({ name, text: readFileSync(`examples/${name}`, 'utf8') }));

const shown = (v: SeqValue | undefined) => (v === undefined ? '' : formatValue(v));

describe('one source: the timeline table and the Variables view agree at every arrow', () => {
  for (const { name, text } of EXAMPLES) {
    test(name, () => {
      const analysis = analyze(text);
      const arrows = renderMermaid(analysis).messages.map((m) => m.line);
      const table = stepTable(analysis, arrows);
      const debug = new DebugTrace(text, analysis);
      // Each drawn arrow is a stop of the debugger on the same line, in the same order.
      const stops = debug.stops.filter((s) => s.step.kind === 'segment' || s.step.kind === 'tls');
      assert.equal(table.length, stops.length);
      table.forEach((entry, i) => {
        const stop = stops[i];
        assert.ok(stop);
        assert.equal(entry.line, stop.line);
        const variables = debug.endpoints.map((e) => tableRow(debug.tcp(stop.index, e)));
        assert.deepEqual(entry.endpoints, variables, `line ${entry.line + 1}`);
      });
    });
  }
});

describe('the endpoints after a step', () => {
  test('a ~> segment tells of its sender from its own line, before it arrives', () => {
    const text = lines(
      'endpoint a 10.0.0.1:1',
      'endpoint b 10.0.0.2:2',
      'b listen',
      'a -> b SYN seq=100',
      'b -> a SYN ACK seq=500 ack=101',
      'a -> b ACK seq=101 ack=501',
      'a ~> b PSH ACK seq=101 ack=501 len=10 as d1',
      'b -> a ACK seq=501 ack=101 win=9',
      'deliver d1',
    );
    const timeline = new EndpointTimeline(analyze(text).trace);
    const a = (index: number) => timeline.after(index).find((e) => e.endpoint === 'a');
    // Step 4 is b's ACK on line 8: a has sent d1 (line 7), still unacknowledged.
    assert.equal(shown(a(4)?.sndNxt), '111');
    assert.deepEqual(
      a(4)?.inFlight.map((s) => shown(s.seq)),
      ['101'],
    );
    assert.equal(a(4)?.sndWnd, 9);
    // Before d1's line, a had sent nothing more.
    assert.equal(shown(a(3)?.sndNxt), '101');
  });

  test('before any step every endpoint is CLOSED with nothing known', () => {
    const timeline = new EndpointTimeline(analyze(EXAMPLES[0]?.text ?? '').trace);
    for (const e of timeline.after(-1)) {
      assert.equal(e.state, 'CLOSED');
      assert.equal(e.sndNxt, undefined);
      assert.deepEqual(e.inFlight, []);
    }
    assert.deepEqual(new EndpointTimeline(analyze('').trace).after(5), []);
  });

  test('stepping back, across saved walks, gives what stepping forward gave', () => {
    const data = Array.from(
      { length: 600 },
      (_, i) => `a -> b PSH ACK seq=${101 + i * 10} ack=501 len=10`,
    );
    const text = lines(
      'endpoint a 10.0.0.1:1',
      'endpoint b 10.0.0.2:2',
      'b listen',
      'a -> b SYN seq=100',
      'b -> a SYN ACK seq=500 ack=101',
      ...data,
      'b -> a ACK seq=501 ack=6101',
    );
    const trace = analyze(text).trace;
    const forward = new EndpointTimeline(trace);
    const seen = trace.steps.map((_, i) => forward.after(i).map(tableRow));
    const backward = new EndpointTimeline(trace);
    for (let i = trace.steps.length - 1; i >= 0; i -= 7) {
      assert.deepEqual(backward.after(i).map(tableRow), seen[i], `step ${i}`);
    }
    assert.equal(seen[trace.steps.length - 2]?.[0]?.inFlight, 600);
    assert.equal(seen[trace.steps.length - 1]?.[0]?.inFlight, 0);
  });
});
