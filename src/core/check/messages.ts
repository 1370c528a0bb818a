import type { DiagnosticKind } from './codes';

/**
 * Every user-facing diagnostic sentence, in one table so that it can be translated.
 * Each entry takes the facts it needs; none computes protocol rules.
 */
export const MESSAGES = {
  UnexpectedCharacter: (p: { text: string }) => `Unexpected character '${p.text}'.`,
  UnterminatedString: () => 'Unterminated string: add the closing quote (") before the line ends.',
  BadEscape: () => 'Unknown escape: use \\n, \\r, \\t, \\0, \\\\, \\" or \\xHH.',
  ExpectedToken: (p: { expected: string; found: string }) =>
    `Expected ${p.expected}, found ${p.found}.`,
  UnknownStatement: (p: { text: string }) =>
    `Unknown statement '${p.text}': a line starts with scenario, endpoint, let, expect, wait, simultaneous, or an endpoint name.`,
  UnknownFlag: (p: { text: string }) =>
    `Unknown flag '${p.text}': TCP flags are SYN, ACK, FIN, RST, PSH, URG, ECE and CWR.`,
  UnknownField: (p: { text: string }) =>
    `Unknown field '${p.text}': a segment has seq=, ack=, win= and len=.`,
  DuplicateField: (p: { name: string }) => `${p.name} is given twice; the second one is ignored.`,
  InvalidAddress: (p: { text: string; reason: string }) =>
    `Invalid address '${p.text}': ${p.reason}. Write IPv4 as 192.168.1.116:3337 and IPv6 as [::1]:443.`,
  UnknownState: (p: { text: string }) =>
    `Unknown state '${p.text}': the RFC 9293 states are CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK and TIME_WAIT.`,
  NotASegment: () => 'Only segments (A -> B ...) can stand inside a simultaneous block.',
  UnclosedBlock: () => "This simultaneous block has no closing '}'.",
  StrayBrace: () => "This '}' closes no block.",
  UnknownDuration: (p: { text: string }) =>
    `Unknown wait '${p.text}': write 'wait 2MSL' for the end of TIME_WAIT.`,
  KeywordAsName: (p: { text: string }) => `'${p.text}' is a keyword and cannot name an endpoint.`,

  AckNotNext: (p: { endpoint: string; expected: string; why: string; hint: string }) =>
    `ack should be ${p.expected}: ${p.why}.${p.hint}`,
  SeqNotNext: (p: { endpoint: string; expected: string; why: string; hint: string }) =>
    `seq should be ${p.expected}: ${p.why}.${p.hint}`,
  AckValueWithoutFlag: () =>
    'ack= is given but the ACK flag is not set: the acknowledgment field only counts when ACK is set. Add ACK or remove ack=.',
  AckFlagWithoutValue: (p: { expected: string }) =>
    `The ACK flag is set but no ack= is given; the engine assumes ack=${p.expected}.`,
  AckUnsentData: (p: { peer: string; value: string; sndNxt: string }) =>
    `ack=${p.value} acknowledges data ${p.peer} never sent: ${p.peer} has sent up to ${p.sndNxt} (its SND.NXT).`,
  UnboundSymbol: (p: { name: string }) =>
    `'${p.name}' is not bound yet: a symbol is bound by its first use in a seq= (an initial sequence number) or by 'let ${p.name} = NUMBER'.`,
  SynWithoutSeq: (p: { endpoint: string }) =>
    `A SYN chooses ${p.endpoint}'s initial sequence number: give it with seq= (a number, or a symbol such as seq=x).`,
  IssChanged: (p: { endpoint: string; iss: string; line: number }) =>
    `${p.endpoint} already chose its initial sequence number ${p.iss} with the SYN at line ${p.line}; a SYN sent again must reuse it.`,
  ResetSeqNotAcceptable: (p: { expected: string }) =>
    `A reset carries its sender's SND.NXT, ${p.expected}: the receiver acts on a reset only when its seq is exactly the receiver's RCV.NXT, and answers any other with a challenge ACK (RFC 5961 §3.2).`,
  Retransmission: (p: { line: number }) =>
    `Retransmission of the segment first sent at line ${p.line}.`,
  OutOfOrder: (p: { endpoint: string; expected: string; got: string }) =>
    `${p.endpoint} expects ${p.expected} next and got ${p.got}: earlier data is missing (lost), so this segment is held back and not acknowledged yet (Wireshark: previous segment not captured).`,
  MissingAckFlag: (p: { endpoint: string; state: string }) =>
    `${p.endpoint} is ${p.state}: every segment after the SYN carries the ACK flag (RFC 9293 §3.10.7.4 drops one without it).`,
  ResetAnswerNotAck: (p: { expected: string }) =>
    `A reset answering a segment without ACK is RST ACK with seq=0 and ack=${p.expected} (RFC 9293 §3.10.7.1).`,

  InvalidInState: (p: { endpoint: string; state: string; what: string; reason: string }) =>
    `${p.endpoint} is ${p.state} and cannot send ${p.what}: ${p.reason}.`,
  DataBeforeEstablished: (p: { endpoint: string; state: string }) =>
    `${p.endpoint} is ${p.state}: data can only be sent once the connection is ESTABLISHED.`,
  SynInSynchronizedState: (p: { endpoint: string; state: string }) =>
    `${p.endpoint} is ${p.state}: a SYN is only sent to open a connection; in a synchronized state the peer answers it with a challenge ACK (RFC 5961 §4).`,
  FinAfterFin: (p: { endpoint: string; state: string; line: number }) =>
    `${p.endpoint} is ${p.state}: it already sent its FIN at line ${p.line}, so it cannot send another one (only retransmit that FIN with the same seq).`,
  PeerNeverListened: (p: {
    endpoint: string;
    peer: string;
    line: number;
    reply: string;
    reason: string;
  }) =>
    `${p.endpoint} ${p.reason}, so a real stack answers the segment at line ${p.line} with a reset: ${p.endpoint} -> ${p.peer} ${p.reply}.`,
  DataAfterFin: (p: { endpoint: string; state: string; line: number }) =>
    `${p.endpoint} is ${p.state}: it closed its sending side with the FIN at line ${p.line} and cannot send new data.`,
  ListenNotClosed: (p: { endpoint: string; state: string }) =>
    `${p.endpoint} is ${p.state}: only a CLOSED endpoint can start listening.`,
  CloseInvalid: (p: { endpoint: string; state: string }) =>
    `${p.endpoint} is ${p.state}: 'close' ends a LISTEN or SYN_SENT endpoint; a connection is closed by sending FIN.`,
  NothingInTimeWait: () => 'No endpoint is in TIME_WAIT, so waiting 2MSL changes nothing.',
  SegmentToSelf: (p: { endpoint: string }) => `${p.endpoint} sends a segment to itself.`,
  OtherConnection: (p: { endpoint: string; peer: string; other: string }) =>
    `${p.endpoint} is connected with ${p.peer}; each endpoint holds one connection, so declare another endpoint to talk to ${p.other}.`,

  InvalidFlagCombination: (p: { flags: string; reason: string }) => `${p.flags}: ${p.reason}.`,
  NoFlags: () =>
    'A segment needs at least one flag (SYN, ACK, FIN, RST, PSH ...): a segment with no flags is what scanners send, not a TCP stack.',
  NumberOutOfRange: (p: { what: string; max: string }) =>
    `${p.what} is out of range: the largest value is ${p.max}.`,
  DuplicateFlag: (p: { flag: string }) => `${p.flag} is written twice.`,
  SynWithData: () =>
    'Data on a SYN is only delivered with TCP Fast Open; a textbook handshake carries no data before ESTABLISHED.',

  UnknownEndpoint: (p: { name: string }) =>
    `Unknown endpoint '${p.name}': declare it with 'endpoint ${p.name}'.`,
  DuplicateEndpoint: (p: { name: string; line: number }) =>
    `Endpoint '${p.name}' is already declared at line ${p.line}.`,
  DuplicateSymbol: (p: { name: string; line: number }) =>
    `Symbol '${p.name}' is already bound at line ${p.line}.`,
  DuplicateScenario: (p: { line: number }) =>
    `The scenario is already named at line ${p.line}; this title replaces it.`,

  ExpectFailed: (p: { endpoint: string; expected: string; actual: string; why: string }) =>
    `Expected ${p.endpoint} to be ${p.expected}, but it is ${p.actual}${p.why}.`,
} satisfies Record<DiagnosticKind, (p: never) => string>;
