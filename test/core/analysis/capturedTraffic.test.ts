import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importCapture } from '../../../src/core/capture/write/importCapture';
import { analyze } from '../../../src/core/analysis/analyze';
import { codesAt, lines, OPEN } from '../../helpers';
import { fixture } from '../capture/support';

function http(): string {
  const bytes = fixture('http.pcap');
  const result = importCapture(() => [bytes]);
  assert.ok(result.ok);
  return result.text;
}

test('editing an imported file re-runs the analysis: a deleted line is a gap', () => {
  const text = http();
  const without = text
    .split('\n')
    .filter((line) => !line.includes('# frame 4 '))
    .join('\n');
  const codes = analyze(without).diagnostics.map((d) => d.code);
  assert.ok(codes.includes('HS706'), codes.join(' '));
  assert.ok(codes.includes('HS705'), codes.join(' '));
});

test('a duplicated line is a retransmission', () => {
  const all = http().split('\n');
  const data = all.findIndex((line) => line.includes('# frame 4 '));
  const copy = all[data] as string;
  const text = [...all.slice(0, data + 1), copy, ...all.slice(data + 1)].join('\n');
  assert.ok(analyze(text).diagnostics.some((d) => d.code === 'HS701'));
  // The same copy after the server acknowledged the data is a spurious retransmission.
  const late = copy.replace('# frame 4 t=0.000454', '# frame 99 t=0.300000');
  const after = [...all, late].join('\n');
  assert.ok(analyze(after).diagnostics.some((d) => d.code === 'HS703'));
});

test('hand-written scenarios are not analysed as captures', () => {
  const text = lines(
    ...OPEN,
    'client -> server ACK seq=x+1 ack=y+1',
    'client -> server ACK seq=x+1 ack=y+1 # a comment that mentions a frame',
  );
  assert.deepEqual(codesAt(analyze(text)), []);
});

test('a segment with symbols is not analysed even with a capture comment', () => {
  const text = lines(...OPEN, 'server -> client ACK seq=y+1 ack=x+1 win=0 # frame 4 t=0.1');
  assert.deepEqual(codesAt(analyze(text)), []);
});

test('an ack beyond the data seen, and an ack that covers a hole before it, say which', () => {
  const bytes = fixture('zoo.pcap');
  const result = importCapture(() => [bytes], { connection: 9 });
  assert.ok(result.ok);
  const messages = analyze(result.text)
    .diagnostics.filter((d) => d.code === 'HS706')
    .map((d) => d.message);
  assert.match(messages[0] ?? '', /ack 1090 acknowledges data .* \(seen up to 1001;/);
  assert.match(messages[1] ?? '', /ack 1100 covers a hole .* data before 1100, the next byte seen/);
});

test('a captured segment Wireshark cannot analyse (symbolic seq) keeps the engine’s own note', () => {
  const text = [
    'endpoint a',
    'endpoint b',
    'b listen',
    'a -> b SYN seq=x  # frame 1 t=0',
    'b -> a SYN ACK seq=y ack=x+1  # frame 2 t=0.1',
    'a -> b ACK seq=x+1 ack=y+1  # frame 3 t=0.2',
    'a -> b PSH ACK seq=x+1 ack=y+1 len=5  # frame 4 t=0.3',
    'a -> b PSH ACK seq=x+1 ack=y+1 len=5  # frame 5 t=0.5',
    '',
  ].join('\n');
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.kind),
    ['Retransmission'],
  );
});

/** The HS70x codes of `text`, in order. */
function captureCodes(text: string): string[] {
  return analyze(text)
    .diagnostics.map((d) => d.code)
    .filter((code) => code.startsWith('HS70'));
}

test('captured lines are analysed in frame order, not line order, whatever the frame numbers', () => {
  const all = http().split('\n');
  const data = all.findIndex((line) => line.includes('# frame 4 '));
  // A copy of the data written right after it but captured last: the server had acknowledged
  // it by then, so it is a spurious retransmission (in line order it would be a plain one).
  const late = (all[data] as string).replace('# frame 4 t=0.000454', '# frame 99 t=0.300000');
  const text = [...all.slice(0, data + 1), late, ...all.slice(data + 1)].join('\n');
  const codes = captureCodes(text);
  assert.ok(codes.includes('HS703'), codes.join(' '));
  // Frame numbers past 32 bits take another way to their order, to the same result.
  const far = text.replace(/# frame (\d+)/g, (_, n: string) => `# frame ${Number(n) + 2 ** 40}`);
  assert.deepEqual(captureCodes(far), codes);
});
