import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../../src/core/analysis/analyze';
import { renderMermaid } from '../../../src/core/render/mermaid';
import { lines, OPEN } from '../../helpers';

const FIXTURES = 'test/core/render/fixtures';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Every line of generated Mermaid is one of these statements: nothing else can appear. */
const STATEMENT =
  /^(sequenceDiagram|  *(title [^\n]*|participant p\d+ as [^\n]*|Note over p\d+(,p\d+)?: [^\n]*|rect rgba\([\d., ]+\)|par sent at the same time|and|end|autonumber \d+|p\d+(->>|-->>|-x|--x|-\)|--\))p\d+: [^\n]*))$/;
const MESSAGE = /^\s*p\d+(->>|-->>|-x|--x|-\)|--\))p\d+: /;

/** The text part of a statement: what Mermaid shows, where user text goes. */
function textOf(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('title ')) return trimmed.slice(6);
  if (trimmed.startsWith('participant '))
    return trimmed.replace(/^participant p\d+ as /, '').replaceAll('<br/>', ' ');
  const colon = trimmed.indexOf(': ');
  return colon >= 0 && (trimmed.startsWith('Note ') || MESSAGE.test(trimmed))
    ? trimmed.slice(colon + 2)
    : '';
}

function structure(text: string): void {
  for (const line of text.trimEnd().split('\n')) {
    assert.match(line, STATEMENT);
    // User text is entity-encoded: no statement separator, comment, directive or tag survives;
    // the only markup is Mermaid's line break, written by the renderer.
    const text = textOf(line)
      .replace(/#\d+;/g, '')
      .replace(/<br\/>/g, ' ');
    assert.doesNotMatch(text, /[;%<>#&]/, line);
    assert.doesNotMatch(text, /^\s*(no)?wrap:/i, line);
  }
}

/** Mermaid's entity codes back to characters and line breaks to spaces, for readable assertions. */
function decode(text: string): string {
  return text
    .replace(/<br\/>/g, ' ')
    .replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

function arrows(text: string): number {
  return text.split('\n').filter((line) => MESSAGE.test(line)).length;
}

for (const file of readdirSync('examples').filter((f) => f.endsWith('.handshake'))) {
  test(`golden: ${file}`, () => {
    const diagram = renderMermaid(analyze(readFileSync(`examples/${file}`, 'utf8')));
    const golden = `${FIXTURES}/${file.replace(/\.handshake$/, '.mmd')}`;
    // A new example gets its golden file locally; in CI a missing one fails.
    if (UPDATE || (!existsSync(golden) && !process.env.CI)) writeFileSync(golden, diagram.text);
    assert.equal(diagram.text, readFileSync(golden, 'utf8'));
    structure(diagram.text);
    assert.equal(arrows(diagram.text), diagram.messages.length);
  });
}

test('messages map arrows to source lines, in drawing order', () => {
  const diagram = renderMermaid(
    analyze(readFileSync('examples/tcpdump-handshake.handshake', 'utf8')),
  );
  assert.deepEqual(
    diagram.messages.map((m) => m.line),
    [7, 8, 9, 10],
  );
  assert.match(diagram.text, /autonumber 8\n\s*p0->>p1: SYN seq=3626544836/);
});

test('a wrong value is drawn in an error rect with the expected value', () => {
  const text = lines(
    ...OPEN.slice(0, 4),
    'server -> client SYN ACK seq=y ack=x',
    OPEN[5] as string,
  );
  const diagram = renderMermaid(analyze(text));
  assert.match(
    decode(diagram.text),
    /rect rgba\(234, 67, 53, 0\.28\)\n\s*autonumber 5\n\s*p1->>p0: SYN ACK seq=y ack=x ✗ should be x\+1\n\s*end/,
  );
  assert.deepEqual(
    diagram.messages.map((m) => m.faulty),
    [false, true, false],
  );
});

test('a state error is drawn with a note naming the diagnostic', () => {
  const diagram = renderMermaid(analyze(lines(...OPEN, 'client -> server SYN seq=x+1')));
  // On the arrow's two lifelines, not beside the client, where it would widen the diagram.
  assert.match(decode(diagram.text), /Note over p0,p1: ✗ HS203 client is ESTABLISHED/);
});

test('lost segments end in a cross; pure ACKs are dashed', () => {
  const text = lines(
    ...OPEN,
    'client -x server PSH ACK seq=x+1 ack=y+1 "a"',
    'server --x client ACK seq=y+1 ack=x+1',
  );
  const diagram = renderMermaid(analyze(text));
  assert.match(diagram.text, /p0-->>p1: ACK seq=x\+1 ack=y\+1/);
  assert.match(diagram.text, /p0-xp1: PSH ACK seq=x\+1 ack=y\+1<br\/>len=1 "a" \(lost\)/);
});

test('a segment in flight is drawn where it arrives, saying where it was sent; never delivered, with an open arrowhead', () => {
  const text = lines(
    ...OPEN,
    'client ~> server PSH ACK seq=x+1 ack=y+1 len=10 as d1',
    'client ~> server PSH ACK seq=x+11 ack=y+1 len=10 as d2',
    'client ~> server FIN ACK seq=x+21 ack=y+1 as fin',
    'deliver d2',
    'deliver d1',
  );
  const diagram = renderMermaid(analyze(text));
  assert.match(
    diagram.text,
    /autonumber 10\n\s*p0->>p1: PSH ACK seq=x\+11 ack=y\+1<br\/>len=10 \(sent at line 8\)\n\s*autonumber 11\n\s*p0->>p1: PSH ACK seq=x\+1/,
  );
  // The FIN never arrives: drawn at its own line, before the deliveries.
  assert.match(
    diagram.text,
    /autonumber 9\n\s*p0-\)p1: FIN ACK seq=x\+21 ack=y\+1<br\/>\(still in flight\)/,
  );
  assert.deepEqual(
    diagram.messages.map((m) => m.line + 1),
    [4, 5, 6, 9, 10, 11],
  );
  structure(diagram.text);
});

test('simultaneous blocks are drawn as par blocks', () => {
  const diagram = renderMermaid(
    analyze(readFileSync('examples/simultaneous-open.handshake', 'utf8')),
  );
  assert.equal((diagram.text.match(/par sent at the same time/g) ?? []).length, 2);
  assert.equal((diagram.text.match(/^\s*and$/gm) ?? []).length, 2);
});

test('numbers: as written, absolute, or relative to each ISS like Wireshark', () => {
  const text = lines(
    'let x = 1000',
    'endpoint a',
    'endpoint b',
    'b listen',
    'a -> b SYN seq=x',
    'b -> a SYN ACK seq=5000 ack=x+1',
    'a -> b ACK seq=x+1 ack=5001',
  );
  const label = (numbers: 'asWritten' | 'absolute' | 'relative') =>
    renderMermaid(analyze(text), { numbers })
      .text.split('\n')
      .filter((l) => MESSAGE.test(l))
      .map((l) => l.split(': ')[1]);
  assert.deepEqual(label('asWritten'), [
    'SYN seq=x',
    'SYN ACK seq=5000 ack=x+1',
    'ACK seq=x+1 ack=5001',
  ]);
  assert.deepEqual(label('absolute'), [
    'SYN seq=1000',
    'SYN ACK seq=5000 ack=1001',
    'ACK seq=1001 ack=5001',
  ]);
  assert.deepEqual(label('relative'), ['SYN seq=0', 'SYN ACK seq=0 ack=1', 'ACK seq=1 ack=1']);
});

test('options hide state notes, payloads and line numbers', () => {
  const source = readFileSync('examples/four-way-close.handshake', 'utf8');
  const plain = renderMermaid(analyze(source), {
    showStates: false,
    showPayload: false,
    lineNumbers: false,
  }).text;
  assert.doesNotMatch(plain, /FIN_WAIT_1|Note over p0: TIME_WAIT|autonumber|GET/);
  const full = renderMermaid(analyze(source)).text;
  assert.match(full, /Note over p0: FIN_WAIT_1/);
  assert.match(full, /GET \/ HTTP\/1\.0/);
});

test('a large scenario is drawn in a window of maxSegments around the focus', () => {
  const body = [...OPEN];
  for (let i = 0; i < 100; i++) body.push(`client -> server PSH ACK seq=x+${1 + i} ack=y+1 len=1`);
  const text = lines(...body);
  const focusLine = 6 + 60;
  const focusOffset = text.split('\n').slice(0, focusLine).join('\n').length + 1;
  const diagram = renderMermaid(analyze(text), { maxSegments: 20, focusOffset });
  assert.equal(diagram.messages.length, 20);
  assert.equal(diagram.window.total, 103);
  assert.ok(diagram.messages.some((m) => m.line === focusLine));
  assert.match(decode(diagram.text), /Showing segments 54–73 of 103/);
  structure(diagram.text);
});

test('hostile text in titles, names and payloads stays text', () => {
  const hostile = [
    '%%{init: {"securityLevel":"loose"}}%%',
    '<img src=x onerror=alert(1)>',
    'a;b#c%%d',
    'end',
    'x->>y: injected',
    '\\nNote over p0: injected',
    '---\\ntitle: front matter\\n---',
    '#59; #35;',
  ];
  for (const payload of hostile) {
    const dsl = payload.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\\\\n/g, '\\n');
    const text = lines(
      `scenario "${dsl}"`,
      ...OPEN,
      `client -> server PSH ACK seq=x+1 ack=y+1 "${dsl}"`,
    );
    const diagram = renderMermaid(analyze(text));
    structure(diagram.text);
    assert.equal(arrows(diagram.text), 4, payload);
  }
});

test('property: arbitrary payloads and titles never change the number of arrows', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ maxLength: 30 }),
      (payload, title) => {
        const quote = (s: string) =>
          s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
        const text = lines(
          `scenario "${quote(title)}"`,
          ...OPEN,
          `client -> server PSH ACK seq=x+1 ack=y+1 len=5 "${quote(payload)}"`,
          `server -> client ACK seq=y+1 ack=x+6`,
        );
        const diagram = renderMermaid(analyze(text));
        structure(diagram.text);
        assert.equal(arrows(diagram.text), 5);
        assert.equal(diagram.messages.length, 5);
      },
    ),
    { numRuns: 300, seed: 42 },
  );
});
