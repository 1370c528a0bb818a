import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../../../src/core/syntax/parser';
import type { SegmentStatement } from '../../../src/core/syntax/tree';

/** The flags and diagnostics of a segment line after two declarations. */
function read(line: string): { flags: string[]; codes: string[] } {
  const { document, diagnostics } = parse(`endpoint a\nendpoint b\n${line}\n`);
  const segment = document.statements.find((s): s is SegmentStatement => s.kind === 'segment');
  return {
    flags: (segment?.flags ?? []).map((f) => f.flag),
    codes: diagnostics.map((d) => d.code),
  };
}

test('SYN/ACK and SYN-ACK join two flags; a / or - elsewhere is not a flag separator', () => {
  assert.deepEqual(read('a -> b SYN/ACK seq=1 ack=2'), { flags: ['SYN', 'ACK'], codes: [] });
  assert.deepEqual(read('a -> b SYN-ACK seq=1 ack=2'), { flags: ['SYN', 'ACK'], codes: [] });
  assert.notDeepEqual(read('a -> b SYN / ACK seq=1').codes, []);
});

test('flags written as bits: =1 sets, =0 does not; ACK= is a bit only beside another bit', () => {
  assert.deepEqual(read('a -> b SYN=1 ACK=1 seq=1 ack=2'), { flags: ['SYN', 'ACK'], codes: [] });
  assert.deepEqual(read('a -> b ACK=1 FIN=0 SYN=1 seq=1 ack=2'), {
    flags: ['ACK', 'SYN'],
    codes: [],
  });
  // Alone, ACK= is the acknowledgment number, in any case.
  assert.deepEqual(read('a -> b ACK seq=1 ACK=1').flags, ['ACK']);
  assert.deepEqual(read('a -> b SYN=2 seq=1').codes, ['HS007']);
});

test("the notes' lower-case bits: ack=1 after another bit is the flag when ack= comes again", () => {
  assert.deepEqual(read('a -> b syn=1,ack=1 seq=1 ack=2'), { flags: ['SYN', 'ACK'], codes: [] });
  // Without a second ack=, or first on the line, lower-case ack= stays the number.
  assert.deepEqual(read('a -> b syn=1 ack=1 seq=1').flags, ['SYN']);
  assert.deepEqual(read('a -> b ack=1 syn=1 seq=1 ack=2'), { flags: ['SYN'], codes: ['HS008'] });
});
