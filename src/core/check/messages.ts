import type { DiagnosticKind } from './codes';

/**
 * Every user-facing diagnostic sentence, in one table so that it can be translated.
 * Each entry takes the facts it needs; none computes protocol rules.
 */
export const MESSAGES = {
  UnexpectedCharacter: (p: { text: string; count?: number }) =>
    p.count && p.count > 1
      ? `${p.count} unexpected characters '${p.text}'.`
      : `Unexpected character '${p.text}'.`,
  UnterminatedString: () => 'Unterminated string: add the closing quote (") before the line ends.',
  BadEscape: () => 'Unknown escape: use \\n, \\r, \\t, \\0, \\\\, \\" or \\xHH.',
  ExpectedToken: (p: { expected: string; found: string }) =>
    `Expected ${p.expected}, found ${p.found}.`,
  UnknownStatement: (p: { text: string }) =>
    `Unknown statement '${p.text}': a line starts with scenario, endpoint, let, expect, wait, simultaneous, or an endpoint name.`,
  UnknownFlag: (p: { text: string }) =>
    `Unknown flag '${p.text}': TCP flags are SYN, ACK, FIN, RST, PSH, URG, ECE and CWR.`,
  UnknownField: (p: { text: string }) =>
    `Unknown field '${p.text}': a segment has seq=, ack=, win=, len= and, on a SYN, wscale=.`,
  DuplicateField: (p: { name: string }) => `${p.name} is given twice; the second one is ignored.`,
  InvalidAddress: (p: { text: string; reason: string }) =>
    `Invalid address '${p.text}': ${p.reason}. Write IPv4 as 192.168.1.116:3337 and IPv6 as [::1]:443.`,
  UnknownState: (p: { text: string; nearest: string }) =>
    p.nearest
      ? `Unknown state '${p.text}': write ${p.nearest}, the RFC 9293 state it is nearest to.`
      : `Unknown state '${p.text}': the RFC 9293 states are CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK and TIME_WAIT.`,
  NotASegment: () => 'Only segments (A -> B ...) can stand inside a simultaneous block.',
  UnclosedBlock: () => "This simultaneous block has no closing '}'.",
  StrayBrace: () => "This '}' closes no block.",
  UnknownDuration: (p: { text: string }) =>
    `Unknown wait '${p.text}': write 'wait 2MSL' for the end of TIME_WAIT, or a time such as 'wait 30s' (ms, s, min).`,
  KeywordAsName: (p: { text: string }) => `'${p.text}' is a keyword and cannot name an endpoint.`,
  UnfinishedLine: (p: { expected: string }) => `Unfinished line: expected ${p.expected}.`,
  RemarkWithoutHash: () =>
    'A remark in parentheses: start it with # (or //) to make it a comment. The rest of the line is read as one.',
  PastedTcpdump: (p: { segment: string }) =>
    p.segment
      ? `A line of tcpdump output is not a statement: as a segment it is '${p.segment}'. To bring in a whole trace, use Handshake: Paste tcpdump Output as Scenario (or handshake import).`
      : 'A line of tcpdump output is not a statement: write it as a segment (NAME -> NAME FLAGS seq= ack=), declaring the endpoints with its addresses, or bring in the whole trace with Handshake: Paste tcpdump Output as Scenario (or handshake import).',
  MessageInWords: (p: { text: string; message: string; enumName: string }) =>
    `'${p.text}' is the message ${p.message}: a TLS message name is one word, as the RFCs write it (${p.message}, or ${p.enumName}). It is read as ${p.message}.`,
  FullWidthCharacter: (p: { text: string; code: string; ascii: string; more: number }) =>
    `Full-width '${p.text}' (${p.code}), as an input method types it: write '${p.ascii}'${p.more > 0 ? ` (and ${p.more} more full-width character${p.more === 1 ? '' : 's'} on this line)` : ''}. It is read as '${p.ascii}'.`,

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
    `${p.endpoint} expects ${p.expected} next and got ${p.got}: earlier data is missing (lost, or still in flight), so this segment is held back and not acknowledged yet (Wireshark: previous segment not captured).`,
  MissingAckFlag: (p: { endpoint: string; state: string }) =>
    `${p.endpoint} is ${p.state}: every segment after the SYN carries the ACK flag (RFC 9293 §3.10.7.4 drops one without it).`,
  ResetAnswerNotAck: (p: { expected: string }) =>
    `A reset answering a segment without ACK is RST ACK with seq=0 and ack=${p.expected} (RFC 9293 §3.10.7.1): a SYN_SENT endpoint drops a reset without ACK (§3.10.7.3).`,

  SpuriousRetransmission: (p: { acked: string }) =>
    `Spurious retransmission: everything in this segment was already acknowledged (the peer has acknowledged up to ${p.acked}); the receiver drops it and acknowledges again (Wireshark: tcp.analysis.spurious_retransmission).`,
  KeepAlive: () =>
    'Keep-alive: seq is SND.NXT-1 so that the peer, which has already received that byte, answers with an ACK (RFC 9293 §3.8.4; Wireshark: tcp.analysis.keep_alive).',
  ResetSeqIgnored: (p: { peer: string }) =>
    `A reset answering a segment without ACK carries seq=0 (RFC 9293 §3.10.7.1); ${p.peer} is SYN_SENT and checks only the ack of a reset (§3.10.7.3), so it acts on this one all the same.`,
  ResetAckIgnored: (p: { peer: string; expected: string }) =>
    `A reset's ack is its sender's RCV.NXT, ${p.expected}; ${p.peer} checks only the seq of a reset (RFC 5961 §3.2, RFC 9293 §3.10.7.4), so it acts on this one all the same.`,

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
    hint: string;
  }) =>
    `${p.endpoint} ${p.reason}, so a real stack answers the segment at line ${p.line} with a reset: ${p.endpoint} -> ${p.peer} ${p.reply}.${p.hint}`,
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
  AlreadyDelivered: (p: { label: string; line: number; delivered: number }) =>
    `The segment labelled '${p.label}' (line ${p.line}) already arrived at line ${p.delivered}: write 'deliver ${p.label} again' for a copy the network delivers a second time.`,
  DeliverLost: (p: { label: string; line: number }) =>
    `The segment labelled '${p.label}' is lost at line ${p.line} (-x), so it never arrives: send it with ~> to keep it in flight.`,
  StillInFlight: (p: { label: string; to: string }) =>
    `The segment labelled '${p.label}' is still in flight at the end: no 'deliver ${p.label}' line delivers it, so ${p.to} never gets it.`,

  InvalidFlagCombination: (p: { flags: string; reason: string }) => `${p.flags}: ${p.reason}.`,
  NoFlags: () =>
    'A segment needs at least one flag (SYN, ACK, FIN, RST, PSH ...): a segment with no flags is what scanners send, not a TCP stack.',
  NumberOutOfRange: (p: { what: string; max: string }) =>
    `${p.what} is out of range: the largest value is ${p.max}.`,
  DuplicateFlag: (p: { flag: string; times: number }) =>
    p.times === 2 ? `${p.flag} is written twice.` : `${p.flag} is written ${p.times} times.`,
  SynWithData: (p: { flags: string; counted: string }) =>
    `Data on a ${p.flags} is only delivered with TCP Fast Open; a textbook handshake carries no data before ESTABLISHED.${p.counted}`,
  WindowScaleWithoutSyn: () =>
    'wscale= is the Window Scale option, which only a SYN carries (RFC 7323 §2.2): on this segment it is ignored.',
  WindowScaleTooLarge: (p: { text: string }) =>
    `wscale=${p.text} is above 14, the largest shift: it is taken as 14 (RFC 7323 §2.3).`,

  UnknownEndpoint: (p: { name: string }) =>
    `Unknown endpoint '${p.name}': declare it with 'endpoint ${p.name}'.`,
  DuplicateEndpoint: (p: { name: string; line: number }) =>
    `Endpoint '${p.name}' is already declared at line ${p.line}.`,
  DuplicateSymbol: (p: { name: string; line: number }) =>
    `Symbol '${p.name}' is already bound at line ${p.line}.`,
  DuplicateScenario: (p: { line: number }) =>
    `The scenario is already named at line ${p.line}; this title replaces it.`,
  UnknownLabel: (p: { label: string }) =>
    `No segment labelled '${p.label}' before this line: label one with 'as ${p.label}' (as in a ~> b ACK seq=1 as ${p.label}) to deliver it here.`,
  DuplicateLabel: (p: { label: string; line: number }) =>
    `Label '${p.label}' already names the segment at line ${p.line}.`,

  ExpectFailed: (p: {
    endpoint: string;
    expected: string;
    actual: string;
    why: string;
    hint: string;
  }) => `Expected ${p.endpoint} to be ${p.expected}, but it is ${p.actual}${p.why}.${p.hint}`,

  TlsUnknownField: (p: { text: string; owner: string; allowed: string }) =>
    `Unknown field '${p.text}' for ${p.owner}: it takes ${p.allowed}.`,
  TlsMissingField: (p: { message: string; field: string; why: string }) =>
    `${p.message} needs ${p.field}=: ${p.why}.`,
  TlsUnknownName: (p: { what: string; name: string; declare: string }) =>
    `Unknown ${p.what} '${p.name}': declare it with '${p.declare}'.`,
  TlsDuplicateName: (p: { name: string; line: number }) =>
    `'${p.name}' is already declared at line ${p.line}.`,
  TlsBadValue: (p: { what: string; text: string; expected: string }) =>
    `'${p.text}' is not a known ${p.what}: expected ${p.expected}.`,
  TlsOutOfOrder: (p: { message: string; reason: string }) =>
    `${p.message} is out of order: ${p.reason}.`,
  TlsBeforeTcp: (p: { endpoint: string; state: string }) =>
    `TLS runs over an established TCP connection, but ${p.endpoint} is ${p.state}: finish the TCP handshake first.`,
  TlsVersionNotOffered: (p: { version: string; offered: string }) =>
    `The server picks TLS ${p.version}, which the client did not offer (it offered ${p.offered}): the client aborts with a protocol_version alert.`,
  TlsSuiteNotOffered: (p: { suite: string; offered: string }) =>
    `The server picks ${p.suite}, which the client did not offer (it offered ${p.offered}): the client aborts with an illegal_parameter alert.`,
  TlsSuiteVersionMismatch: (p: { suite: string; version: string }) =>
    `${p.suite} is not a TLS ${p.version} cipher suite: TLS 1.3 suites name only the cipher and hash (TLS_AES_128_GCM_SHA256), TLS 1.2 suites also the key exchange (TLS_ECDHE_RSA_WITH_...).`,
  TlsRandomReused: (p: { name: string; line: number }) =>
    `The random '${p.name}' was already sent at line ${p.line}: every hello carries a fresh random, so that the keys of each handshake are new.`,
  CertUntrustedIssuer: (p: { client: string; cert: string; issuer: string; trusted: string }) =>
    `${p.client} rejects ${p.cert}: its issuer ${p.issuer} is not a CA ${p.client} trusts (${p.trusted}). ${p.client} sends Alert unknown_ca.`,
  CertBadSignature: (p: { client: string; cert: string; issuer: string; reason: string }) =>
    `${p.client} rejects ${p.cert}: the signature does not verify with ${p.issuer}'s public key (${p.reason}). ${p.client} sends Alert bad_certificate.`,
  CertNameMismatch: (p: { client: string; cert: string; subject: string; sni: string }) =>
    `${p.client} rejects ${p.cert}: it is for ${p.subject}, but ${p.client} asked for ${p.sni}. ${p.client} sends Alert bad_certificate.`,
  CertExpired: (p: { client: string; cert: string; notAfter: string; date: string }) =>
    `${p.client} rejects ${p.cert}: it expired on ${p.notAfter} (today is ${p.date}). ${p.client} sends Alert certificate_expired.`,
  CertNotYetValid: (p: { client: string; cert: string; notBefore: string; date: string }) =>
    `${p.client} rejects ${p.cert}: it is valid only from ${p.notBefore} (today is ${p.date}). ${p.client} sends Alert bad_certificate.`,
  CertSelfSigned: (p: { client: string; cert: string }) =>
    `${p.client} rejects ${p.cert}: it is self-signed, and ${p.client} does not trust it as a CA. ${p.client} sends Alert unknown_ca.`,
  TlsContinuesAfterFailure: (p: {
    endpoint: string;
    line: number;
    reason: string;
    alert: string;
  }) => `The handshake failed at line ${p.line} (${p.reason}); ${p.endpoint} ${p.alert}.`,
  TlsFinishedMismatch: (p: { receiver: string; reason: string }) =>
    `${p.receiver} rejects this Finished: ${p.reason}. ${p.receiver} sends Alert decrypt_error.`,
  TlsFinishedBeforeCcs: (p: { endpoint: string }) =>
    `In TLS 1.2 ${p.endpoint} sends ChangeCipherSpec before its Finished: Finished is the first message under the new keys.`,
  TlsWrongKey: (p: { key: string; expected: string; cert: string; certificate: boolean }) =>
    p.certificate
      ? `${p.key} is a certificate, not a key: the premaster secret is encrypted with the public key the certificate carries, ${p.expected} (the key= of ${p.cert}). Write encrypted=${p.expected}.`
      : `The premaster secret must be encrypted with the public key in the certificate the client accepted (${p.expected}, from ${p.cert}), not ${p.key}.`,
  TlsSignatureNotHolder: (p: { sender: string; key: string; holder: string; message: string }) =>
    `${p.message} is signed with the private key of ${p.key}, which only ${p.holder} holds: ${p.sender} cannot make this signature, so it does not verify and the handshake fails.`,
  TlsSecretUnknown: (p: { sender: string; secret: string; why: string }) =>
    `${p.sender} does not know ${p.secret}: ${p.why}.`,
  TlsNothingToForward: (p: { sender: string; message: string; reason: string }) =>
    `${p.sender} cannot forward ${p.message}: ${p.reason}.`,
  MitmSucceeds: (p: { attacker: string; client: string; reason: string }) =>
    `Man in the middle succeeds: ${p.attacker} knows the keys of ${p.client}'s session (${p.reason}), so the attacker can read and modify all application data.`,
  VerificationSkipped: (p: { endpoint: string }) =>
    `${p.endpoint} accepts any certificate (like curl -k): nothing stops a man in the middle.`,
  TlsRetryChanged: (p: { field: string; value: string; first: string; line: number }) =>
    `The ClientHello after the HelloRetryRequest sends ${p.field}=${p.value}, but the first ClientHello (line ${p.line}) sent ${p.field}=${p.first}: the client sends the same ClientHello again, changing only its key share (RFC 8446 §4.1.2), and a server that checks aborts with an illegal_parameter alert. Write ${p.field}=${p.first}.`,
  TlsAlertDisagrees: (p: { endpoint: string; alert: string; expected: string }) =>
    `${p.endpoint} sends Alert ${p.alert}, but by the certificate check ${p.endpoint} ${p.expected}: the alert and the check disagree. In a capture the alert is what the real client decided: look at the certificate's facts and the trust line.`,
  ClientCertificateMissing: (p: { server: string; client: string; alert: string }) =>
    `${p.server} asked for a client certificate (CertificateRequest) and ${p.client} sent none: ${p.server} requires one, so it ends the handshake with Alert ${p.alert} (RFC 5246 §7.4.6, RFC 8446 §4.4.2.4).`,

  TcpRetransmission: (p: { endpoint: string; next: string }) =>
    `[TCP Retransmission] ${p.endpoint} sends again what it already sent: this seq is before ${p.next}, the next new byte seen from it.`,
  TcpFastRetransmission: (p: { endpoint: string; seq: string }) =>
    `[TCP Fast Retransmission] ${p.endpoint} resends seq ${p.seq} right after two or more duplicate ACKs asked for it (within 20 ms of the last one).`,
  TcpSpuriousRetransmission: (p: { endpoint: string; peer: string }) =>
    `[TCP Spurious Retransmission] ${p.endpoint} resends data ${p.peer} had already acknowledged.`,
  TcpOutOfOrder: (p: { endpoint: string }) =>
    `[TCP Out-Of-Order] ${p.endpoint} sends this segment after a later one, within the connection's first round-trip time: the network reordered it.`,
  TcpPreviousSegmentNotCaptured: (p: { seq: string; next: string }) =>
    `[TCP Previous segment not captured] seq ${p.seq} is beyond ${p.next}, the next byte seen so far: the capture misses a segment (common at capture start).`,
  TcpAckedUnseenSegment: (p: { ack: string; peer: string; seen: string; hole: boolean }) =>
    p.hole
      ? `[TCP ACKed unseen segment] ack ${p.ack} covers a hole in what the capture showed ${p.peer} sending: data before ${p.seen}, the next byte seen, is missing (common at capture start).`
      : `[TCP ACKed unseen segment] ack ${p.ack} acknowledges data the capture never showed ${p.peer} sending (seen up to ${p.seen}; common at capture start).`,
  TcpDuplicateAck: (p: { label: string; ack: string; frame: number }) =>
    `[TCP Dup ACK ${p.label}] The same ack ${p.ack}, window and seq as frame ${p.frame}, without data: the receiver is still waiting for ${p.ack}.`,
  TcpZeroWindow: (p: { endpoint: string }) =>
    `[TCP ZeroWindow] ${p.endpoint} advertises a zero window: its receive buffer is full, so its peer must stop sending.`,
  TcpWindowFull: (p: { endpoint: string; peer: string }) =>
    `[TCP Window Full] This segment fills the whole window ${p.peer} offered: ${p.endpoint} must wait for an ACK before sending more.`,
  TcpKeepAlive: (p: { endpoint: string }) =>
    `[TCP Keep-Alive] ${p.endpoint} sends seq one before its next byte with no new data: a keep-alive probe.`,
  TcpPortNumbersReused: (p: { line: number }) =>
    `[TCP Port numbers reused] A SYN with a new initial sequence number on the addresses and ports of the connection at line ${p.line}: a new connection.`,

  DiagnosticsNotShown: (p: { count: number; max: number }) =>
    `${p.count} more diagnostic${p.count === 1 ? '' : 's'} not shown: only the first ${p.max} of a file are reported. Fix these and check again.`,
} satisfies Record<DiagnosticKind, (p: never) => string>;
