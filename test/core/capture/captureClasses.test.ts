import { word } from '../../../src/core/text/words';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { importCapture } from '../../../src/core/capture/write/importCapture';
import { analyze } from '../../../src/core/analysis/analyze';
import { CAPTURE_CLASSES } from '../../support/captureClasses';
import { pcapFile } from '../../support/pcapWriter';
import { FIXTURES, fixture } from './support';

/**
 * The traffic classes real networks produce (issue 17), one capture each
 * (test/support/captureClasses.ts, stored as fixtures/class-NAME.pcap with tshark's verdict
 * beside it: tcpAnalysis.test.ts compares the flags frame by frame). Imported, they must check
 * with zero engine errors: what a capture shows happened, and the scenario must say how.
 */
function imported(name: string): string {
  const result = importCapture(() => [fixture(`class-${name}.pcap`)], { name });
  assert.ok(result.ok, result.ok ? '' : word(result.error.message, 'en'));
  return result.text;
}

function errors(text: string): string[] {
  return analyze(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.message}`);
}

test('every class has its capture stored, as the generator makes it today', () => {
  const stored = readdirSync(FIXTURES).filter((n) => /^class-.*\.pcap$/.test(n));
  assert.deepEqual(
    stored.sort(),
    Object.keys(CAPTURE_CLASSES)
      .map((n) => `class-${n}.pcap`)
      .sort(),
  );
  for (const [name, make] of Object.entries(CAPTURE_CLASSES)) {
    assert.deepEqual(pcapFile(make()), new Uint8Array(fixture(`class-${name}.pcap`)), name);
  }
});

for (const name of Object.keys(CAPTURE_CLASSES)) {
  test(`${name}: imports with zero engine errors`, () => {
    assert.deepEqual(errors(imported(name)), []);
  });
}

test('a capture started mid-stream assumes a handshake below the peer’s first ack', () => {
  const text = imported('midstream-low-ack');
  // The server's first ack (1000100) is below the client's first captured seq (1000200).
  assert.match(text, /^client -> server +SYN +seq=1000099 +# not in the capture: assumed$/m);
  assert.match(text, /^client -> server +ACK +seq=1000100 .*len=100 +# not in the capture/m);
});

test('a SYN ACK captured before its SYN: the SYN is written first, nothing assumed', () => {
  const lines = imported('synack-before-syn').split('\n');
  assert.equal(lines.filter((l) => l.endsWith(' listen')).length, 1);
  assert.ok(!lines.some((l) => l.includes('assumed')));
  const syn = lines.findIndex((l) => /^client -> server +SYN /.test(l));
  const synAck = lines.findIndex((l) => /^server -> client +SYN ACK /.test(l));
  assert.ok(lines.indexOf('server listen') < syn && syn < synAck);
});

test('FIN and RST crossing: written together as they crossed, before the next connection', () => {
  const text = imported('fin-rst-crossing');
  assert.match(
    text,
    /simultaneous \{\n {2}server1 -> client1 +RST ACK .*\n {2}client1 -> server1 +FIN ACK .*\n\}\n\n# Connection 2/,
  );
});

test('resets answering segments in flight: the segments cross the first reset, one reset each', () => {
  const text = imported('repeated-rsts');
  const [first = '', second = ''] = text.split('# Connection 2');
  // Captured after the reset: they were in flight when it left.
  const block = first.slice(first.indexOf('simultaneous {'), first.indexOf('}\n'));
  assert.equal(block.match(/client1 -> server1 +PSH ACK/g)?.length, 3);
  assert.equal(block.match(/RST/g)?.length, 1);
  assert.equal(first.slice(first.indexOf('}\n')).match(/^server1 -> client1 +RST /gm)?.length, 3);
  // Captured before the reset, which does not acknowledge them: they crossed it too.
  assert.match(
    second,
    /simultaneous \{\n( {2}client2 -> server2 +PSH ACK .*\n){2} {2}server2 -> client2 +RST ACK .*\n\}\n(server2 -> client2 +RST .*\n){2}/,
  );
});

test('a final ACK the FIN’s sender did not get is written as lost, with the frame that shows it', () => {
  const text = imported('final-ack-lost');
  assert.match(
    text,
    /^client -x server +ACK +seq=1042 +ack=5002 .*# frame 8 .*lost after the capture point: server sends its FIN again \(frame 9\)$/m,
  );
  assert.equal(text.match(/ -x /g)?.length, 1);
});

test('a TLS 1.3 flight reordered after a HelloRetryRequest is reassembled: its ServerHello is read', () => {
  const text = imported('tls13-hrr-reordered');
  const lines = text.split('\n');
  const hello = lines.findIndex((l) => l.startsWith('server -> client  ServerHello '));
  const head = lines.findIndex((l) => l.includes('# frame 10 '));
  assert.ok(hello > head && head > 0, 'the ServerHello follows the segment that completed it');
  assert.match(lines[hello] ?? '', /version=1\.3 suite=TLS_AES_256_GCM_SHA384/);
  // The same TLS lines as the capture in order.
  const tls = (t: string) =>
    t.split('\n').filter((l) => /^(client|server) -> \w+ {2}[A-Z][a-z]/.test(l));
  const inOrder = importCapture(() => [fixture('tls13-hrr.pcap')]);
  assert.ok(inOrder.ok);
  assert.deepEqual(
    tls(text).map((l) => l.replace(/ +#.*/, '')),
    tls(inOrder.text).map((l) => l.replace(/ +#.*/, '')),
  );
});

test('a FIN nobody acknowledges is written with its connection, not at the end of the file', () => {
  const text = imported('fin-unanswered');
  assert.ok(text.indexOf('client1 -> server1  FIN ACK') < text.indexOf('# Connection 2'));
});
