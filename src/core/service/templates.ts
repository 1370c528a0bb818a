/**
 * The scenarios "Handshake: New Scenario" offers. Each checks with no problems (tested), so a
 * new file starts from something correct to change.
 */
export interface Template {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly text: string;
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

export const TEMPLATES: readonly Template[] = [
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
