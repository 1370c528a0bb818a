import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { applyEdits } from '../../../src/core/text/textEdits';
import { definition, prepareRename, references, rename } from '../../../src/core/service/names';

const text = readFileSync('examples/four-way-close.handshake', 'utf8');
const document = analyze(text).document;
const at = (needle: string, nth = 0) => {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, needle);
  return index;
};

/** The expected rename: every match outside comments. */
function outsideComments(source: string, pattern: RegExp, replacement: string): string {
  return source
    .split('\n')
    .map((line) => {
      const hash = line.indexOf('#');
      const code = hash < 0 ? line : line.slice(0, hash);
      return code.replace(pattern, replacement) + (hash < 0 ? '' : line.slice(hash));
    })
    .join('\n');
}

test('references of an endpoint: its declaration and every use', () => {
  const found = references(document, at('server ->'));
  assert.equal(found.filter((o) => o.declaration).length, 1);
  assert.equal(found.length, 1 + 1 + 9 + 3); // endpoint, listen, 9 segments, 3 expects
  assert.ok(found.every((o) => text.slice(o.span.start, o.span.end) === 'server'));
});

test('definition of an endpoint is its endpoint statement', () => {
  const found = definition(document, at('client ->', 3));
  assert.equal(found?.span.start, at('endpoint client') + 'endpoint '.length);
});

test('definition of a symbol is its first use in a seq=, or its let', () => {
  assert.equal(definition(document, at('ack=x+1') + 4)?.span.start, at('seq=x') + 4);
  const withLet = analyze(
    'let x = 5\nendpoint a\nendpoint b\nb listen\na -> b SYN seq=x\n',
  ).document;
  assert.equal(
    definition(withLet, 'let x = 5\nendpoint a\nendpoint b\nb listen\na -> b SYN seq='.length)?.span
      .start,
    4,
  );
});

test('rename changes every occurrence and nothing else, and the scenario still checks', () => {
  const result = rename(document, at('client ->'), 'browser');
  assert.ok(result.ok);
  if (!result.ok) return;
  const renamed = applyEdits(text, result.edits);
  assert.equal(renamed, outsideComments(text, /\bclient\b/g, 'browser'));
  assert.deepEqual(analyze(renamed).diagnostics, []);
});

test('rename to a name in Chinese: every occurrence, and the scenario still checks', () => {
  const result = rename(document, at('client ->'), '客户端');
  assert.ok(result.ok);
  if (!result.ok) return;
  const renamed = applyEdits(text, result.edits);
  assert.equal(renamed, outsideComments(text, /\bclient\b/g, '客户端'));
  assert.deepEqual(analyze(renamed).diagnostics, []);
});

test('rename of a symbol', () => {
  const result = rename(document, at('ack=y+1') + 4, 'isn_server');
  assert.ok(result.ok);
  if (!result.ok) return;
  const renamed = applyEdits(text, result.edits);
  assert.equal(renamed, outsideComments(text, /\by\b/g, 'isn_server'));
  assert.deepEqual(analyze(renamed).diagnostics, []);
});

test('rename refuses keywords, flags, bad names and names in use', () => {
  const offset = at('client ->');
  for (const [name, reason] of [
    ['expect', /keyword/],
    ['SYN', /flag or state/],
    ['2x', /not a name/],
    ['客户 端', /not a name/],
    ['ｃｌｉｅｎｔ', /not a name/],
    ['server', /already used/],
  ] as const) {
    const result = rename(document, offset, name);
    assert.equal(result.ok, false, name);
    if (!result.ok) assert.match(result.reason, reason);
  }
});

test('prepareRename: only names can be renamed', () => {
  assert.deepEqual(prepareRename(document, at('client ->')), {
    span: { start: at('client ->'), end: at('client ->') + 6 },
    text: 'client',
  });
  assert.ok('reason' in prepareRename(document, at('SYN ACK')));
});

test('rename refuses the words that mean something where a name stands', () => {
  // Renaming the CA to `any` would turn `trust client DigiCert` into `trust client any`.
  const tls = readFileSync('examples/mitm-trusted-attacker-ca.handshake', 'utf8');
  const tree = analyze(tls).document;
  const offset = tls.indexOf('ca DigiCert') + 3;
  const prepared = prepareRename(tree, offset);
  assert.equal('text' in prepared ? prepared.text : prepared.reason, 'DigiCert');
  for (const word of ['any', 'self', 'as', 'again', 'forward', 'listen', 'close']) {
    const result = rename(tree, offset, word);
    assert.equal(result.ok, false, word);
    if (!result.ok) assert.match(result.reason, /keyword/, word);
  }
  assert.ok(rename(tree, offset, 'GlobalSign').ok);
});
