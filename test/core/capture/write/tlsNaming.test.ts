import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TlsNaming, valueName } from '../../../../src/core/capture/write/tlsNaming';

test('names are words of the language, unique in the file', () => {
  const naming = new TlsNaming();
  assert.equal(naming.unique('shop.example', '_cert'), 'shop_example_cert');
  assert.equal(naming.unique('shop.example', '_cert'), 'shop_example_cert2');
  assert.equal(naming.unique('*.cdn.example', '_key'), 'cdn_example_key');
  assert.equal(naming.unique('1-800.example', '_key'), 'n_1_800_example_key');
});

test('one CA per issuer; a name that already ends in CA gets no second one', () => {
  const naming = new TlsNaming();
  assert.deepEqual(naming.ca('CN=Let’s Encrypt R3', 'R3'), { name: 'r3_ca', fresh: true });
  assert.deepEqual(naming.ca('CN=Let’s Encrypt R3', 'R3'), { name: 'r3_ca', fresh: false });
  assert.deepEqual(naming.ca('CN=Handshake Test CA', 'Handshake Test CA'), {
    name: 'handshake_test_ca',
    fresh: true,
  });
});

test('values are named after their bytes', () => {
  assert.equal(valueName('r', '2f00c786'), 'r_2f00c786');
  assert.equal(valueName('ks', ''), 'ks_0');
});
