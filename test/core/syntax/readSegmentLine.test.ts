import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { fastReading } from '../../../src/core/syntax/parseSegment';
import { parse, type ParseResult } from '../../../src/core/syntax/parser';
import type { SegmentStatement, Statement } from '../../../src/core/syntax/tree';
import { generateScenario, NUMBERINGS } from '../../support/generateScenario';

/**
 * The fast reading of segment lines (readSegmentLine.ts) must give exactly the tree and the
 * diagnostics of the token parser, which stays the reference: every segment's facts, span,
 * nodes (built on demand) and every diagnostic are compared with the fast reader on and off.
 */

function segmentsOf(statements: readonly Statement[]): SegmentStatement[] {
  return statements.flatMap((s) =>
    s.kind === 'segment' ? [s] : s.kind === 'simultaneous' ? [...s.segments] : [],
  );
}

function describeSegment(s: SegmentStatement): unknown {
  return {
    span: [s.start, s.end],
    facts: [
      s.fromText,
      s.toText,
      s.flagBits,
      s.flagCount,
      s.seqSymbol,
      s.seqOffset,
      s.ackSymbol,
      s.ackOffset,
      s.winValue,
      s.lenValue,
      s.payloadBytes,
    ],
    lost: s.lost,
    broken: s.broken,
    nodes: [
      s.keywordSpan,
      s.from,
      s.to,
      s.arrow,
      s.flags,
      s.flagsSpan,
      s.seq,
      s.ack,
      s.win,
      s.len,
      s.payload,
    ],
    capture: [s.captureFrame, s.captureSeconds, s.captureWscale, s.capture],
  };
}

function describeParse(result: ParseResult): unknown {
  return {
    kinds: result.document.statements.map((s) => [s.kind, s.start, s.end]),
    segments: segmentsOf(result.document.statements).map(describeSegment),
    diagnostics: result.diagnostics,
  };
}

function parseBothWays(text: string): { fast: unknown; slow: unknown } {
  const fast = describeParse(parse(text));
  fastReading.on = false;
  try {
    return { fast, slow: describeParse(parse(text)) };
  } finally {
    fastReading.on = true;
  }
}

function assertSameBothWays(text: string): void {
  const { fast, slow } = parseBothWays(text);
  assert.deepStrictEqual(fast, slow, text);
}

test('the fast reading of segment lines gives the token parser’s tree on generated scenarios', () => {
  for (const numbering of NUMBERINGS) {
    for (const wrap of [false, true]) {
      assertSameBothWays(generateScenario({ seed: 7, segments: 300, numbering, wrap }).text);
    }
  }
});

test('the fast reading gives the token parser’s tree on the examples', () => {
  const folder = 'examples';
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.handshake'))) {
    assertSameBothWays(readFileSync(join(folder, file), 'utf8'));
  }
});

test('the fast reading leaves unusual and broken lines to the token parser', () => {
  const lines = [
    'a -> b SYN seq=x + 1',
    'a -> b SYN seq = 5',
    'a -> b SYN =',
    'a -> b SYN seq=x +1 ack=y',
    'a -> b SYN seq=x-x',
    'a -> b SYN SYN seq=1',
    'a -> b syn,ack+psh seq=1 ack=2 win=3 len=4 # note',
    'a -> b ACK seq=1 // note',
    'a -> b ACK seq=1 # frame 3 t=0.5 [TCP Dup ACK 2#1]',
    'a -> b SYN seq=1 as s1 # frame 3 t=0.5 mss=1460 wscale=7 sack_perm',
    'a -> b ACK seq=1 junk # frame 3 t=0.5',
    'a -> b ACK seq=x+ # frame 3 t=0.5',
    'a -> b ACK seq=1 # frame 3t=0.5',
    'a -> b ACK seq=1 seq=2',
    'a -> b ACK SEQ=1',
    'a -> b ACK seq=5a',
    'a -> b ACK seq=10.0',
    'a -> b ACK seq=99999999999999999999',
    'a -x b ACK "x" "y"',
    'a -> b ACK "\\x4g"',
    'a -> b ACK "unterminated',
    'a -> b ACK "é🤝\\x00\\"\\\\"',
    'a -> b ACK\r',
    'a -> seq=1',
    'a -> b FOO',
    'a -> b ACK }',
    'a -> b. ACK',
    'a -> b ACK seq=x-',
    'a -> b ACK seq=x-1-2',
    'a -> b ACK seq=4294967296',
    'a -> b',
    'a ->',
    'a -> b ACK len=',
    'a -> b ACK win=70000 len=1073741825',
    'a -> b\uFEFFACK',
  ];
  for (const line of lines) assertSameBothWays(`endpoint a\nendpoint b\n${line}\n`);
});

test('the fast reading agrees with the token parser on arbitrary segment lines', () => {
  const piece = fc.constantFrom(
    ' ',
    '  ',
    '\t',
    'SYN',
    'ack',
    'FIN',
    'Psh',
    'RST',
    'FOO',
    ',',
    '+',
    '-',
    '=',
    'seq=',
    'ack=',
    'win=',
    'len=',
    'x',
    'y1',
    '1',
    '4294967295',
    '"hi"',
    '"\\n"',
    '"é',
    '#',
    '//',
    '/',
    '.',
    ':',
    '}',
    '-x',
    '->',
    '\r',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 14 }), fc.boolean(), (pieces, lost) => {
      assertSameBothWays(`a ${lost ? '-x' : '->'} b ${pieces.join('')}\na -> ${pieces.join('')}`);
    }),
    { numRuns: 3000, seed: 4242 },
  );
});
