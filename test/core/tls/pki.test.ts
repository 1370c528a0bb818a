import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../src/core/check/diagnostic';
import { LineMap } from '../../../src/core/text/lineMap';
import { parse } from '../../../src/core/syntax/parser';
import { buildPki, verifyCertificate } from '../../../src/core/tls/pki';
import { lines } from '../../helpers';

const BASE = [
  'endpoint client',
  'endpoint server',
  'attacker mallory',
  'ca Root',
  'ca Evil holder=mallory',
  'key k holder=server',
  'key m holder=mallory',
  'trust client Root',
];

function pkiOf(...extra: string[]) {
  const text = lines(...BASE, ...extra);
  const found: Finding[] = [];
  const pki = buildPki(
    parse(text).document.statements,
    new LineMap(text),
    (name) => ['client', 'server', 'mallory'].includes(name),
    (d) => found.push(d),
  );
  return { pki, codes: found.map((d) => d.code) };
}

/** What `client`, asking for `sni`, makes of the certificate `name`. */
function check(name: string, sni: string | undefined, ...extra: string[]) {
  const { pki } = pkiOf(...extra);
  const cert = pki.certs.get(name);
  assert.ok(cert, `no certificate ${name}`);
  return verifyCertificate(pki, cert, 'client', sni);
}

/** Why `client` rejects the certificate, or CertVerified / CertUnchecked when it accepts it. */
function verdict(name: string, sni: string, ...extra: string[]) {
  return check(name, sni, ...extra).kind;
}

const CERT = 'cert c subject=bank.example key=k issuer=Root';

test('a certificate from a trusted CA for the asked name is accepted', () => {
  assert.equal(verdict('c', 'bank.example', CERT), 'CertVerified');
});

test('names compare without case', () => {
  assert.equal(verdict('c', 'BANK.example', CERT), 'CertVerified');
});

const FAILURES: readonly { name: string; extra: string[]; cert: string; kind: string }[] = [
  {
    name: 'an issuer the client does not trust',
    extra: ['cert e subject=bank.example key=m issuer=Evil'],
    cert: 'e',
    kind: 'CertUntrustedIssuer',
  },
  {
    name: 'a public key replaced after signing (from= keeps the old signature)',
    extra: [CERT, 'cert f from=c key=m'],
    cert: 'f',
    kind: 'CertBadSignature',
  },
  {
    name: 'a subject changed after signing',
    extra: [CERT, 'cert f from=c subject=evil.example'],
    cert: 'f',
    kind: 'CertBadSignature',
  },
  {
    name: 'a certificate that claims a trusted issuer but was signed by another key',
    extra: ['cert f subject=bank.example key=m issuer=Root signer=m'],
    cert: 'f',
    kind: 'CertBadSignature',
  },
  {
    name: 'a valid certificate for another name',
    extra: ['cert e subject=evil.example key=m issuer=Root'],
    cert: 'e',
    kind: 'CertNameMismatch',
  },
  {
    name: 'an expired certificate',
    extra: ['date 2026-11-26', 'cert c subject=bank.example key=k issuer=Root notAfter=2026-11-25'],
    cert: 'c',
    kind: 'CertExpired',
  },
  {
    name: 'a certificate not valid yet',
    extra: [
      'date 2026-11-26',
      'cert c subject=bank.example key=k issuer=Root notBefore=2026-11-27',
    ],
    cert: 'c',
    kind: 'CertNotYetValid',
  },
  {
    name: 'a self-signed certificate',
    extra: ['cert s subject=bank.example key=k issuer=self'],
    cert: 's',
    kind: 'CertSelfSigned',
  },
];

for (const failure of FAILURES) {
  test(`rejected: ${failure.name}`, () => {
    assert.equal(verdict(failure.cert, 'bank.example', ...failure.extra), failure.kind);
  });
}

test('the day a certificate expires and the day it starts are still valid', () => {
  const dated =
    'cert c subject=bank.example key=k issuer=Root notBefore=2026-11-26 notAfter=2026-11-26';
  assert.equal(verdict('c', 'bank.example', 'date 2026-11-26', dated), 'CertVerified');
});

test('without a date, validity is not checked', () => {
  const dated = 'cert c subject=bank.example key=k issuer=Root notAfter=2000-01-01';
  assert.equal(verdict('c', 'bank.example', dated), 'CertVerified');
});

test('the chain is checked before the name, and the name before the dates', () => {
  const both = 'cert e subject=evil.example key=m issuer=Evil notAfter=2000-01-01';
  assert.equal(verdict('e', 'bank.example', 'date 2026-11-26', both), 'CertUntrustedIssuer');
  const late = 'cert e subject=evil.example key=m issuer=Root notAfter=2000-01-01';
  assert.equal(verdict('e', 'bank.example', 'date 2026-11-26', late), 'CertNameMismatch');
});

test('a client that trusts the attacker’s CA accepts what that CA signs', () => {
  const fake = 'cert f subject=bank.example key=m issuer=Evil';
  assert.equal(verdict('f', 'bank.example', fake, 'trust client Root Evil'), 'CertVerified');
});

test('trust any accepts a forged certificate, and is reported', () => {
  const { codes } = pkiOf(CERT, 'cert f from=c key=m', 'trust client any');
  assert.deepEqual(codes, ['HS626']);
  assert.equal(
    verdict('f', 'bank.example', CERT, 'cert f from=c key=m', 'trust client any'),
    'CertUnchecked',
  );
});

test('a trusted self-signed certificate is accepted', () => {
  const own = 'cert s subject=bank.example key=k issuer=self';
  assert.equal(verdict('s', 'bank.example', own, 'trust client s'), 'CertVerified');
});

/** An accepted certificate says what was checked: the diagram's note quotes it. */
const ACCEPTED: readonly {
  name: string;
  sni?: string;
  extra: string[];
  cert: string;
  checked: object;
}[] = [
  {
    name: 'the CA, the name asked for and the day checked',
    sni: 'BANK.example',
    extra: ['date 2026-11-26', 'cert c subject=bank.example key=k issuer=Root notAfter=2027-01-01'],
    cert: 'c',
    checked: { signer: 'Root', selfSigned: false, name: 'BANK.example', date: '2026-11-26' },
  },
  {
    name: 'no name when the client asked for none (and it says so), no day when no date is given',
    extra: [CERT],
    cert: 'c',
    checked: { signer: 'Root', selfSigned: false, noSni: true },
  },
  {
    name: 'no day when the certificate has no validity dates',
    sni: 'bank.example',
    extra: ['date 2026-11-26', CERT],
    cert: 'c',
    checked: { signer: 'Root', selfSigned: false, name: 'bank.example' },
  },
  {
    name: 'a trusted self-signed certificate vouches for itself',
    sni: 'bank.example',
    extra: ['cert s subject=bank.example key=k issuer=self', 'trust client s'],
    cert: 's',
    checked: { signer: 's', selfSigned: true, name: 'bank.example' },
  },
  {
    name: 'a trusted CA whose private key an attacker holds names the attacker',
    sni: 'bank.example',
    extra: ['cert f subject=bank.example key=m issuer=Evil', 'trust client Root Evil'],
    cert: 'f',
    checked: { signer: 'Evil', selfSigned: false, name: 'bank.example', attacker: 'mallory' },
  },
];

for (const accepted of ACCEPTED) {
  test(`accepted: ${accepted.name}`, () => {
    assert.deepEqual(check(accepted.cert, accepted.sni, ...accepted.extra), {
      kind: 'CertVerified',
      ...accepted.checked,
    });
  });
}

test('declarations report duplicates, unknown keys, CAs, holders and bad dates', () => {
  assert.deepEqual(pkiOf('key k holder=server').codes, ['HS604']);
  assert.deepEqual(pkiOf('cert c subject=a key=nokey issuer=Root').codes, ['HS603']);
  assert.deepEqual(pkiOf('cert c subject=a key=k issuer=k').codes, ['HS603']);
  assert.deepEqual(pkiOf('key z holder=nobody').codes, ['HS603']);
  assert.deepEqual(pkiOf('trust server Nobody').codes, ['HS603']);
  assert.deepEqual(pkiOf('cert c subject=a key=k issuer=Root notAfter=2026-02-30').codes, [
    'HS605',
  ]);
  assert.deepEqual(pkiOf('cert f from=nothing key=k').codes, ['HS603']);
});
