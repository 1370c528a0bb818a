import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { renderMermaid } from '../../../src/core/render/mermaid';
import { TLS_TEXT_TABLES } from '../../../src/core/tls/tlsText';
import { lines } from '../../helpers';
import { pki } from '../check/tlsCodeCases';

const MARKERS = new Proxy(
  {},
  // Lists (the names in `parts`) get a list of one marker.
  { get: (_target, name) => (name === 'names' ? ['⟦names⟧'] : `⟦${String(name)}⟧`) },
);
const facts = (text: string) => [...text.matchAll(/⟦(\w+)⟧/g)].map((m) => m[1]).sort();

const en = TLS_TEXT_TABLES.en as Record<string, unknown>;
const zh = TLS_TEXT_TABLES['zh-cn'] as Record<string, unknown>;

for (const key of Object.keys(en)) {
  test(`TLS text ${key} has a 简体中文 version with the same facts`, () => {
    const a = en[key];
    const b = zh[key];
    assert.equal(typeof b, typeof a);
    if (typeof a === 'function' && typeof b === 'function') {
      const english = String(a(MARKERS));
      const chinese = String(b(MARKERS));
      assert.deepEqual(facts(chinese), facts(english));
    } else if (typeof a === 'object' && a && b && typeof b === 'object') {
      assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort());
    }
  });
}

test('under zh-cn the man in the middle is explained and drawn in Chinese', () => {
  const analysis = analyze(readFileSync('examples/mitm-replaced-key.handshake', 'utf8'), {
    locale: 'zh-cn',
  });
  assert.match(
    analysis.diagnostics[0]?.message ?? '',
    /^client 拒绝 forged：用 DigiCert 的公钥验证签名失败（forged 是在 DigiCert 签名之后修改了公钥的 bank_cert/,
  );
  const text = renderMermaid(analysis)
    .text.replace(/#(\d+);/g, (_, c: string) => String.fromCodePoint(Number(c)))
    // Line breaks are layout: compare the words.
    .replace(/<br\/>|\s/g, '');
  assert.match(text, /mallory（攻击者）/);
  assert.match(text, /✗证书签名验证失败：client发送Alertbad_certificate/);
});

test('under zh-cn the certificate checks and the TLS 1.3 key phases are drawn in Chinese', () => {
  // Line breaks are layout (Chinese breaks between characters, without a space): compare the
  // words.
  const draw = (file: string) =>
    renderMermaid(analyze(readFileSync(`examples/${file}`, 'utf8'), { locale: 'zh-cn' }))
      .text.replace(/#(\d+);/g, (_, c: string) => String.fromCodePoint(Number(c)))
      .replace(/<br\/>| /g, '');
  assert.match(
    draw('https-rsa.handshake'),
    /bank_cert✓由DigiCert签发，域名bank\.example相符，2026-11-26在有效期内/,
  );
  assert.match(
    draw('mitm-trusted-attacker-ca.handshake'),
    /⚠client接受fake_bank：它把mallory的CAProxyRoot列为受信任的根证书/,
  );
  const tls13 = draw('tls13.handshake');
  assert.match(tls13, /🔒用握手密钥加密[\s\S]*🔒用应用数据密钥加密/);
});

test('under zh-cn the quick fixes of TLS mistakes have Chinese titles', () => {
  const RSA = 'TLS_RSA_WITH_AES_128_GCM_SHA256';
  const hello = `client -> server ClientHello random=r1 sni=bank.example versions=1.2 suites=${RSA}`;
  const notOffered = lines(
    ...pki(),
    hello,
    'server -> client ServerHello random=r2 version=1.3 suite=TLS_AES_128_GCM_SHA256',
  );
  const keyAndOrder = lines(
    ...pki({ extra: ['key other holder=client'] }),
    hello,
    `server -> client ServerHello random=r2 version=1.2 suite=${RSA}`,
    'server -> client Certificate cert=c',
    'server -> client ServerHelloDone',
    'client -> server ClientKeyExchange premaster=pm encrypted=other',
    'client -> server Finished',
  );
  const continues = lines(
    ...pki(),
    hello.replace('bank.example', 'other.example'),
    `server -> client ServerHello random=r2 version=1.2 suite=${RSA}`,
    'server -> client Certificate cert=c',
    'server -> client ServerHelloDone',
    'client -> server ClientKeyExchange premaster=pm encrypted=k',
  );
  const fixes = (text: string) =>
    analyze(text, { locale: 'zh-cn' })
      .diagnostics.filter((d) => d.fix)
      .map((d) => [d.kind, d.fix?.title]);
  assert.deepEqual(fixes(notOffered), [
    ['TlsVersionNotOffered', '选择 TLS 1.2'],
    ['TlsSuiteNotOffered', `选择 ${RSA}`],
  ]);
  assert.deepEqual(fixes(keyAndOrder), [
    ['TlsWrongKey', '改用 k 加密'],
    ['TlsFinishedBeforeCcs', '先发送 ChangeCipherSpec'],
  ]);
  assert.deepEqual(fixes(continues), [
    ['TlsContinuesAfterFailure', '改为发送 Alert bad_certificate'],
  ]);
});
