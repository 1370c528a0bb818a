/** The HS6xx rows of the diagnostic-code table in codes.test.ts: TLS and certificates. */

const RSA = 'TLS_RSA_WITH_AES_128_GCM_SHA256';

/** client and server, a CA, the server's key and certificate, a client that trusts the CA. */
export function pki(options: { trust?: string; cert?: string; extra?: string[] } = {}): string[] {
  return [
    'endpoint client',
    'endpoint server',
    'ca CA',
    'key k holder=server',
    options.cert ?? 'cert c subject=bank.example key=k issuer=CA',
    `trust client ${options.trust ?? 'CA'}`,
    ...(options.extra ?? []),
  ];
}

export const CLIENT_HELLO = `client -> server ClientHello random=r1 sni=bank.example versions=1.2 suites=${RSA}`;
export const HELLO = [
  CLIENT_HELLO,
  `server -> client ServerHello random=r2 version=1.2 suite=${RSA}`,
  'server -> client Certificate cert=c',
  'server -> client ServerHelloDone',
];
/** The server asks for a client certificate; the client's Certificate carries none. */
const CLIENT_CERTIFICATE = [
  ...HELLO.slice(0, 3),
  'server -> client CertificateRequest',
  'server -> client ServerHelloDone',
  'client -> server Certificate',
];
export const KEY_EXCHANGE = [
  'client -> server ClientKeyExchange premaster=pm encrypted=k',
  'client -> server ChangeCipherSpec',
  'client -> server Finished',
  'server -> client ChangeCipherSpec',
  'server -> client Finished',
];

/** A client, an attacker and the server it impersonates; mallory relays the hellos. */
export const MITM_PKI = [
  'endpoint client',
  'attacker mallory',
  'endpoint server',
  'ca CA',
  'key k holder=server',
  'cert c subject=bank.example key=k issuer=CA',
  'trust client CA',
];
const RELAYED_HELLO = [
  `client -> mallory ClientHello random=r1 sni=bank.example versions=1.2 suites=${RSA}`,
  'mallory -> server forward ClientHello',
  `server -> mallory ServerHello random=r2 version=1.2 suite=${RSA}`,
  'server -> mallory Certificate cert=c',
  'server -> mallory ServerHelloDone',
  'mallory -> client forward ServerHello',
  'mallory -> client forward Certificate',
  'mallory -> client forward ServerHelloDone',
  'client -> mallory ClientKeyExchange premaster=pm encrypted=k',
];

/** A TLS 1.3 ClientHello the server answers with a HelloRetryRequest, retried with `suites`. */
const RETRIED = (suites: string) => [
  'client -> server ClientHello random=r1 sni=bank.example versions=1.3 suites=TLS_AES_128_GCM_SHA256 key_share=c1',
  'server -> client HelloRetryRequest group=secp256r1',
  `client -> server ClientHello random=r1 sni=bank.example versions=1.3 suites=${suites} key_share=c2`,
];

/** The attacker's own CA, which the client trusts (or not). */
const PROXY = (trust: string) => [
  'endpoint client',
  'attacker mallory',
  'ca CA',
  'ca ProxyRoot holder=mallory',
  'key m holder=mallory',
  'cert fake subject=bank.example key=m issuer=ProxyRoot',
  `trust client ${trust}`,
  `client -> mallory ClientHello random=r1 sni=bank.example versions=1.2 suites=${RSA}`,
  `mallory -> client ServerHello random=r2 version=1.2 suite=${RSA}`,
  'mallory -> client Certificate cert=fake',
  'mallory -> client ServerHelloDone',
  'client -> mallory ClientKeyExchange premaster=pm encrypted=m',
  'client -> mallory ChangeCipherSpec',
  'client -> mallory Finished',
  'mallory -> client ChangeCipherSpec',
  'mallory -> client Finished',
];

export const TLS_CASES = {
  HS601: {
    bad: [...pki(), 'client -> server ClientHello random=r1 colour=red'],
    line: 7,
    text: 'colour',
    good: [...pki(), 'client -> server ClientHello random=r1'],
  },
  HS602: {
    bad: [...pki(), 'client -> server ClientHello sni=bank.example'],
    line: 7,
    text: 'ClientHello',
    good: [...pki(), 'client -> server ClientHello random=r1 sni=bank.example'],
  },
  HS603: {
    bad: [...pki(), ...HELLO.slice(0, 2), 'server -> client Certificate cert=nope'],
    line: 9,
    text: 'nope',
    good: [...pki(), ...HELLO],
  },
  HS604: {
    bad: [...pki(), 'key k holder=client'],
    line: 7,
    text: 'k',
    good: [...pki(), 'key k2 holder=client'],
  },
  HS605: {
    bad: [...pki(), 'client -> server ClientHello random=r1 versions=1.4'],
    line: 7,
    text: '1.4',
    good: [...pki(), 'client -> server ClientHello random=r1 versions=1.3'],
  },
  HS606: {
    bad: [...pki(), ...HELLO.slice(0, 3), KEY_EXCHANGE[0] as string],
    line: 10,
    text: 'ClientKeyExchange',
    good: [...pki(), ...HELLO, KEY_EXCHANGE[0] as string],
  },
  HS607: {
    bad: [...pki(), 'server listen', 'client -> server SYN seq=x', CLIENT_HELLO],
    line: 9,
    text: 'ClientHello',
    good: [
      ...pki(),
      'server listen',
      'client -> server SYN seq=x',
      'server -> client SYN ACK seq=y ack=x+1',
      'client -> server ACK seq=x+1 ack=y+1',
      CLIENT_HELLO,
    ],
  },
  HS608: {
    bad: [
      ...pki(),
      CLIENT_HELLO,
      'server -> client ServerHello random=r2 version=1.3 suite=TLS_AES_128_GCM_SHA256 key_share=s',
    ],
    line: 8,
    text: '1.3',
    good: [...pki(), ...HELLO.slice(0, 2)],
  },
  HS609: {
    bad: [
      ...pki(),
      CLIENT_HELLO,
      'server -> client ServerHello random=r2 version=1.2 suite=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    ],
    line: 8,
    text: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    good: [...pki(), ...HELLO.slice(0, 2)],
  },
  HS610: {
    bad: [
      ...pki(),
      'client -> server ClientHello random=r1 versions=1.2',
      'server -> client ServerHello random=r2 version=1.2 suite=TLS_AES_128_GCM_SHA256',
    ],
    line: 8,
    text: 'TLS_AES_128_GCM_SHA256',
    good: [
      ...pki(),
      'client -> server ClientHello random=r1 versions=1.2',
      `server -> client ServerHello random=r2 version=1.2 suite=${RSA}`,
    ],
  },
  HS611: {
    bad: [
      ...pki(),
      'client -> server ClientHello random=r1',
      'server -> client ServerHello random=r1 version=1.2',
    ],
    line: 8,
    text: 'r1',
    good: [
      ...pki(),
      'client -> server ClientHello random=r1',
      'server -> client ServerHello random=r2 version=1.2',
    ],
  },
  HS612: {
    bad: [...pki({ trust: 'Other', extra: ['ca Other'] }), ...HELLO],
    line: 10,
    text: 'c',
    good: [...pki({ extra: ['ca Other'] }), ...HELLO],
  },
  HS613: {
    bad: [
      ...pki({ extra: ['key k2 holder=client', 'cert f from=c key=k2'] }),
      ...HELLO.slice(0, 2),
      'server -> client Certificate cert=f',
    ],
    line: 11,
    text: 'f',
    good: [...pki({ extra: ['key k2 holder=client', 'cert f from=c key=k2'] }), ...HELLO],
  },
  HS614: {
    bad: [...pki(), CLIENT_HELLO.replace('bank.example', 'other.example'), ...HELLO.slice(1)],
    line: 9,
    text: 'c',
    good: [...pki(), ...HELLO],
  },
  HS615: {
    bad: [
      ...pki({
        cert: 'cert c subject=bank.example key=k issuer=CA notAfter=2027-01-01',
        extra: ['date 2027-06-01'],
      }),
      ...HELLO,
    ],
    line: 10,
    text: 'c',
    good: [
      ...pki({
        cert: 'cert c subject=bank.example key=k issuer=CA notAfter=2027-01-01',
        extra: ['date 2026-06-01'],
      }),
      ...HELLO,
    ],
  },
  HS616: {
    bad: [
      ...pki({
        cert: 'cert c subject=bank.example key=k issuer=CA notBefore=2026-01-01',
        extra: ['date 2025-06-01'],
      }),
      ...HELLO,
    ],
    line: 10,
    text: 'c',
    good: [
      ...pki({
        cert: 'cert c subject=bank.example key=k issuer=CA notBefore=2026-01-01',
        extra: ['date 2026-06-01'],
      }),
      ...HELLO,
    ],
  },
  HS617: {
    bad: [...pki({ cert: 'cert c subject=bank.example key=k issuer=self' }), ...HELLO],
    line: 9,
    text: 'c',
    good: [...pki(), ...HELLO],
  },
  HS618: {
    bad: [...pki({ trust: 'Other', extra: ['ca Other'] }), ...HELLO, KEY_EXCHANGE[0] as string],
    line: 12,
    text: 'ClientKeyExchange',
    good: [
      ...pki({ trust: 'Other', extra: ['ca Other'] }),
      ...HELLO,
      'client -> server Alert unknown_ca',
    ],
  },
  HS619: {
    bad: [
      ...pki().map((l) => l.replace('key k holder=server', 'key k holder=client')),
      ...HELLO,
      ...KEY_EXCHANGE,
    ],
    line: 13,
    text: 'Finished',
    good: [...pki(), ...HELLO, ...KEY_EXCHANGE],
  },
  HS620: {
    bad: [...pki(), ...HELLO, KEY_EXCHANGE[0] as string, 'client -> server Finished'],
    line: 12,
    text: 'Finished',
    good: [...pki(), ...HELLO, ...KEY_EXCHANGE.slice(0, 3)],
  },
  HS621: {
    bad: [
      ...pki({ extra: ['key k2 holder=server'] }),
      ...HELLO,
      'client -> server ClientKeyExchange premaster=pm encrypted=k2',
    ],
    line: 12,
    text: 'k2',
    good: [...pki({ extra: ['key k2 holder=server'] }), ...HELLO, KEY_EXCHANGE[0] as string],
  },
  HS622: {
    bad: [
      ...MITM_PKI,
      'client -> mallory ClientHello random=r1 sni=bank.example versions=1.2 suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      'mallory -> client ServerHello random=r2 version=1.2 suite=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      'mallory -> client Certificate cert=c',
      'mallory -> client ServerKeyExchange share=ys',
    ],
    line: 11,
    text: 'ServerKeyExchange',
    good: [
      ...MITM_PKI,
      'client -> server ClientHello random=r1 sni=bank.example versions=1.2 suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      'server -> client ServerHello random=r2 version=1.2 suite=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      'server -> client Certificate cert=c',
      'server -> client ServerKeyExchange share=ys',
    ],
  },
  HS623: {
    bad: [
      ...MITM_PKI,
      ...RELAYED_HELLO,
      'mallory -> server ClientKeyExchange premaster=pm encrypted=k',
    ],
    line: 17,
    text: 'pm',
    good: [...MITM_PKI, ...RELAYED_HELLO, 'mallory -> server forward ClientKeyExchange'],
  },
  HS624: {
    bad: [...MITM_PKI, 'mallory -> server forward ClientHello'],
    line: 8,
    text: 'forward',
    good: [...MITM_PKI, ...RELAYED_HELLO.slice(0, 2)],
  },
  HS625: {
    bad: PROXY('CA ProxyRoot'),
    line: 16,
    text: 'Finished',
    good: PROXY('CA'),
  },
  HS626: {
    bad: pki({ trust: 'any' }),
    line: 6,
    text: 'any',
    good: pki(),
  },
  HS627: {
    bad: [...pki(), ...RETRIED('TLS_CHACHA20_POLY1305_SHA256')],
    line: 9,
    text: 'TLS_CHACHA20_POLY1305_SHA256',
    good: [...pki(), ...RETRIED('TLS_AES_128_GCM_SHA256')],
  },
  HS628: {
    bad: [
      ...pki({ trust: 'Other', extra: ['ca Other'] }),
      ...HELLO,
      'client -> server Alert certificate_expired',
    ],
    line: 12,
    text: 'certificate_expired',
    good: [
      ...pki({ trust: 'Other', extra: ['ca Other'] }),
      ...HELLO,
      'client -> server Alert unknown_ca',
    ],
  },
  HS629: {
    bad: [...pki(), ...CLIENT_CERTIFICATE, 'server -> client Alert handshake_failure'],
    line: 13,
    text: 'handshake_failure',
    good: [
      ...pki({
        extra: ['key kc holder=client', 'cert cc subject=client.example key=kc issuer=CA'],
      }),
      ...CLIENT_CERTIFICATE.slice(0, -1),
      'client -> server Certificate cert=cc',
      'server -> client Alert handshake_failure',
    ],
  },
};
