import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { importCapture } from '../src/core/capture/write/importCapture';
import { analyze } from '../src/core/analysis/analyze';
import { codesAt } from './helpers';

/** What each bundled example must report (CODE@LINE:COL); every file in examples/ is listed. */
const EXPECTED: Record<string, string[]> = {
  'tcpdump-handshake.handshake': [],
  'captured-http.handshake': [],
  'captured-https.handshake': [],
  'four-way-close.handshake': [],
  'simultaneous-open.handshake': [],
  'simultaneous-close.handshake': [],
  'connection-refused.handshake': [],
  'half-close.handshake': [],
  'https-rsa.handshake': [],
  'tls12-ecdhe.handshake': [],
  'tls13.handshake': [],
  // The attack fails: the client's check is the information, and it stops with an alert.
  'mitm-replaced-key.handshake': ['HS613@23:37'],
  'mitm-wrong-domain.handshake': ['HS614@18:37'],
  'mitm-tampered-hello.handshake': ['HS619@29:28'],
  // The attack succeeds: a warning says so.
  'mitm-trusted-attacker-ca.handshake': ['HS625@25:20'],
  'lost-segment.handshake': ['HS111@13:32', 'HS110@15:32'],
  // A forged in-window RST is challenged (RFC 5961 §3.2): nothing to report.
  'rst-attack.handshake': [],
  // Segments in flight (~>), delivered out of order: the early one is held back (info).
  'reordering.handshake': ['HS111@18:9'],
  'mistakes.handshake': [
    'HS101@8:47',
    'HS101@11:47',
    'HS203@12:19',
    'HS103@13:47',
    'HS204@14:19',
    'HS501@15:15',
    'HS301@16:19',
    'HS401@17:11',
  ],
};

for (const [capture, example] of [
  ['http.pcap', 'captured-http.handshake'],
  ['https.pcap', 'captured-https.handshake'],
]) {
  test(`the captured example ${example} is the import of examples/${capture}`, () => {
    const bytes = readFileSync(`examples/${capture}`);
    const result = importCapture(() => [bytes], { name: capture });
    assert.ok(result.ok);
    assert.equal(result.text, readFileSync(`examples/${example}`, 'utf8'));
  });
}

test('every example is listed here', () => {
  const files = readdirSync('examples')
    .filter((f) => f.endsWith('.handshake'))
    .sort();
  assert.deepEqual(files, Object.keys(EXPECTED).sort());
});

for (const [file, expected] of Object.entries(EXPECTED)) {
  test(`${file} checks as expected`, () => {
    assert.deepEqual(codesAt(analyze(readFileSync(`examples/${file}`, 'utf8'))), expected);
  });
}

test('every line marked "mistake" in mistakes.handshake has an error', () => {
  const text = readFileSync('examples/mistakes.handshake', 'utf8');
  const analysis = analyze(text);
  const errorLines = new Set(
    analysis.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => analysis.lines.positionAt(d.span.start).line),
  );
  text.split('\n').forEach((line, index) => {
    if (/#\s*mistake/.test(line)) assert.ok(errorLines.has(index), `line ${index + 1}: ${line}`);
  });
});
