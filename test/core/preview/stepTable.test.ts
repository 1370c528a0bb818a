import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { stepTable, type EndpointAfterStep } from '../../../src/core/preview/stepTable';
import { renderMermaid, type MermaidOptions } from '../../../src/core/render/mermaid';

/** The table for a scenario's drawn arrows, as the preview host builds it. */
function tableOf(text: string, options: Partial<MermaidOptions> = {}) {
  const analysis = analyze(text);
  const lines = renderMermaid(analysis, options).messages.map((m) => m.line);
  return { lines, table: stepTable(analysis, lines) };
}

function endpoint(
  entry: { endpoints: readonly EndpointAfterStep[] } | undefined,
  name: string,
): EndpointAfterStep {
  const found = entry?.endpoints.find((e) => e.endpoint === name);
  assert.ok(found, `no ${name}`);
  return found;
}

const HTTPS = readFileSync('examples/https-rsa.handshake', 'utf8');
const LOST = readFileSync('examples/lost-segment.handshake', 'utf8');

describe('the three-way handshake, step by step', () => {
  const { lines, table } = tableOf(HTTPS);

  test('one entry per drawn arrow, on its line', () => {
    assert.deepEqual(
      table.map((e) => e.line),
      lines,
    );
  });

  test('after the SYN the client is SYN_SENT and SND.NXT = ISS+1 (RFC 9293 §3.4)', () => {
    const client = endpoint(table[0], 'client');
    assert.equal(client.state, 'SYN_SENT');
    assert.equal(client.sndUna, 'x');
    assert.equal(client.sndNxt, 'x+1');
    assert.equal(client.inFlight, 1);
    const server = endpoint(table[0], 'server');
    assert.equal(server.state, 'SYN_RECEIVED');
    assert.equal(server.rcvNxt, 'x+1');
    assert.equal(server.sndNxt, '');
  });

  test('after the SYN ACK the client is ESTABLISHED, its SYN acknowledged', () => {
    const client = endpoint(table[1], 'client');
    assert.equal(client.state, 'ESTABLISHED');
    assert.equal(client.sndUna, 'x+1');
    assert.equal(client.rcvNxt, 'y+1');
    assert.equal(client.inFlight, 0);
    assert.equal(endpoint(table[1], 'server').inFlight, 1);
  });

  test('after the ACK both are ESTABLISHED with nothing in flight', () => {
    for (const name of ['client', 'server']) {
      assert.equal(endpoint(table[2], name).state, 'ESTABLISHED');
      assert.equal(endpoint(table[2], name).inFlight, 0);
    }
  });
});

describe('TLS knowledge', () => {
  const analysis = analyze(HTTPS);
  const messages = renderMermaid(analysis).messages;
  const table = stepTable(
    analysis,
    messages.map((m) => m.line),
  );
  const lineOf = (word: string) =>
    HTTPS.split('\n').findIndex((l) => l.includes(`client -> server  ${word}`));
  const at = (word: string) => table.find((e) => e.line === lineOf(word));

  test('after the ClientHello only the randoms sent so far are known', () => {
    assert.deepEqual(endpoint(at('ClientHello'), 'client').knows, ['r1']);
  });

  test('after the ClientKeyExchange both know the premaster and the master secret', () => {
    for (const name of ['client', 'server']) {
      const knows = endpoint(at('ClientKeyExchange'), name).knows;
      assert.ok(knows.includes('pm'), name);
      assert.ok(knows.includes('master(pm, r1, r2)'), name);
    }
  });

  test('the client has verified the server certificate, the server none', () => {
    assert.deepEqual(endpoint(at('ClientKeyExchange'), 'client').verified, ['bank_cert']);
    assert.deepEqual(endpoint(at('ClientKeyExchange'), 'server').verified, []);
  });
});

describe('segments in flight', () => {
  const { table } = tableOf(LOST);

  test('a lost segment stays unacknowledged, a retransmission is not one more', () => {
    // SYN, SYN ACK, ACK, lost, out of order, dup ACK, retransmission, ACK.
    assert.equal(endpoint(table[4], 'client').inFlight, 2);
    assert.equal(endpoint(table[5], 'client').inFlight, 2);
    assert.equal(endpoint(table[6], 'client').inFlight, 2);
    assert.equal(endpoint(table[7], 'client').inFlight, 0);
    assert.equal(endpoint(table[7], 'client').sndUna, '1201');
  });
});

describe('windows', () => {
  const text = [
    'endpoint client 10.0.0.1:1000',
    'endpoint server 10.0.0.2:80',
    'server listen',
    'client -> server SYN seq=100 win=65535 wscale=7',
    'server -> client SYN ACK seq=300 ack=101 win=65535 wscale=2',
    'client -> server ACK seq=101 ack=301 win=1000',
  ].join('\n');
  const { table } = tableOf(text);

  test("a SYN's window is never scaled (RFC 7323 §2.2)", () => {
    assert.equal(endpoint(table[0], 'client').rcvWnd, '65535');
    assert.equal(endpoint(table[0], 'server').sndWnd, '65535');
  });

  test('later windows are shifted by the sender’s own wscale', () => {
    assert.equal(endpoint(table[2], 'client').rcvWnd, String(1000 * 2 ** 7));
    assert.equal(endpoint(table[2], 'server').sndWnd, String(1000 * 2 ** 7));
    assert.equal(endpoint(table[2], 'client').sndWnd, '65535');
  });

  test('no win= written: the window is not shown as known', () => {
    assert.equal(endpoint(tableOf(LOST).table[0], 'client').rcvWnd, '');
  });
});

describe('a window of a long scenario', () => {
  test('its entries are those of the whole table, from the right values', () => {
    const whole = tableOf(LOST).table;
    const focusOffset = LOST.lastIndexOf('server -> client');
    const part = tableOf(LOST, { maxSegments: 3, focusOffset }).table;
    assert.ok(part.length <= 3 && part.length > 0);
    for (const entry of part) {
      assert.deepEqual(
        entry,
        whole.find((e) => e.line === entry.line),
      );
    }
  });
});

describe('never throws', () => {
  test('an empty text, and arrows the trace does not have', () => {
    assert.deepEqual(stepTable(analyze(''), []), []);
    const table = stepTable(analyze(''), [3, 4]);
    assert.deepEqual(
      table.map((e) => e.line),
      [3, 4],
    );
  });
});
