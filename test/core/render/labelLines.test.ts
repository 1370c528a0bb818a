import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { escapeMermaid, escapeMermaidText } from '../../../src/core/render/escapeMermaid';
import { length, mermaidLines, packLines, payloadText } from '../../../src/core/render/labelLines';

test('a label that fits stays on one line', () => {
  assert.deepEqual(packLines(['SYN ACK', 'seq=y', 'ack=x+1'], 28, 3), ['SYN ACK seq=y ack=x+1']);
});

test('a long label breaks between parts, never inside a number', () => {
  assert.deepEqual(packLines(['PSH ACK', 'seq=3626544837', 'ack=1739326487'], 28, 3), [
    'PSH ACK seq=3626544837',
    'ack=1739326487',
  ]);
});

test('a part wider than a line breaks at its spaces, or is cut', () => {
  assert.deepEqual(packLines(['"GET / HTTP/1.1 Host example"'], 10, 5), [
    '"GET /',
    'HTTP/1.1',
    'Host',
    'example"',
  ]);
  assert.deepEqual(packLines(['suite=TLS_AES_128_GCM_SHA256'], 10, 5), [
    'suite=TLS_',
    'AES_128_GC',
    'M_SHA256',
  ]);
});

test('what does not fit in the lines allowed ends in an ellipsis', () => {
  assert.deepEqual(packLines(['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee'], 9, 2), [
    'aaaa bbbb',
    'cccc ddd…',
  ]);
});

test('Chinese characters count two columns, as they are drawn twice as wide', () => {
  assert.equal(length('TIME_WAIT 结束'), 14);
  assert.deepEqual(packLines(['2MSL', '之后：TIME_WAIT', '结束'], 16, 3), [
    '2MSL',
    '之后：TIME_WAIT',
    '结束',
  ]);
});

test('lines become Mermaid text joined by its line break, each escaped', () => {
  assert.equal(mermaidLines(['a;b', 'c#d']), 'a#59;b<br/>c#35;d');
});

test('a payload shows control characters as the scenario writes them', () => {
  assert.equal(payloadText('GET / HTTP/1.0\r\n\r\n', 40), '"GET / HTTP/1.0\\r\\n\\r\\n"');
  assert.equal(payloadText('\u0000\t', 40), '"\\x00\\t"');
  assert.equal(payloadText('abcdef', 4), '"abc…"');
});

test('text escaping keeps what Mermaid shows as text and codes what it would read as syntax', () => {
  assert.equal(escapeMermaidText('seq=x+1: "GET" - [ok]'), 'seq=x+1: "GET" - [ok]');
  assert.equal(escapeMermaidText('a;b#c%d<e>&f'), 'a#59;b#35;c#37;d#60;e#62;#38;f');
  assert.equal(escapeMermaidText('x\ny\u2028z'), 'x#10;y#8232;z');
  // A leading `wrap:` would turn on Mermaid's wrapping for the line.
  assert.equal(escapeMermaidText('wrap: no'), 'wrap#58; no');
  // Mermaid's C4 detector matches these anywhere in a diagram (escapeMermaid.ts).
  assert.equal(escapeMermaidText('see C4Dynamic, C4Context'), 'see C#52;Dynamic, C#52;Context');
  assert.equal(escapeMermaid('C4Deployment'), 'C#52;Deployment');
  assert.equal(escapeMermaidText('C4 model'), 'C4 model');
  assert.equal(escapeMermaidText('NoWrap:x'), 'NoWrap#58;x');
});

test('property: no line is wider than asked, at most maxLines, and nothing is lost unless cut', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 8 }),
      fc.integer({ min: 4, max: 40 }),
      fc.integer({ min: 1, max: 4 }),
      (parts, width, maxLines) => {
        const lines = packLines(parts, width, maxLines);
        assert.ok(lines.length <= maxLines);
        for (const line of lines) assert.ok(length(line) <= width, `${line} > ${width}`);
        const cut = lines.at(-1)?.endsWith('…') ?? false;
        if (!cut) {
          const words = (text: string) => text.split(' ').filter(Boolean).join('');
          assert.equal(words(lines.join(' ')), words(parts.join(' ')));
        }
      },
    ),
    { numRuns: 500, seed: 7 },
  );
});

test('Chinese breaks between characters, and a Latin word inside it stays whole', () => {
  assert.deepEqual(packLines(['证书签名验证失败：client'], 20, 3), [
    '证书签名验证失败：',
    'client',
  ]);
});
