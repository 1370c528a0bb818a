import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { renderMermaid } from '../../../src/core/render/mermaid';
import { MSL_SECONDS, secondsText } from '../../../src/core/tcp/timeWait';
import { lines } from '../../helpers';

/** a closes first, so a ends in TIME_WAIT at line 10; b goes LAST_ACK, CLOSED. */
const CLOSED_BY_A = [
  'endpoint a',
  'endpoint b',
  'b listen',
  'a -> b SYN seq=1',
  'b -> a SYN ACK seq=5 ack=2',
  'a -> b ACK seq=2 ack=6',
  'a -> b FIN ACK seq=2 ack=6',
  'b -> a ACK seq=6 ack=3',
  'b -> a FIN ACK seq=6 ack=3',
  'a -> b ACK seq=3 ack=7',
];

function codes(...text: string[]): string[] {
  return analyze(lines(...CLOSED_BY_A, ...text)).diagnostics.map((d) => d.code);
}

test('MSL is 2 minutes (RFC 9293 §3.4.2), so TIME_WAIT lasts 240 s', () => {
  assert.equal(2 * MSL_SECONDS, 240);
  assert.equal(secondsText(0.5), '0.5 s');
});

test('a wait shorter than 2MSL leaves TIME_WAIT: one HS501 that says how long it waited', () => {
  const [d, ...rest] = analyze(lines(...CLOSED_BY_A, 'wait 30s', 'expect a CLOSED')).diagnostics;
  assert.deepEqual(rest, []);
  assert.equal(d?.code, 'HS501');
  assert.match(d?.message ?? '', /It has waited 30 s of 2MSL = 240 s there/);
  assert.equal(d?.fix?.title, 'Insert wait 2MSL before this line');
});

test('waits add up: 30 s, then 210 s, ends TIME_WAIT', () => {
  assert.deepEqual(
    codes('wait 30s', 'expect a TIME_WAIT', 'wait 210s', 'expect a CLOSED', 'expect b CLOSED'),
    [],
  );
  assert.deepEqual(codes('wait 4min', 'expect a CLOSED'), []);
  assert.deepEqual(codes('wait 239999ms', 'expect a TIME_WAIT'), []);
});

test('a FIN resent into TIME_WAIT starts the 2MSL timer again (§3.10.7.4)', () => {
  // The last ACK is lost, so b, in LAST_ACK, sends its FIN again.
  const text = lines(
    ...CLOSED_BY_A.slice(0, -1),
    'a -x b ACK seq=3 ack=7',
    'wait 200s',
    'b -> a FIN ACK seq=6 ack=3',
    'a -> b ACK seq=3 ack=7',
    'expect b CLOSED',
    'wait 200s',
    'expect a TIME_WAIT',
    'wait 40s',
    'expect a CLOSED',
  );
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    ['HS110'], // the FIN resent: a retransmission, said as an info
  );
});

test('time passing with nothing in TIME_WAIT changes nothing and is no mistake', () => {
  assert.deepEqual(codes('wait 2MSL', 'wait 30s', 'expect a CLOSED'), []);
  assert.deepEqual(codes('wait 2MSL', 'wait 2MSL'), ['HS209']);
});

test('the diagram says how long, and when TIME_WAIT ends', () => {
  const mermaid = renderMermaid(analyze(lines(...CLOSED_BY_A, 'wait 30s', 'wait 210s'))).text;
  assert.match(mermaid, /Note over p0,p1: 30 s later\n/);
  assert.match(mermaid, /Note over p0,p1: 210 s later: TIME_WAIT ends/);
  const zh = renderMermaid(analyze(lines(...CLOSED_BY_A, 'wait 4min'), { locale: 'zh-cn' })).text;
  assert.match(zh, /240 s 之后：TIME_WAIT 结束/);
});

test('a FIN that is not the peer’s FIN resent does not restart the timer', () => {
  const text = lines(
    'endpoint a 10.0.0.1:5000',
    'endpoint b 10.0.0.2:80',
    ...CLOSED_BY_A.slice(2),
    'attacker m 10.0.0.2:80', // forges b's address and port
    'wait 200s',
    'm -> a FIN ACK seq=99999 ack=3',
    'wait 40s',
    'expect a CLOSED',
  );
  assert.deepEqual(
    analyze(text)
      .diagnostics.filter((d) => d.code === 'HS501')
      .map((d) => d.message),
    [],
  );
});
