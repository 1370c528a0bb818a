import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { applyEdits } from '../../../src/core/text/textEdits';
import { lines } from '../../helpers';

test('a SYN ACK from an endpoint that never listened: the message says to write listen', () => {
  const text = lines(
    'endpoint client',
    'endpoint server',
    'client -> server SYN seq=x',
    'server -> client SYN ACK seq=y ack=x+1',
  );
  const [d, ...rest] = analyze(text).diagnostics;
  assert.deepEqual(rest, []);
  assert.equal(d?.code, 'HS205');
  assert.ok(
    d?.message.endsWith(
      "To accept the connection, server must listen first: write 'server listen' before line 3.",
    ),
    d?.message,
  );
  assert.match(
    analyze(text, { locale: 'zh-cn' }).diagnostics[0]?.message ?? '',
    /请在第 3 行之前写 'server listen'/,
  );
  const fixed = applyEdits(text, d?.fix?.edits ?? []);
  assert.equal(
    fixed,
    lines(
      'endpoint client',
      'endpoint server',
      'server listen',
      'client -> server SYN seq=x',
      'server -> client SYN ACK seq=y ack=x+1',
    ),
  );
  assert.deepEqual(analyze(fixed).diagnostics, []);
});
