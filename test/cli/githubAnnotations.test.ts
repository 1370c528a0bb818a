import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeData, escapeProperty, githubAnnotation } from '../../src/cli/githubAnnotations';
import type { LocatedDiagnostic } from '../../src/cli/formatDiagnostic';

const at: LocatedDiagnostic = {
  file: 'notes/open.handshake',
  line: 5,
  column: 27,
  endLine: 5,
  endColumn: 30,
  severity: 'error',
  code: 'HS101',
  message: 'ack should be 11',
};

test('an error is an ::error command with the file, its region and the code as title', () => {
  assert.equal(
    githubAnnotation(at),
    '::error file=notes/open.handshake,line=5,col=27,endLine=5,endColumn=30,title=HS101::ack should be 11',
  );
});

test('a warning is ::warning and an info ::notice', () => {
  assert.match(githubAnnotation({ ...at, severity: 'warning' }), /^::warning file=/);
  assert.match(githubAnnotation({ ...at, severity: 'info' }), /^::notice file=/);
});

test('the message escapes %, CR and LF as the runner reads them', () => {
  assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
  assert.match(githubAnnotation({ ...at, message: 'one\ntwo 5%' }), /::one%0Atwo 5%25$/);
});

test('properties also escape the : and , that would end them', () => {
  assert.equal(escapeProperty('C:\\notes\\a,b%.handshake'), 'C%3A\\notes\\a%2Cb%25.handshake');
  assert.match(
    githubAnnotation({ ...at, file: 'odd: name, 1.handshake' }),
    /^::error file=odd%3A name%2C 1\.handshake,line=5,/,
  );
});
