import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayOf } from '../../../src/core/syntax/parseTls';
import { parse } from '../../../src/core/syntax/parser';
import type { TlsMessageStatement } from '../../../src/core/syntax/tlsTree';
import { lines } from '../../helpers';

function only(text: string) {
  const result = parse(lines(text));
  return { statement: result.document.statements[0], codes: result.diagnostics.map((d) => d.code) };
}

test('a TLS message: fields with comma lists, each item with its own range', () => {
  const source = 'client -> server ClientHello random=r1 versions=1.2,1.3';
  const { statement, codes } = only(source);
  assert.deepEqual(codes, []);
  const message = statement as TlsMessageStatement;
  assert.equal(message.kind, 'tls');
  assert.equal(message.message, 'ClientHello');
  const versions = message.fields.find((f) => f.name === 'versions');
  assert.deepEqual(
    versions?.items.map((i) => [i.text, source.slice(i.start, i.end)]),
    [
      ['1.2', '1.2'],
      ['1.3', '1.3'],
    ],
  );
});

test('message names in any case; a flag-like word stays a TCP segment', () => {
  assert.equal(only('a -> b clienthello random=r1').statement?.kind, 'tls');
  assert.equal(only('a -> b SYN seq=1').statement?.kind, 'segment');
  assert.equal(only('a -x b ClientHello random=r1').statement?.kind, 'segment');
});

test('forward, an alert name and application data', () => {
  const forward = only('m -> b forward Finished').statement as TlsMessageStatement;
  assert.ok(forward.forward);
  const alert = only('a -> b Alert bad_certificate').statement as TlsMessageStatement;
  assert.equal(alert.argument?.text, 'bad_certificate');
  const data = only('a -> b ApplicationData "GET / HTTP/1.1"').statement as TlsMessageStatement;
  assert.equal(data.payload?.value, 'GET / HTTP/1.1');
});

test('declarations: ca, key, cert, trust, attacker and date', () => {
  const result = parse(
    lines(
      'ca Root holder=mallory',
      'key k holder=server',
      'cert c subject=bank.example key=k issuer=Root notAfter=2027-01-01',
      'trust client Root, Other',
      'trust client any',
      'attacker mallory [::1]:443',
      'date 2026-11-26',
    ),
  );
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(
    result.document.statements.map((s) => s.kind),
    ['ca', 'key', 'cert', 'trust', 'trust', 'attacker', 'date'],
  );
});

test('errors are located and a bad line does not hide the next', () => {
  const result = parse(
    lines(
      'client -> server ClientHello random=r1 colour=red',
      'cert c subject=',
      'date 2026-13-01',
      'attacker',
      'key k holder=server',
    ),
  );
  assert.deepEqual(
    result.diagnostics.map((d) => d.code),
    ['HS601', 'HS016', 'HS605', 'HS016'],
  );
  assert.equal(result.document.statements.at(-1)?.kind, 'key');
});

test('dates are real calendar days', () => {
  assert.equal(dayOf('1970-01-02'), 1);
  assert.equal(dayOf('2026-02-29'), undefined);
  assert.equal(dayOf('2024-02-29'), 19782);
  assert.equal(dayOf('26-1-1'), undefined);
});
