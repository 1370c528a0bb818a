import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { formatDocument } from '../../../src/core/format/format';
import { rename } from '../../../src/core/service/names';
import { alignRename } from '../../../src/core/service/renameAligned';
import { applyEdits } from '../../../src/core/text/textEdits';

/** `text` after renaming the endpoint `name` to `newName`, re-aligned. */
function renamed(text: string, name: string, newName: string): string {
  const at = text.indexOf(`endpoint ${name}`);
  assert.ok(at >= 0, name);
  const result = rename(analyze(text).document, at + 'endpoint '.length, newName);
  assert.ok(result.ok);
  if (!result.ok) return text;
  return applyEdits(text, alignRename(text, result.edits));
}

const isFormatted = (text: string) => formatDocument(text).length === 0;

const FORMATTED = [
  'endpoint client 10.0.0.1:50000',
  'endpoint server 10.0.0.2:80',
  '',
  'server listen',
  'client -> server  SYN      seq=x',
  'server -> client  SYN ACK  seq=y    ack=x+1',
  'client -> server  ACK      seq=x+1  ack=y+1',
  'expect client ESTABLISHED',
  '',
].join('\n');

test('renaming client to c in a formatted scenario gives a formatted scenario', () => {
  assert.ok(isFormatted(FORMATTED));
  const result = renamed(FORMATTED, 'client', 'c');
  assert.equal(
    result,
    [
      'endpoint c 10.0.0.1:50000',
      'endpoint server 10.0.0.2:80',
      '',
      'server listen',
      'c      -> server  SYN      seq=x',
      'server -> c       SYN ACK  seq=y    ack=x+1',
      'c      -> server  ACK      seq=x+1  ack=y+1',
      'expect c ESTABLISHED',
      '',
    ].join('\n'),
  );
  assert.ok(isFormatted(result));
});

test('a longer name widens the columns of lines it is not on', () => {
  const text = [
    'endpoint a',
    'endpoint b',
    'endpoint c',
    'b listen',
    'c listen',
    'a -> b  SYN      seq=x',
    'b -> a  SYN ACK  seq=y  ack=x+1',
    'a -> c  SYN      seq=z',
    '',
  ].join('\n');
  assert.ok(isFormatted(text));
  const result = renamed(text, 'c', 'cache');
  assert.ok(isFormatted(result), result);
  // `a -> b` holds no `c`, yet its flags move to the widened column.
  assert.match(result, /^a -> b {6}SYN {6}seq=x$/m);
});

test('renaming client in every example keeps the formatted ones formatted, checking as before', () => {
  const files = readdirSync('examples').filter((f) => f.endsWith('.handshake'));
  let formatted = 0;
  for (const file of files) {
    const text = readFileSync(`examples/${file}`, 'utf8');
    if (!text.includes('endpoint client')) continue;
    const result = renamed(text, 'client', 'c');
    assert.equal(isFormatted(result), isFormatted(text), file);
    if (isFormatted(text)) formatted++;
    assert.deepEqual(
      analyze(result).diagnostics.map((d) => d.code),
      analyze(text).diagnostics.map((d) => d.code),
      file,
    );
  }
  assert.ok(formatted >= 5, `only ${formatted} formatted examples name a client`);
});

test('lines laid out by hand get only the new name', () => {
  const text = [
    'endpoint client',
    'endpoint server',
    'server listen',
    'client -> server SYN seq=x',
    'server ->   client SYN ACK seq=y ack=x+1',
    '',
  ].join('\n');
  assert.ok(!isFormatted(text));
  assert.equal(
    renamed(text, 'client', 'c'),
    [
      'endpoint c',
      'endpoint server',
      'server listen',
      'c -> server SYN seq=x',
      'server ->   c SYN ACK seq=y ack=x+1',
      '',
    ].join('\n'),
  );
});

test('the re-aligned edits replace whole lines and apply to the original text', () => {
  const result = rename(analyze(FORMATTED).document, FORMATTED.indexOf('client'), 'c');
  assert.ok(result.ok);
  if (!result.ok) return;
  const edits = alignRename(FORMATTED, result.edits);
  for (let i = 1; i < edits.length; i++) {
    assert.ok((edits[i - 1]?.span.end ?? 0) <= (edits[i]?.span.start ?? 0), 'sorted, no overlap');
  }
  assert.deepEqual(alignRename(FORMATTED, []), []);
});
