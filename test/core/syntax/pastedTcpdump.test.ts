import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { parse } from '../../../src/core/syntax/parser';
import { applyEdits } from '../../../src/core/text/textEdits';
import { lines } from '../../helpers';

const DECLARED = [
  'endpoint 客户端 192.168.1.116:3337',
  'endpoint 服务器 192.168.1.123:7788',
  '服务器 listen',
];

function only(text: string): { code: string; message: string; fixed?: string } {
  const diagnostics = analyze(text).diagnostics;
  assert.equal(diagnostics.length, 1, diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  const [d] = diagnostics;
  return {
    code: d?.code ?? '',
    message: d?.message ?? '',
    ...(d?.fix ? { fixed: applyEdits(text, d.fix.edits) } : {}),
  };
}

test("the notes' three tcpdump lines, pasted: one HS020 each, and the fixes write the handshake", () => {
  const pasted = [
    'IP 192.168.1.116.3337 > 192.168.1.123.7788: S 3626544836:3626544836',
    'IP 192.168.1.123.7788 > 192.168.1.116.3337: S 1739326486:1739326486 ack 3626544837',
    'IP 192.168.1.116.3337 > 192.168.1.123.7788: ack 1739326487',
  ];
  const text = lines(...DECLARED, ...pasted);
  const diagnostics = analyze(text).diagnostics;
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['HS020', 'HS020', 'HS020'],
  );
  let fixed = text;
  // Apply from the last, so the earlier spans still hold.
  for (const d of [...diagnostics].reverse()) fixed = applyEdits(fixed, d.fix?.edits ?? []);
  assert.equal(
    fixed,
    lines(
      ...DECLARED,
      '客户端 -> 服务器 SYN seq=3626544836',
      '服务器 -> 客户端 SYN ACK seq=1739326486 ack=3626544837',
      '客户端 -> 服务器 ACK ack=1739326487',
    ),
  );
});

test('the current format, with a timestamp, win and length: the fix keeps them', () => {
  const d = only(
    lines(
      ...DECLARED,
      '16:24:01.123456 IP 192.168.1.116.3337 > 192.168.1.123.7788: Flags [P.], seq 1:6, ack 1, win 502, length 5',
    ),
  );
  assert.equal(d.code, 'HS020');
  assert.match(d.message, /'客户端 -> 服务器 PSH ACK seq=1 ack=1 win=502 len=5'/);
});

test('IPv6 and a comment after the pasted text: the comment stays', () => {
  const d = only(
    lines(
      'endpoint a [::1]:5000',
      'endpoint b [::1]:41234',
      'IP6 ::1.5000 > ::1.41234: Flags [S], seq 7, win 65476, length 0 # 第一次握手',
    ),
  );
  assert.equal(
    d.fixed,
    lines(
      'endpoint a [::1]:5000',
      'endpoint b [::1]:41234',
      'a -> b SYN seq=7 win=65476 # 第一次握手',
    ),
  );
});

test('endpoints without those addresses: one HS020 that says how to write it, no fix', () => {
  const d = only(lines('endpoint a', 'endpoint b', 'IP 10.0.0.1.80 > 10.0.0.2.5000: S 1:1(0)'));
  assert.equal(d.code, 'HS020');
  assert.equal(d.fixed, undefined);
  assert.match(d.message, /NAME -> NAME FLAGS seq= ack=/);
});

test('declared after the pasted line, the endpoints still name it', () => {
  const d = only(
    lines(
      'IP 10.0.0.1.80 > 10.0.0.2.5000: S 1:1(0)',
      'endpoint a 10.0.0.1:80',
      'endpoint b 10.0.0.2:5000',
    ),
  );
  assert.match(d.message, /'a -> b SYN seq=1'/);
});

test('inside a simultaneous block, the line is the one mistake too', () => {
  const text = lines(
    'endpoint a 10.0.0.1:1',
    'endpoint b 10.0.0.2:2',
    'simultaneous {',
    '  IP 10.0.0.1.1 > 10.0.0.2.2: S 1:1(0)',
    '  b -> a SYN seq=9',
    '}',
  );
  assert.deepEqual(
    parse(text).diagnostics.map((d) => d.code),
    ['HS020'],
  );
});

test('statements that look nothing like tcpdump are read as before', () => {
  for (const line of [
    'IP -> server SYN seq=1',
    'a -> b SYN seq=1 "1.2.3.4.80 > 5.6.7.8.90: S 1:1(0)"',
  ]) {
    const codes = parse(
      lines('endpoint IP', 'endpoint server', 'endpoint a', 'endpoint b', line),
    ).diagnostics.map((d) => d.code);
    assert.ok(!codes.includes('HS020'), `${line}: ${codes.join(' ')}`);
  }
});

test('zh-cn: the message is in Chinese and names the segment', () => {
  const [d] = analyze(lines(...DECLARED, 'IP 192.168.1.116.3337 > 192.168.1.123.7788: S 1:1(0)'), {
    locale: 'zh-cn',
  }).diagnostics;
  assert.match(
    d?.message ?? '',
    /tcpdump 输出的一行不是语句：写成报文段是 '客户端 -> 服务器 SYN seq=1'/,
  );
  assert.equal(d?.fix?.title, '改写为报文段');
});

test('tcpdump -v: the IP header line and the TCP line under it are one record, one HS020', () => {
  const d = only(
    lines(
      'endpoint a 127.0.0.1:41234',
      'endpoint b 127.0.0.1:5000',
      '12:00:00.1 IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 60)',
      '    127.0.0.1.41234 > 127.0.0.1.5000: Flags [S], seq 7, win 65495, options [mss 65495,wscale 7], length 0',
    ),
  );
  assert.equal(
    d.fixed,
    lines('endpoint a 127.0.0.1:41234', 'endpoint b 127.0.0.1:5000', 'a -> b SYN seq=7 win=65495'),
  );
});

test('host names (tcpdump without -n) name the endpoints called so; a // comment stays', () => {
  const d = only(
    lines(
      'endpoint client',
      'endpoint server',
      'client.5000 > server.http: Flags [S], seq 1, win 10, length 0 // the SYN',
    ),
  );
  assert.equal(
    d.fixed,
    lines('endpoint client', 'endpoint server', 'client -> server SYN seq=1 win=10 // the SYN'),
  );
});

test('full-width characters typed into a pasted line: HS020 alone, its fix writes ASCII', () => {
  const d = only(lines(...DECLARED, 'IP 192.168.1.116.3337 ＞ 192.168.1.123.7788： S 1:1(0)'));
  assert.equal(d.code, 'HS020');
  assert.match(d.fixed ?? '', /客户端 -> 服务器 SYN seq=1\n$/);
});

test('a line too long to be tcpdump output is not read as one', () => {
  const long = `IP 10.0.0.1.1 > 10.0.0.2.2: S 1:1(0) ${'<'.repeat(5000)}`;
  const codes = parse(lines('endpoint a', long)).diagnostics.map((d) => d.code);
  assert.ok(!codes.includes('HS020'), codes.join(' '));
});
