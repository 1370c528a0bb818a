import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEYWORDS, parse } from '../../../src/core/syntax/parser';
import {
  isTlsDeclarationKind,
  isTlsStatement,
  TLS_DECLARATION_KINDS,
} from '../../../src/core/syntax/tlsTree';
import { lines } from '../../helpers';

test('the TLS declarations are ca, key, cert, trust, attacker and date, in that order', () => {
  assert.deepEqual(TLS_DECLARATION_KINDS, ['ca', 'key', 'cert', 'trust', 'attacker', 'date']);
});

test('every TLS declaration kind is a keyword of the language', () => {
  for (const kind of TLS_DECLARATION_KINDS) {
    assert.ok((KEYWORDS as readonly string[]).includes(kind), kind);
    assert.equal(isTlsDeclarationKind(kind), true);
  }
  assert.equal(isTlsDeclarationKind('tls'), false);
  assert.equal(isTlsDeclarationKind('endpoint'), false);
  assert.equal(isTlsDeclarationKind('constructor'), false);
});

test('each declaration keyword begins a statement of that kind, which is a TLS statement', () => {
  const { document } = parse(
    lines(
      'endpoint client',
      'endpoint server',
      'ca root',
      'key k holder=server',
      'cert c subject=example.org key=k issuer=root',
      'trust client root',
      'attacker mallory',
      'date 2025-01-01',
      'client -> server ClientHello random=r1',
      'client -> server SYN seq=x',
    ),
  );
  const kinds = document.statements.map((s) => s.kind);
  assert.deepEqual(kinds.slice(2, 8), TLS_DECLARATION_KINDS);
  assert.deepEqual(document.statements.map(isTlsStatement), [
    false,
    false,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    false,
  ]);
});
