import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { applyEdits } from '../../../src/core/text/textEdits';
import { references, rename } from '../../../src/core/service/names';
import { parse } from '../../../src/core/syntax/parser';

const FORGED = readFileSync('examples/mitm-replaced-key.handshake', 'utf8');

/** Renames the name that starts `into` characters after `needle`. */
function renamed(text: string, needle: string, to: string, into = 0): string {
  const result = rename(parse(text).document, text.indexOf(needle) + into, to);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return applyEdits(text, result.edits);
}

test('renaming an endpoint renames it in TLS messages, trust and holder= too', () => {
  const text = renamed(FORGED, 'endpoint client', 'alice', 9);
  const code = text.split('\n').filter((line) => !line.startsWith('#'));
  assert.deepEqual(
    code.filter((line) => /\bclient\b/.test(line)),
    [],
  );
  assert.match(text, /trust alice DigiCert/);
  assert.match(text, /alice -> mallory {2}ClientHello/);
  const after = analyze(text).diagnostics.map((d) => d.code);
  assert.deepEqual(
    after,
    analyze(FORGED).diagnostics.map((d) => d.code),
  );
});

test('renaming the attacker renames its declaration and holder=', () => {
  const text = renamed(FORGED, 'attacker mallory', 'eve', 9);
  assert.match(text, /attacker eve/);
  assert.match(text, /key mallory_key holder=eve/);
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    ['HS613'],
  );
});

test('a certificate, a key and a CA rename everywhere they are used', () => {
  let text = renamed(FORGED, 'bank_cert subject', 'real');
  assert.match(text, /cert forged from=real/);
  assert.match(text, /Certificate cert=real/);
  text = renamed(text, 'ca DigiCert', 'Root', 3);
  assert.match(text, /trust client Root/);
  assert.match(text, /issuer=Root/);
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    ['HS613'],
  );
});

test('a random is one name across the hellos that carry it', () => {
  const text = FORGED;
  const found = references(parse(text).document, text.indexOf('random=r1') + 8);
  assert.equal(found.length, 1);
  assert.equal(found[0]?.kind, 'secret');
});
