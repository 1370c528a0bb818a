import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

// The real bundle, as users run it (`npm test` builds it first).
const CLI = 'dist/cli.js';

function cli(...args: string[]) {
  assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scenario(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'handshake-cli-'));
  const file = join(dir, 'scenario.handshake');
  writeFileSync(file, text);
  return file;
}

test('check prints nothing and exits 0 for a correct scenario', () => {
  const result = cli('check', 'examples/tcpdump-handshake.handshake');
  assert.equal(result.status, 0);
  assert.equal(result.stdout, '');
});

test('check prints FILE:LINE:COL: severity CODE: message and exits 1 on errors', () => {
  const file = scenario(
    'endpoint a\nendpoint b\nb listen\na -> b SYN seq=10\nb -> a SYN ACK seq=50 ack=10\n',
  );
  const result = cli('check', file);
  assert.equal(result.status, 1);
  assert.equal(
    result.stdout,
    `${file}:5:27: error HS101: ack should be 11: the SYN a sent at line 4 (seq=10) consumes one sequence number. SYN and FIN each consume one sequence number: did you forget the +1?\n`,
  );
});

test('warnings alone exit 0', () => {
  const file = scenario(
    'endpoint a\nendpoint b\nb listen\na -> b SYN seq=1\nb -> a SYN ACK seq=5\n',
  );
  const result = cli('check', file);
  assert.equal(result.status, 0);
  assert.match(result.stdout, /warning HS104/);
});

test('--json prints an array of located diagnostics', () => {
  const result = cli('check', '--json', 'examples/mistakes.handshake');
  assert.equal(result.status, 1);
  const parsed = JSON.parse(result.stdout) as Record<string, unknown>[];
  assert.ok(parsed.length > 3);
  assert.deepEqual(Object.keys(parsed[0] ?? {}), [
    'file',
    'line',
    'column',
    'endLine',
    'endColumn',
    'severity',
    'code',
    'message',
  ]);
  assert.deepEqual(parsed[0], {
    file: 'examples/mistakes.handshake',
    line: 8,
    column: 47,
    endLine: 8,
    endColumn: 57,
    severity: 'error',
    code: 'HS101',
    message: parsed[0]?.message,
  });
});

test('a missing file is a clear message and exit 2, without a stack trace', () => {
  const result = cli('check', 'no/such.handshake', 'examples/tcpdump-handshake.handshake');
  assert.equal(result.status, 2);
  assert.equal(result.stderr, 'handshake: cannot read no/such.handshake: no such file\n');
});

test('usage errors exit 2', () => {
  assert.equal(cli().status, 2);
  assert.equal(cli('frobnicate').status, 2);
  assert.equal(cli('check').status, 2);
  assert.equal(cli('check', '--yaml', 'x').status, 2);
  const help = cli('--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /check FILE/);
});

test('mermaid prints the diagram and exits 0 for a correct scenario', () => {
  const result = cli('mermaid', 'examples/tcpdump-handshake.handshake');
  assert.equal(result.status, 0);
  assert.equal(
    result.stdout,
    readFileSync('test/core/render/fixtures/tcpdump-handshake.mmd', 'utf8'),
  );
});

test('mermaid draws a faulty scenario and exits 1', () => {
  const result = cli('mermaid', 'examples/mistakes.handshake');
  assert.equal(result.status, 1);
  assert.match(result.stdout, /^sequenceDiagram\n/);
  assert.match(result.stdout, /should be 3626544837/);
});

test('mermaid options: relative numbers, no states, no payload, no line numbers', () => {
  const result = cli(
    'mermaid',
    '--numbers',
    'relative',
    '--no-states',
    '--no-payload',
    '--no-line-numbers',
    'examples/tcpdump-handshake.handshake',
  );
  assert.equal(result.status, 0);
  assert.match(result.stdout, /p1->>p0: SYN ACK seq=0 ack=1\n/);
  assert.doesNotMatch(result.stdout, /SYN_SENT|autonumber|GET/);
});

test('mermaid usage and file errors exit 2', () => {
  assert.equal(cli('mermaid').status, 2);
  assert.equal(
    cli('mermaid', '--numbers', 'hex', 'examples/tcpdump-handshake.handshake').status,
    2,
  );
  assert.equal(
    cli('mermaid', '--max-segments', '0', 'examples/tcpdump-handshake.handshake').status,
    2,
  );
  const missing = cli('mermaid', 'no/such.handshake');
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'handshake: cannot read no/such.handshake: no such file\n');
});

test('the messages follow LANG: 简体中文 under zh_CN, English otherwise', () => {
  const run = (lang: string) =>
    spawnSync(process.execPath, [CLI, 'check', 'examples/mistakes.handshake'], {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: lang },
    }).stdout.split('\n')[0];
  assert.match(run('zh_CN.UTF-8') ?? '', /error HS101: 确认号应为 3626544837：/);
  assert.match(run('C.UTF-8') ?? '', /error HS101: ack should be 3626544837: /);
});

test('a reader that stops early is not a crash', () => {
  const result = spawnSync(
    'sh',
    ['-c', `"${process.execPath}" ${CLI} check examples/mistakes.handshake | head -1`],
    { encoding: 'utf8' },
  );
  assert.equal(result.stderr, '');
  assert.match(result.stdout, /HS101/);
});

test('check reads the handshake blocks of a Markdown file, with lines and columns in the file', () => {
  const result = cli('check', 'examples/tcp-notes.md');
  assert.equal(result.status, 1);
  assert.match(result.stdout, /^examples\/tcp-notes\.md:33:41: error HS101: ack should be x\+2/);
  assert.equal(result.stdout.trim().split('\n').length, 1);
  const json = JSON.parse(cli('check', '--json', 'examples/tcp-notes.md').stdout);
  assert.deepEqual(
    json.map((d: { line: number; column: number; endColumn: number }) => [
      d.line,
      d.column,
      d.endColumn,
    ]),
    [[33, 41, 44]],
  );
});

test('usage and file errors follow LANG too', () => {
  const run = (lang: string, ...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: lang },
    });
  assert.match(run('zh_CN.UTF-8', '--help').stdout, /^用法：handshake <命令> \[选项\]/);
  assert.match(
    run('zh_CN.UTF-8', 'check', 'nope.handshake').stderr,
    /无法读取 nope\.handshake：文件不存在/,
  );
  assert.match(
    run('C.UTF-8', 'check', 'nope.handshake').stderr,
    /cannot read nope\.handshake: no such file/,
  );
});

test('--version prints the version of package.json', () => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  const result = cli('--version');
  assert.equal(result.status, 0);
  assert.equal(result.stdout, `${version}\n`);
});

test('help COMMAND prints that command’s part of --help, and COMMAND --help the same', () => {
  const all = cli('--help').stdout;
  for (const command of ['check', 'mermaid', 'import', 'render']) {
    const help = cli('help', command);
    assert.equal(help.status, 0, command);
    const [synopsis, , ...section] = help.stdout.trimEnd().split('\n');
    assert.match(synopsis ?? '', new RegExp(`^Usage: handshake ${command} \\[options\\] FILE`));
    const body = section.slice(0, section.indexOf('')).join('\n');
    assert.match(body, new RegExp(`^  ${command} FILE`));
    assert.ok(all.includes(body), `${command}'s section is part of --help`);
    assert.equal(cli(command, '--help').stdout, help.stdout);
  }
  assert.doesNotMatch(cli('help', 'check').stdout, /--numbers/);
  assert.match(cli('help', 'check').stdout, /--format text\|json\|github\|sarif/);
  assert.equal(cli('help').stdout, all);
  const unknown = cli('help', 'frobnicate');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^handshake: unknown command 'frobnicate'/);
});

test('help follows LANG: 简体中文 sections too', () => {
  const help = spawnSync(process.execPath, [CLI, 'help', 'check'], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' },
  });
  assert.match(help.stdout, /^用法：handshake check \[选项\] 文件\.\.\./);
  assert.match(help.stdout, /--json +等同于 --format json/);
});

test('check --format github prints one workflow command per problem', () => {
  const text = cli('check', 'examples/mistakes.handshake').stdout.trim().split('\n');
  const result = cli('check', '--format', 'github', 'examples/mistakes.handshake');
  assert.equal(result.status, 1);
  const lines = result.stdout.trim().split('\n');
  assert.equal(lines.length, text.length);
  assert.match(
    lines[0] ?? '',
    /^::error file=examples\/mistakes\.handshake,line=8,col=47,endLine=8,endColumn=57,title=HS101::ack should be 3626544837: /,
  );
  assert.ok(lines.every((line) => /^::(error|warning|notice) file=/.test(line)));
});

test('check --format json is --json; --format=sarif works; other formats are usage errors', () => {
  assert.equal(
    cli('check', '--format', 'json', 'examples/mistakes.handshake').stdout,
    cli('check', '--json', 'examples/mistakes.handshake').stdout,
  );
  const sarif = JSON.parse(cli('check', '--format=sarif', 'examples/mistakes.handshake').stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.equal(
    sarif.runs[0].tool.driver.version,
    JSON.parse(readFileSync('package.json', 'utf8')).version,
  );
  const bad = cli('check', '--format', 'yaml', 'examples/mistakes.handshake');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^handshake: --format takes text, json, github or sarif/);
  assert.equal(cli('check', '--format').status, 2);
});
