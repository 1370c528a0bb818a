/**
 * The scenarios "Handshake: New Scenario" offers. Each checks with no problems (tested), so a
 * new file starts from something correct to change.
 */
export interface Template {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly text: string;
  /**
   * Where the cursor goes once the document opens (zero-based, in UTF-16 code units); the start
   * when absent. A line and column, not an offset: the editor may turn each `\n` into `\r\n`.
   */
  readonly cursor?: { readonly line: number; readonly character: number };
}

const lines = (...text: string[]) => text.join('\n') + '\n';

/** Endpoints and the three-way handshake, where the templates start. */
const OPENING = [
  'endpoint client 10.0.0.1:50000',
  'endpoint server 10.0.0.2:80',
  '',
  'server listen',
  'client -> server  SYN      seq=x',
  'server -> client  SYN ACK  seq=y    ack=x+1',
  'client -> server  ACK      seq=x+1  ack=y+1',
];

/**
 * The smallest scenario to write in: a title, two endpoints and a listening server, with the
 * cursor on the empty line where the first segment (the client's SYN) goes.
 */
const BLANK_HEAD = lines(
  'scenario "New scenario"',
  'endpoint client 10.0.0.1:50000',
  'endpoint server 10.0.0.2:80',
  '',
  'server listen',
);

export const BLANK_TEMPLATE: Template = {
  id: 'blank',
  label: 'Blank scenario',
  description: 'Two endpoints and a listening server: write the segments yourself',
  text: BLANK_HEAD,
  // The text ends in a line break: the cursor goes on the empty last line.
  cursor: { line: BLANK_HEAD.split('\n').length - 1, character: 0 },
};

export const TEMPLATES: readonly Template[] = [
  BLANK_TEMPLATE,
  {
    id: 'three-way-handshake',
    label: 'Three-way handshake',
    description: 'SYN, SYN ACK, ACK: the connection opens',
    text: lines(
      'scenario "Three-way handshake"',
      ...OPENING,
      'expect client ESTABLISHED',
      'expect server ESTABLISHED',
    ),
  },
  {
    id: 'four-way-close',
    label: 'Four-way close',
    description: 'FIN, ACK, FIN, ACK, then TIME_WAIT and 2MSL',
    text: lines(
      'scenario "Four-way close"',
      ...OPENING,
      '',
      'client -> server  FIN ACK  seq=x+1  ack=y+1',
      'server -> client  ACK      seq=y+1  ack=x+2',
      'expect client FIN_WAIT_2',
      'expect server CLOSE_WAIT',
      'server -> client  FIN ACK  seq=y+1  ack=x+2',
      'client -> server  ACK      seq=x+2  ack=y+2',
      'expect client TIME_WAIT',
      'expect server CLOSED',
      'wait 2MSL',
      'expect client CLOSED',
    ),
  },
  {
    id: 'simultaneous-open',
    label: 'Simultaneous open',
    description: 'Both ends send SYN at once; the SYNs cross',
    text: lines(
      'scenario "Simultaneous open"',
      'endpoint a 10.0.0.1:7000',
      'endpoint b 10.0.0.2:7000',
      '',
      'simultaneous {',
      '  a -> b  SYN  seq=x',
      '  b -> a  SYN  seq=y',
      '}',
      'simultaneous {',
      '  a -> b  SYN ACK  seq=x  ack=y+1',
      '  b -> a  SYN ACK  seq=y  ack=x+1',
      '}',
      'expect a ESTABLISHED',
      'expect b ESTABLISHED',
    ),
  },
  {
    id: 'connection-refused',
    label: 'Connection refused',
    description: 'Nobody listens: the SYN is answered with RST ACK',
    text: lines(
      'scenario "Connection refused"',
      'endpoint client 127.0.0.1:41000',
      'endpoint server 127.0.0.1:7788',
      '',
      'client -> server  SYN      seq=x',
      'server -> client  RST ACK  seq=0  ack=x+1',
      'expect client CLOSED',
    ),
  },
  {
    id: 'https',
    label: 'HTTPS handshake',
    description:
      'TCP, then TLS 1.2 with RSA key exchange: randoms, certificate, premaster, Finished',
    text: lines(
      'scenario "HTTPS handshake"',
      ...OPENING.slice(0, 1),
      'endpoint server 10.0.0.2:443',
      '',
      'ca DigiCert',
      'key server_key holder=server',
      'cert server_cert subject=bank.example key=server_key issuer=DigiCert',
      'trust client DigiCert',
      ...OPENING.slice(2),
      '',
      'client -> server  ClientHello random=r1 sni=bank.example versions=1.2 suites=TLS_RSA_WITH_AES_128_GCM_SHA256',
      'server -> client  ServerHello random=r2 version=1.2 suite=TLS_RSA_WITH_AES_128_GCM_SHA256',
      'server -> client  Certificate cert=server_cert',
      'server -> client  ServerHelloDone',
      'client -> server  ClientKeyExchange premaster=pm encrypted=server_key',
      'client -> server  ChangeCipherSpec',
      'client -> server  Finished',
      'server -> client  ChangeCipherSpec',
      'server -> client  Finished',
      'client -> server  ApplicationData "GET / HTTP/1.1"',
    ),
  },
  {
    id: 'man-in-the-middle',
    label: 'Man in the middle',
    description: 'An attacker replaces the public key; the client’s certificate check stops it',
    text: lines(
      'scenario "Man in the middle"',
      'endpoint client',
      'attacker mallory',
      'endpoint server',
      '',
      'ca DigiCert',
      'key server_key holder=server',
      'key mallory_key holder=mallory',
      'cert server_cert subject=bank.example key=server_key issuer=DigiCert',
      'cert forged from=server_cert key=mallory_key',
      'trust client DigiCert',
      '',
      'client -> mallory  ClientHello random=r1 sni=bank.example versions=1.2',
      'mallory -> client  ServerHello random=r2 version=1.2',
      'mallory -> client  Certificate cert=forged',
      'client -> mallory  Alert bad_certificate',
    ),
  },
];

/**
 * The walkthrough's exercise: a handshake with one wrong ack (the server forgot that the SYN
 * consumes one sequence number), to fix with the quick fix.
 */
export const MISTAKE_TEMPLATE: Template = {
  id: 'mistake',
  label: 'A handshake with a mistake',
  description: 'Find and fix the wrong ack',
  text: lines(
    'scenario "Find the mistake"',
    'endpoint client 192.168.1.116:3337',
    'endpoint server 192.168.1.123:7788',
    '',
    'server listen',
    'client -> server  SYN      seq=3626544836',
    'server -> client  SYN ACK  seq=1739326486  ack=3626544836',
    'client -> server  ACK      seq=3626544837  ack=1739326487',
    'expect client ESTABLISHED',
    'expect server ESTABLISHED',
  ),
};
