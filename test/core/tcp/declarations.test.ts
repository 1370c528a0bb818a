import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../../../src/core/syntax/parser';
import { simulate } from '../../../src/core/tcp/simulate';
import type { ScenarioDocument } from '../../../src/core/syntax/tree';

/** A scenario that uses `client` and `server` on every line and never declares them. */
function undeclared(segments: number): string {
  const lines = ['server listen'];
  for (let i = 0; i < segments; i++) lines.push(`client -> server  SYN  seq=${i}`);
  return lines.join('\n');
}

/**
 * Simulates `text` and counts how often the engine reads a statement of the tree: the work
 * done per line, whatever the machine's speed.
 */
function statementReads(text: string): { reads: number; fixes: number } {
  const document = parse(text).document;
  let reads = 0;
  const statements = new Proxy(document.statements as object[], {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  const counted = { ...document, statements } as unknown as ScenarioDocument;
  const fixes = simulate(counted).diagnostics.filter((d) => d.fix).length;
  return { reads, fixes };
}

test('undeclared endpoints: the "declare it" fix costs the same on every line (linear)', () => {
  const small = statementReads(undeclared(200));
  const large = statementReads(undeclared(2000));
  assert.ok(small.fixes >= 200, `a fix per use: ${small.fixes}`);
  // Ten times the lines, about ten times the reads: a scan of the whole tree per use would be
  // a hundred times.
  assert.ok(
    large.reads <= small.reads * 12,
    `reads grow from ${small.reads} to ${large.reads} for 10× the lines`,
  );
});

test('the fix declares the endpoint after the last declaration, or before the first line', () => {
  const before = simulate(parse('server listen\nclient -> server SYN seq=1').document);
  const edit = before.diagnostics.find((d) => d.fix)?.fix?.edits[0];
  assert.deepEqual(edit, { span: { start: 0, end: 0 }, newText: 'endpoint server\n' });
  const text = 'endpoint server\nserver listen\nclient -> server SYN seq=1';
  const after = simulate(parse(text).document).diagnostics.find((d) => d.fix)?.fix?.edits[0];
  assert.deepEqual(after, { span: { start: 15, end: 15 }, newText: '\nendpoint client' });
});
