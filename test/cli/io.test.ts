import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

/**
 * The CLI as a process, at the edges of its input and output: standard input (`-`, a pipe,
 * /dev/stdin), a directory, a reader that stops early, a full disk. Each ends with a message and
 * the documented status (2 for input/output errors), never a stack trace.
 */
const CLI = 'dist/cli.js';
const PCAP = 'examples/http.pcap';
const MISTAKES = 'examples/mistakes.handshake';

function cli(args: string[], options: { input?: string | Buffer; stdout?: number } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    ...(options.input !== undefined ? { input: options.input } : {}),
    ...(options.stdout !== undefined ? { stdio: ['pipe', options.stdout, 'pipe'] } : {}),
    env: { ...process.env, LANG: 'C' },
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

test('the built CLI is there', () => assert.ok(existsSync(CLI), 'run npm run build first'));

test('import from a pipe reads it once and writes the whole scenario', () => {
  const fromFile = cli(['import', PCAP]);
  const fromPipe = cli(['import', '-'], { input: readFileSync(PCAP) });
  assert.equal(fromPipe.status, 0, fromPipe.stderr);
  assert.equal(fromFile.status, 0, fromFile.stderr);
  // Only the header names the input.
  const body = (s: string) => s.split('\n').slice(1).join('\n');
  assert.equal(body(fromPipe.stdout), body(fromFile.stdout));
  assert.match(fromPipe.stdout, /^# Imported by Handshake from stdin/);
  assert.ok(fromPipe.stdout.includes('client -> server  SYN'), fromPipe.stdout);
});

test('import --list and /dev/stdin read a shell pipe too', () => {
  // A shell pipe, as users write it (spawnSync's input is a socket, which /dev/stdin cannot open).
  const list = spawnSync(
    'bash',
    ['-c', `cat ${PCAP} | "${process.execPath}" ${CLI} import /dev/stdin --list`],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(list.status, 0, list.stderr);
  assert.match(
    list.stdout,
    /^1: 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:18080 {2}frames 1-12, 12 packets/,
  );
});

test('check - and mermaid - read standard input', () => {
  const check = cli(['check', '-'], { input: readFileSync(MISTAKES, 'utf8') });
  assert.equal(check.status, 1);
  assert.match(check.stdout, /^-:8:47: error HS101: ack should be 3626544837/);
  const mermaid = cli(['mermaid', '-'], {
    input: readFileSync('examples/four-way-close.handshake', 'utf8'),
  });
  assert.equal(mermaid.status, 0, mermaid.stderr);
  assert.match(mermaid.stdout, /^sequenceDiagram\n/);
});

test('a directory is refused with its reason and status 2, by every command', () => {
  for (const command of ['import', 'check', 'mermaid']) {
    const result = cli([command, 'examples']);
    assert.equal(result.status, 2, `${command}: ${result.stderr}`);
    assert.equal(result.stderr, 'handshake: cannot read examples: it is a directory\n', command);
  }
});

test('a reader that stops early keeps the status: check | head -1 still says the file is wrong', () => {
  const result = spawnSync(
    'bash',
    [
      '-c',
      `"${process.execPath}" ${CLI} check ${MISTAKES} | head -1; echo "status \${PIPESTATUS[0]}" >&2`,
    ],
    { encoding: 'utf8' },
  );
  assert.match(result.stdout, /^examples\/mistakes\.handshake:8:47: error HS101/);
  assert.match(result.stderr, /status 1\n$/);
  assert.ok(!result.stderr.includes('EPIPE'), result.stderr);
});

test('a full disk is an output error: its reason and status 2, no stack trace', () => {
  const full = openSync('/dev/full', 'w');
  try {
    const result = cli(['check', MISTAKES], { stdout: full });
    assert.equal(result.status, 2);
    assert.equal(
      result.stderr,
      'handshake: cannot write the output: no space left on the device\n',
    );
  } finally {
    closeSync(full);
  }
});
