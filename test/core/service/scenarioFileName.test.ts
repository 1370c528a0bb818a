import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  numberedFileName,
  scenarioFileName,
  scenarioSlug,
} from '../../../src/core/service/scenarioFileName';
import { MISTAKE_TEMPLATE, TEMPLATES } from '../../../src/core/service/templates';

const SLUGS: readonly [title: string, slug: string][] = [
  ['Four-way close', 'four-way-close'],
  ['HTTPS handshake', 'https-handshake'],
  ['Man in the middle', 'man-in-the-middle'],
  ['  Three-way   handshake!  ', 'three-way-handshake'],
  ['SYN/ACK: "lost" (again)?', 'syn-ack-lost-again'],
  ['Café crème', 'café-crème'],
  ['三次握手', '三次握手'],
  ['TCP 三次握手：第一次', 'tcp-三次握手-第一次'],
  ['RFC 9293 §3.5', 'rfc-9293-3-5'],
  ['../../etc/passwd', 'etc-passwd'],
  ['!!! ???', ''],
  ['', ''],
  ['CON', 'con-scenario'],
];

for (const [title, slug] of SLUGS) {
  test(`the slug of ${JSON.stringify(title)} is ${JSON.stringify(slug)}`, () => {
    assert.equal(scenarioSlug(title), slug);
  });
}

test('a slug is cut between words at 60 characters', () => {
  const slug = scenarioSlug('segment '.repeat(20));
  assert.ok(slug.length <= 60, slug);
  assert.match(slug, /^segment(-segment)*$/);
  assert.equal([...scenarioSlug('握'.repeat(100))].length, 60);
});

test('the file name comes from the scenario title, or is scenario.handshake', () => {
  assert.equal(
    scenarioFileName('scenario "Four-way close"\nendpoint a\n'),
    'four-way-close.handshake',
  );
  assert.equal(scenarioFileName('# notes\nscenario "三次握手"\n'), '三次握手.handshake');
  assert.equal(scenarioFileName('scenario "???"\n'), 'scenario.handshake');
  assert.equal(scenarioFileName('endpoint a\nendpoint b\n'), 'scenario.handshake');
});

test('every template proposes its own file name, never the first line', () => {
  const names = [...TEMPLATES, MISTAKE_TEMPLATE].map((t) => scenarioFileName(t.text));
  assert.deepEqual(names, [
    'new-scenario.handshake',
    'three-way-handshake.handshake',
    'four-way-close.handshake',
    'simultaneous-open.handshake',
    'connection-refused.handshake',
    'https-handshake.handshake',
    'man-in-the-middle.handshake',
    'find-the-mistake.handshake',
  ]);
});

test('numbered names for when the first are taken', () => {
  assert.equal(numberedFileName('four-way-close.handshake', 1), 'four-way-close.handshake');
  assert.equal(numberedFileName('four-way-close.handshake', 2), 'four-way-close-2.handshake');
  assert.equal(numberedFileName('三次握手.handshake', 3), '三次握手-3.handshake');
});
