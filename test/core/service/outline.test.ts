import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { foldingRanges } from '../../../src/core/service/folding';
import { outline, type OutlineSymbol } from '../../../src/core/service/outline';

const shape = (symbols: readonly OutlineSymbol[]): unknown =>
  symbols.map((s) =>
    s.children.length ? { [`${s.kind} ${s.name}`]: shape(s.children) } : `${s.kind} ${s.name}`,
  );

test('the outline shows the scenario, its endpoints, symbols and phases with their segments', () => {
  const analysis = analyze(readFileSync('examples/four-way-close.handshake', 'utf8'));
  assert.deepEqual(shape(outline(analysis)), [
    {
      'scenario Three-way handshake and four-way close': [
        'endpoint client',
        'endpoint server',
        'symbol x',
        'symbol y',
        {
          'phase Three-way handshake': [
            'segment client → server',
            'segment server → client',
            'segment client → server',
          ],
        },
        { 'phase Data transfer': ['segment client → server', 'segment server → client'] },
        {
          'phase Connection close': [
            'segment client → server',
            'segment server → client',
            'segment server → client',
            'segment client → server',
          ],
        },
      ],
    },
  ]);
});

test('without a scenario line the outline is flat', () => {
  const analysis = analyze('endpoint a\nendpoint b\nb listen\na -> b SYN seq=1\n');
  assert.deepEqual(
    shape(outline(analysis)),
    [
      'endpoint a',
      'endpoint b',
      'symbol a',
      { 'phase Three-way handshake': ['segment a → b'] },
    ].filter((s) => s !== 'symbol a'),
  );
});

test('folding: phases, simultaneous blocks and comment runs', () => {
  const analysis = analyze(readFileSync('examples/simultaneous-close.handshake', 'utf8'));
  const ranges = foldingRanges(analysis).map(
    (r) => `${r.startLine + 1}-${r.endLine + 1}${r.kind ? ` ${r.kind}` : ''}`,
  );
  assert.deepEqual(ranges, ['1-2 comment', '8-10 region', '12-15', '13-21 region', '19-22']);
});

test('the outline lists keys and certificates, and each TLS handshake with its messages', () => {
  const [scenario] = outline(analyze(readFileSync('examples/mitm-replaced-key.handshake', 'utf8')));
  const names = scenario?.children.map((c) => `${c.kind}:${c.name}`) ?? [];
  assert.ok(names.includes('certificate:forged'));
  const handshakes = scenario?.children.filter((c) => c.name.startsWith('TLS handshake')) ?? [];
  assert.deepEqual(
    handshakes.map((h) => `${h.name} (${h.detail})`),
    [
      'TLS handshake client → mallory (TLS 1.2, 5 messages)',
      'TLS handshake mallory → server (TLS 1.2, 4 messages)',
    ],
  );
  assert.equal(handshakes[1]?.children[0]?.detail, 'forward ClientHello');
});
