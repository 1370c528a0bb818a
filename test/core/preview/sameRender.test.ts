import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import {
  isSameDrawing,
  isSameRender,
  type RenderMessage,
} from '../../../src/core/preview/sameRender';
import { renderMermaid } from '../../../src/core/render/mermaid';
import { traceTable } from '../../../src/core/render/traceTable';

/** The render message the host builds for a scenario. */
function renderOf(text: string, version = 1): RenderMessage {
  const analysis = analyze(text);
  const diagram = renderMermaid(analysis);
  return {
    type: 'render',
    version,
    source: diagram.text,
    messages: diagram.messages,
    rows: traceTable(analysis).rows,
    notice: '',
    problems: { errors: 0, warnings: 0 },
    resource: 'file:///work/example.handshake',
    locked: false,
  };
}

const text = readFileSync('examples/four-way-close.handshake', 'utf8');
const base = renderOf(text);

const CASES: readonly {
  name: string;
  last: RenderMessage | undefined;
  next: RenderMessage;
  same: boolean;
}[] = [
  { name: 'the first render is always sent', last: undefined, next: base, same: false },
  {
    name: 'the same text again (a save, the dirty flag) is not sent, whatever its version',
    last: base,
    next: renderOf(text, 2),
    same: true,
  },
  {
    name: 'a comment added at the end draws the same and is not sent',
    last: base,
    next: renderOf(`${text}\n# a note\n`),
    same: true,
  },
  {
    name: 'a changed diagram is sent',
    last: base,
    next: renderOf(readFileSync('examples/lost-segment.handshake', 'utf8')),
    same: false,
  },
  { name: 'a lock is sent', last: base, next: { ...base, locked: true }, same: false },
  {
    name: 'another file is sent',
    last: base,
    next: { ...base, resource: 'file:///b.handshake' },
    same: false,
  },
  {
    name: 'a new problem count is sent',
    last: base,
    next: { ...base, problems: { errors: 1, warnings: 0 } },
    same: false,
  },
  {
    name: 'a new window notice is sent',
    last: base,
    next: { ...base, notice: 'segments 1-3 of 9' },
    same: false,
  },
  {
    name: 'the same source whose arrows moved to other lines is sent',
    last: base,
    next: renderOf(`\n${text}`),
    same: false,
  },
];

for (const c of CASES) {
  test(`host render: ${c.name}`, () => {
    assert.equal(isSameRender(c.last, c.next), c.same);
  });
}

test('webview drawing: the same source and arrows are kept, other lines or sources are drawn', () => {
  assert.equal(isSameDrawing(undefined, base), false);
  const withProblems: RenderMessage = { ...base, problems: { errors: 3, warnings: 0 } };
  assert.equal(isSameDrawing(base, withProblems), true);
  assert.equal(isSameDrawing(base, { ...base, source: `${base.source}\n` }), false);
  const moved = base.messages.map((m) => ({ ...m, line: m.line + 1 }));
  assert.equal(isSameDrawing(base, { ...base, messages: moved }), false);
});
