import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { renderMermaid } from '../../../src/core/render/mermaid';
import type { NumberStyle } from '../../../src/core/render/numberStyle';
import {
  traceTable,
  type TraceTableOptions,
  type TraceTableRow,
} from '../../../src/core/render/traceTable';
import { lines, OPEN } from '../../helpers';

/** A row in one line: `LINE from→to MESSAGE seq ack len | states | codes`, 1-based like `#`. */
function brief(row: TraceTableRow): string {
  const states = row.states.map((s) => `${s.endpoint}:${s.state}${s.changed ? '*' : ''}`);
  const numbers = [row.seq, row.ack, row.len ?? '-'].map((n) => (n === '' ? '-' : n)).join(' ');
  const codes = row.problems.map((p) => p.code).join(',');
  return `${row.line + 1} ${row.from}→${row.to} ${row.message} ${numbers} | ${states.join(' ')} | ${codes}`;
}

function rows(text: string, options: Partial<TraceTableOptions> = {}): string[] {
  return traceTable(analyze(text), options).rows.map(brief);
}

const example = (name: string) => readFileSync(`examples/${name}.handshake`, 'utf8');

describe('rows', () => {
  const cases: {
    name: string;
    text: string;
    options?: Partial<TraceTableOptions>;
    rows: string[];
  }[] = [
    {
      name: 'the three-way handshake: one row per segment, with each side’s state after it',
      text: lines(...OPEN),
      rows: [
        '4 client→server SYN x - 0 | client:SYN_SENT* server:SYN_RECEIVED* | ',
        '5 server→client SYN ACK y x+1 0 | server:SYN_RECEIVED client:ESTABLISHED* | ',
        '6 client→server ACK x+1 y+1 0 | client:ESTABLISHED server:ESTABLISHED* | ',
      ],
    },
    {
      name: 'a faulty step carries its diagnostic code and the value it should have',
      text: lines(...OPEN.slice(0, 4), 'server -> client SYN ACK seq=y ack=x', OPEN[5] as string),
      rows: [
        '4 client→server SYN x - 0 | client:SYN_SENT* server:SYN_RECEIVED* | ',
        '5 server→client SYN ACK y x ✗ should be x+1 0 | server:SYN_RECEIVED client:ESTABLISHED* | HS101',
        '6 client→server ACK x+1 y+1 0 | client:ESTABLISHED server:ESTABLISHED* | ',
      ],
    },
    {
      name: 'listen, close, wait and expect are not rows',
      text: lines(...OPEN, 'expect client ESTABLISHED', 'expect server ESTABLISHED'),
      rows: [
        '4 client→server SYN x - 0 | client:SYN_SENT* server:SYN_RECEIVED* | ',
        '5 server→client SYN ACK y x+1 0 | server:SYN_RECEIVED client:ESTABLISHED* | ',
        '6 client→server ACK x+1 y+1 0 | client:ESTABLISHED server:ESTABLISHED* | ',
      ],
    },
    {
      name: 'a lost segment leaves the receiver as it was; the infos on later lines are theirs',
      text: example('lost-segment'),
      rows: [
        '8 client→server SYN 1000 - 0 | client:SYN_SENT* server:SYN_RECEIVED* | ',
        '9 server→client SYN ACK 5000 1001 0 | server:SYN_RECEIVED client:ESTABLISHED* | ',
        '10 client→server ACK 1001 5001 0 | client:ESTABLISHED server:ESTABLISHED* | ',
        '12 client→server PSH ACK 1001 5001 100 | client:ESTABLISHED server:ESTABLISHED | ',
        '13 client→server PSH ACK 1101 5001 100 | client:ESTABLISHED server:ESTABLISHED | HS111',
        '14 server→client ACK 5001 1001 0 | server:ESTABLISHED client:ESTABLISHED | ',
        '15 client→server PSH ACK 1001 5001 100 | client:ESTABLISHED server:ESTABLISHED | HS110',
        '16 server→client ACK 5001 1201 0 | server:ESTABLISHED client:ESTABLISHED | ',
      ],
    },
    {
      name: 'TLS messages without TCP under them: no numbers, no states',
      text: example('mitm-replaced-key'),
      rows: [
        '17 client→mallory ClientHello - - - |  | ',
        '18 mallory→server forward ClientHello - - - |  | ',
        '19 server→mallory ServerHello - - - |  | ',
        '20 server→mallory Certificate - - - |  | ',
        '21 server→mallory ServerHelloDone - - - |  | ',
        '22 mallory→client forward ServerHello - - - |  | ',
        '23 mallory→client Certificate - - - |  | HS613',
        '24 mallory→client forward ServerHelloDone - - - |  | ',
        '25 client→mallory Alert - - - |  | ',
      ],
    },
    {
      name: 'numbers relative to each side’s ISS, like Wireshark',
      text: lines(
        ...OPEN.slice(0, 3),
        'client -> server SYN seq=1000',
        'server -> client SYN ACK seq=5000 ack=1001',
        'client -> server ACK seq=1001 ack=5001',
      ),
      options: { numbers: 'relative' },
      rows: [
        '4 client→server SYN 0 - 0 | client:SYN_SENT* server:SYN_RECEIVED* | ',
        '5 server→client SYN ACK 0 1 0 | server:SYN_RECEIVED client:ESTABLISHED* | ',
        '6 client→server ACK 1 1 0 | client:ESTABLISHED server:ESTABLISHED* | ',
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(rows(c.text, c.options), c.rows));
  }
});

describe('a row says what the diagram says', () => {
  test('TLS over TCP: the states the TCP steps left, the fields, the payload', () => {
    const table = traceTable(analyze(example('captured-https')));
    const hello = table.rows.find((r) => r.message === 'ClientHello');
    assert.ok(hello);
    assert.equal(hello.kind, 'tls');
    assert.deepEqual(
      hello.states.map((s) => [s.endpoint, s.state, s.changed]),
      [
        ['client', 'ESTABLISHED', false],
        ['server', 'ESTABLISHED', false],
      ],
    );
    assert.match(hello.detail, /^random=r_ffb2f1b5 sni=www\.shop\.test versions=1\.2 suites=TLS_/);
    assert.ok([...hello.detail].length <= 160, 'a long list of suites is cut');
    assert.equal(hello.len, undefined);
    const data = table.rows.filter((r) => r.message === 'ApplicationData');
    assert.ok(data.length > 0);
  });

  test('a TLS message’s payload is in its detail unless payloads are hidden', () => {
    const data = (showPayload: boolean) =>
      traceTable(analyze(example('tls13')), { showPayload })
        .rows.filter((r) => r.message === 'ApplicationData')
        .map((r) => r.detail);
    assert.deepEqual(data(true), ['"GET / HTTP/1.1"', '"HTTP/1.1 200 OK"']);
    assert.deepEqual(data(false), ['', '']);
  });

  test('the payload, the window and what became of a segment go in the detail', () => {
    const text = lines(
      ...OPEN,
      'client -x server PSH ACK seq=x+1 ack=y+1 win=512 "hello"',
      'client -> server PSH ACK seq=x+1 ack=y+1 win=512 "hello"',
    );
    const table = traceTable(analyze(text));
    assert.deepEqual(
      table.rows.slice(3).map((r) => [r.detail, r.lost, r.len]),
      [
        ['win=512 "hello" (lost)', true, 5],
        ['win=512 "hello" (retransmission)', false, 5],
      ],
    );
    const quiet = traceTable(analyze(text), { showPayload: false });
    assert.equal(quiet.rows[3]?.detail, 'win=512 (lost)');
  });

  test('hostile text is kept as it is: the webview shows it as text', () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    const text = lines(
      ...OPEN,
      `client -> server PSH ACK seq=x+1 ack=y+1 "${payload.replace(/"/g, '\\"')}"`,
    );
    const row = traceTable(analyze(text)).rows[3];
    assert.equal(row?.detail, `"${payload}"`);
  });

  test('every problem on the line, with its severity and message', () => {
    const row = traceTable(analyze(example('mistakes'))).rows.find((r) => r.line === 7);
    assert.ok(row);
    assert.equal(row.faulty, true);
    assert.deepEqual(
      row.problems.map((p) => [p.code, p.severity]),
      [['HS101', 'error']],
    );
    assert.match(row.problems[0]?.message ?? '', /^ack should be 3626544837/);
  });

  const styles: { numbers: NumberStyle; seq: string[]; ack: string[] }[] = [
    { numbers: 'asWritten', seq: ['x', '5000', 'x+1'], ack: ['', 'x+1', '5001'] },
    { numbers: 'absolute', seq: ['1000', '5000', '1001'], ack: ['', '1001', '5001'] },
    { numbers: 'relative', seq: ['0', '0', '1'], ack: ['', '1', '1'] },
  ];
  for (const { numbers, seq, ack } of styles) {
    test(`numbers ${numbers}: as the diagram labels show them`, () => {
      const text = lines(
        'let x = 1000',
        'endpoint a',
        'endpoint b',
        'b listen',
        'a -> b SYN seq=x',
        'b -> a SYN ACK seq=5000 ack=x+1',
        'a -> b ACK seq=x+1 ack=5001',
      );
      const table = traceTable(analyze(text), { numbers });
      assert.deepEqual(
        table.rows.map((r) => r.seq),
        seq,
      );
      assert.deepEqual(
        table.rows.map((r) => r.ack),
        ack,
      );
    });
  }
});

describe('the window of maxSegments', () => {
  const body = [...OPEN];
  for (let i = 0; i < 100; i++) body.push(`client -> server PSH ACK seq=x+${1 + i} ack=y+1 len=1`);
  const text = lines(...body);
  const focusLine = 6 + 60;
  const focusOffset = text.split('\n').slice(0, focusLine).join('\n').length + 1;

  test('rows are the segments of the window around the cursor', () => {
    const table = traceTable(analyze(text), { maxSegments: 20, focusOffset });
    assert.equal(table.rows.length, 20);
    assert.deepEqual(table.window, { first: 53, last: 72, total: 103 });
    assert.ok(table.rows.some((r) => r.line === focusLine));
  });

  test('without a limit every segment is a row', () => {
    assert.equal(traceTable(analyze(text)).rows.length, 103);
  });
});

describe('the table and the diagram show the same steps', () => {
  const cases = readdirSync('examples')
    .filter((f) => f.endsWith('.handshake'))
    .map((file) => ({ file, options: {} as { maxSegments?: number; focusOffset?: number } }));
  cases.push({ file: 'captured-https.handshake', options: { maxSegments: 5, focusOffset: 2000 } });
  for (const { file, options } of cases) {
    test(`${file}${options.maxSegments ? ` in a window of ${options.maxSegments}` : ''}`, () => {
      const analysis = analyze(readFileSync(`examples/${file}`, 'utf8'));
      const table = traceTable(analysis, options);
      const diagram = renderMermaid(analysis, options);
      assert.deepEqual(table.window, diagram.window);
      assert.deepEqual(
        table.rows.map((r) => [r.line, r.faulty, r.lost, r.kind === 'tls']),
        diagram.messages.map((m) => [m.line, m.faulty, m.lost, m.tls]),
      );
    });
  }
});
