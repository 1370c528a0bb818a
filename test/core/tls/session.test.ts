import assert from 'node:assert/strict';
import { test } from 'node:test';
import { transcriptEntryOf, type Content } from '../../../src/core/tls/session';

const hello: Content = {
  message: 'ClientHello',
  fields: new Map([
    ['sni', 'bank.example'],
    ['random', 'r1'],
  ]),
};

test('a transcript entry keeps the fields sorted by name, whatever order they were written in', () => {
  assert.deepEqual(transcriptEntryOf(hello, 'client', 1), {
    type: 'ClientHello',
    sender: 'client',
    session: 1,
    fields: [
      { name: 'random', value: 'r1' },
      { name: 'sni', value: 'bank.example' },
    ],
  });
});

test('a Finished entry records the MAC’s secret and how many entries it covers', () => {
  const earlier = transcriptEntryOf(hello, 'client', 1);
  const withSecret: Content = {
    message: 'Finished',
    fields: new Map(),
    finished: { author: 'client', master: 'm', transcript: [earlier, earlier] },
  };
  assert.deepEqual(transcriptEntryOf(withSecret, 'client', 1).mac, { master: 'm', covers: 2 });
  const without: Content = {
    message: 'Finished',
    fields: new Map(),
    finished: { author: 'client', transcript: [] },
  };
  assert.deepEqual(transcriptEntryOf(without, 'client', 1).mac, { covers: 0 });
});
