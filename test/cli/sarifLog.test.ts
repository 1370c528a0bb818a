import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { checkCommand } from '../../src/cli/checkCommand';
import type { CliIo } from '../../src/cli/io';
import { processIo } from '../../src/cli/io';
import { artifactUri, sarifLog } from '../../src/cli/sarifLog';
import { CODE_MEANINGS } from '../../src/core/check/codeMeanings';
import { DIAGNOSTIC_CODES } from '../../src/core/check/codes';

/**
 * The SARIF 2.1.0 schema as Microsoft ships it in the npm package @microsoft/jest-sarif
 * (lib/schemas/sarif-2.1.0-rtm.5.json, MIT): the committee's final draft of the OASIS standard,
 * written for JSON Schema draft-04.
 */
const schema = JSON.parse(readFileSync('test/cli/fixtures/sarif-schema-2.1.0.json', 'utf8'));
// The schema's language pattern ends in a stray `]?`, valid only without the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
}

/** Runs `check --format sarif` on files, reading them from disk, and returns the parsed log. */
function checkSarif(...files: string[]) {
  const out: string[] = [];
  const errors: string[] = [];
  const io: CliIo = {
    ...processIo('en'),
    out: (l) => out.push(l),
    error: (l) => errors.push(l),
  };
  const status = checkCommand({ files, format: 'sarif' }, io);
  return { status, log: JSON.parse(out.join('\n')), errors };
}

test('the schema catches what it should (a level SARIF does not have)', () => {
  const { log } = checkSarif('examples/mistakes.handshake');
  log.runs[0].results[0].level = 'info';
  assert.equal(validate(log), false);
});

test('check --format sarif writes a valid SARIF 2.1.0 log', () => {
  const { status, log } = checkSarif('examples/mistakes.handshake', 'examples/tcp-notes.md');
  assert.equal(status, 1);
  assertValid(log);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
});

test('one rule per diagnostic code, described by its meaning', () => {
  const { log } = checkSarif('examples/mistakes.handshake');
  const rules = log.runs[0].tool.driver.rules as {
    id: string;
    shortDescription: { text: string; markdown: string };
    help: { text: string };
    defaultConfiguration: { level: string };
  }[];
  const codes = Object.values(DIAGNOSTIC_CODES);
  assert.deepEqual(
    rules.map((r) => r.id),
    codes.map((c) => c.code),
  );
  const hs101 = rules.find((r) => r.id === 'HS101');
  assert.equal(hs101?.shortDescription.markdown, CODE_MEANINGS.HS101);
  assert.equal(hs101?.help.text, "ack is not the sender's RCV.NXT.");
  assert.equal(rules.find((r) => r.id === 'HS110')?.defaultConfiguration.level, 'note');
  assert.equal(rules.find((r) => r.id === 'HS104')?.defaultConfiguration.level, 'warning');
});

test('each problem is a result at its rule, with the file and region the text format shows', () => {
  const { log } = checkSarif('examples/mistakes.handshake');
  const rules = log.runs[0].tool.driver.rules as { id: string }[];
  const first = log.runs[0].results[0];
  assert.equal(first.ruleId, 'HS101');
  assert.equal(rules[first.ruleIndex]?.id, 'HS101');
  assert.equal(first.level, 'error');
  assert.match(first.message.text, /^ack should be 3626544837: /);
  assert.deepEqual(first.locations[0].physicalLocation, {
    artifactLocation: { uri: 'examples/mistakes.handshake' },
    region: { startLine: 8, startColumn: 47, endLine: 8, endColumn: 57 },
  });
  const levels = new Set(log.runs[0].results.map((r: { level: string }) => r.level));
  for (const level of levels) assert.ok(['error', 'warning', 'note'].includes(level as string));
});

test('an unreadable file is a failed invocation with a notification, still a valid log', () => {
  const { status, log, errors } = checkSarif('no/such.handshake', 'examples/mistakes.handshake');
  assert.equal(status, 2);
  assert.equal(errors.length, 1);
  assertValid(log);
  const invocation = log.runs[0].invocations[0];
  assert.equal(invocation.executionSuccessful, false);
  assert.equal(
    invocation.toolExecutionNotifications[0].message.text,
    'cannot read no/such.handshake: no such file',
  );
  assert.ok(log.runs[0].results.length > 0);
});

test('a log without problems is valid and has no results', () => {
  const log = sarifLog([], [], '1.2.3');
  assertValid(log);
  assert.deepEqual((log as { runs: { results: unknown[] }[] }).runs[0]?.results, []);
});

test('artifact URIs: relative paths stay relative, with / and percent-escapes', () => {
  assert.equal(artifactUri('notes/tcp open.handshake'), 'notes/tcp%20open.handshake');
  assert.equal(artifactUri('notes\\win.md'), 'notes/win.md');
  assert.equal(artifactUri('/home/me/a#1.handshake'), 'file:///home/me/a%231.handshake');
  assert.equal(artifactUri('C:\\notes\\a.md'), 'file:///C:/notes/a.md');
});
