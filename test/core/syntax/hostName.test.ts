import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { parse } from '../../../src/core/syntax/parser';
import type { TlsMessageStatement } from '../../../src/core/syntax/tlsTree';
import { applyEdits } from '../../../src/core/text/textEdits';
import { lines } from '../../helpers';
import { HELLO, KEY_EXCHANGE, pki } from '../check/tlsCodeCases';

test('a URL where the host name goes is read as the host name, with one error and its fix', () => {
  for (const url of [
    'https://bank.example',
    'http://bank.example/',
    'https://bank.example:443/login?x=1',
    'HTTPS://user@bank.example',
  ]) {
    const result = parse(lines(`client -> server ClientHello random=r1 sni=${url}`));
    const hello = result.document.statements[0] as TlsMessageStatement;
    const sni = hello.fields.find((f) => f.name === 'sni');
    assert.equal(sni?.value, 'bank.example', url);
    assert.deepEqual(
      result.diagnostics.map((d) => d.code),
      ['HS605'],
      url,
    );
    assert.deepEqual(result.diagnostics[0]?.fix?.edits[0]?.newText, 'bank.example', url);
  }
});

test('the whole handshake: only that error; the name check compares bank.example', () => {
  const text = lines(...pki(), ...HELLO, ...KEY_EXCHANGE).replace(
    'sni=bank.example',
    'sni=https://bank.example',
  );
  const analysis = analyze(text);
  assert.deepEqual(
    analysis.diagnostics.map((d) => d.code),
    ['HS605'],
  );
  assert.equal(
    analysis.diagnostics[0]?.message,
    "'https://bank.example' is not a known host name: expected bank.example, the host name without https://: sni= names a host, not a URL.",
  );
  const fixed = applyEdits(text, analysis.diagnostics[0]?.fix?.edits ?? []);
  assert.equal(fixed, lines(...pki(), ...HELLO, ...KEY_EXCHANGE));
  assert.match(
    analyze(text, { locale: 'zh-cn' }).diagnostics[0]?.message ?? '',
    /不带 https:\/\/ 的主机名/,
  );
});

test('a certificate’s subject too; other fields and a URL after a blank are left alone', () => {
  const cert = parse(lines('cert c subject=https://bank.example key=k issuer=CA'));
  assert.deepEqual(
    cert.diagnostics.map((d) => d.code),
    ['HS605'],
  );
  // `sni= https://...`: the blank makes it a comment, as // always is; the value is missing.
  const apart = parse(lines('client -> server ClientHello random=r1 sni= https://bank.example'));
  assert.ok(!apart.diagnostics.some((d) => d.code === 'HS605'));
});
