import type { TcpFlag } from '../protocol/tcpFlags';
import type { TcpState } from '../protocol/tcpStates';
import type { TlsDeclarationKind } from '../syntax/tlsTree';
import type { SegmentOutcome } from '../tcp/trace';

/**
 * Every text the hover and completion features show, in one table so that it can be translated.
 * Markdown. Entries that take arguments receive facts the engine already computed (states,
 * values, reasons in words); none of them computes a protocol rule.
 */

/** The words with a fixed meaning that hovers and completion explain. */
export type Keyword =
  | 'scenario'
  | 'endpoint'
  | 'let'
  | 'expect'
  | 'wait'
  | 'deliver'
  | 'again'
  | 'as'
  | 'simultaneous'
  | 'listen'
  | 'close'
  | '2MSL'
  | TlsDeclarationKind;

export type FieldName = 'seq' | 'ack' | 'win' | 'wscale' | 'len';

export interface Entry {
  /** One line: the completion item's detail. */
  readonly summary: string;
  /** The full explanation (Markdown). */
  readonly text: string;
}

export interface KeywordEntry extends Entry {
  readonly syntax: string;
}

const RFC = 'RFC 9293';

export const DOCS_EN = {
  keywords: {
    scenario: {
      syntax: 'scenario "TITLE"',
      summary: 'The title of the scenario',
      text: 'The title of the scenario, shown above the diagram. Optional; a second `scenario` line replaces the title (HS404).',
    },
    endpoint: {
      syntax: 'endpoint NAME [ADDRESS]',
      summary: 'Declares an endpoint',
      text: 'Declares an endpoint, with an optional address (`192.168.1.116:3337`, `[2001:db8::1]:443`) that is only a label. Declarations count wherever they stand. Each endpoint holds one connection.',
    },
    let: {
      syntax: 'let NAME = NUMBER',
      summary: 'Gives a symbol a number',
      text: 'Binds a symbol to a 32-bit number (0 to 4294967295), so that `x+1` is also known as a number and numbers and symbols can be mixed. Counts wherever it stands.',
    },
    expect: {
      syntax: 'expect NAME STATE',
      summary: "Checks an endpoint's state",
      text: "Checks the endpoint's TCP state at this point of the scenario; when the engine computed another state it reports HS501. States may be written in any case, with `_` or `-`.",
    },
    wait: {
      syntax: 'wait 2MSL | wait 30s',
      summary: 'Lets the TIME_WAIT timer run out, or time pass',
      text: `\`wait 2MSL\`: the TIME_WAIT timer runs out, and every endpoint in TIME_WAIT goes to CLOSED (${RFC} §3.10.8); with no endpoint in TIME_WAIT it is a warning (HS209). \`wait 30s\` (\`ms\`, \`s\`, \`min\`): that much time passes, and an endpoint leaves TIME_WAIT once it has spent 2MSL = 240 s there (MSL is 2 minutes, ${RFC} §3.4.2); a FIN that arrives in TIME_WAIT starts the timer again.`,
    },
    deliver: {
      syntax: 'deliver NAME [again]',
      summary: 'A segment in flight arrives',
      text: `The segment labelled NAME (\`A ~> B FLAGS ... as NAME\`) arrives now, and its receiver processes it with the state it has now (${RFC} §3.10.7), however long ago it was sent: this is how reordering, several segments in flight and an old segment arriving late are written. \`deliver NAME again\` delivers one more copy (a duplicate).`,
    },
    again: {
      syntax: 'deliver NAME again',
      summary: 'A duplicate: the segment arrives once more',
      text: 'The network delivers one more copy of a segment that already arrived (a duplicate); its receiver processes it again by the rules of its state.',
    },
    as: {
      syntax: 'A ~> B  FLAGS ...  as NAME',
      summary: 'Labels a segment for `deliver`',
      text: 'Ends a segment line with the label that `deliver NAME` names. With `~>` the segment is sent and left in flight until then; with `->` it arrives at once and `deliver NAME again` delivers a duplicate.',
    },
    simultaneous: {
      syntax: 'simultaneous {\n  A -> B  FLAGS ...\n  B -> A  FLAGS ...\n}',
      summary: 'Segments that cross in the network',
      text: `Every segment in the block is sent before any of them arrives; then they arrive in order. This is how segments that cross in flight are written: simultaneous open (${RFC} Figure 7) and simultaneous close (Figure 13). Only segments may stand inside.`,
    },
    listen: {
      syntax: 'NAME listen',
      summary: 'Passive open: CLOSED → LISTEN',
      text: `The passive OPEN call (${RFC} §3.10.1): the endpoint goes from CLOSED to LISTEN and waits for a SYN. In any other state it is HS207.`,
    },
    close: {
      syntax: 'NAME close',
      summary: 'CLOSE call: LISTEN or SYN_SENT → CLOSED',
      text: `The CLOSE call for an endpoint that has no connection yet: LISTEN → CLOSED or SYN_SENT → CLOSED (${RFC} §3.10.4). An established connection is closed by sending a FIN, written as a segment.`,
    },
    '2MSL': {
      syntax: 'wait 2MSL',
      summary: 'Twice the maximum segment lifetime',
      text: `Two maximum segment lifetimes: how long an endpoint stays in TIME_WAIT before it becomes CLOSED (${RFC} §3.10.8). The MSL is 2 minutes in ${RFC} (§3.4.2), so 2MSL is 4 minutes; Linux uses a fixed 60 s for TIME_WAIT.`,
    },
    ca: {
      syntax: 'ca NAME [holder=ENDPOINT]',
      summary: 'Declares a certificate authority',
      text: 'A certificate authority and its key pair. Its private key signs certificates (`cert ... issuer=NAME`); clients that `trust` it accept what it signed. `holder=` names an endpoint that holds its private key (an attacker’s own CA).',
    },
    key: {
      syntax: 'key NAME holder=ENDPOINT',
      summary: 'Declares a key pair',
      text: 'A public/private key pair. The public key goes into certificates and encrypts the premaster secret; only the holder knows the private key, so only it can decrypt and sign with it.',
    },
    cert: {
      syntax:
        'cert NAME subject=DNS key=KEY issuer=CA|self [signer=KEY|CA] [notBefore=DATE] [notAfter=DATE]\ncert NAME from=CERT key=KEY',
      summary: 'Declares a certificate',
      text: 'A certificate: the DNS name it is for (`subject`), its public key, the CA that issued it and whose signature it carries (the issuer signs unless `signer=` says otherwise), and its validity. `from=` copies another certificate and changes some fields without re-signing it: what a man in the middle does when it replaces the public key (HS613).',
    },
    trust: {
      syntax: 'trust ENDPOINT CA... | trust ENDPOINT any',
      summary: 'The CAs an endpoint trusts',
      text: 'The CAs whose certificates the endpoint accepts (its trust store). `any` accepts every certificate without checking it, like `curl -k`: nothing then stops a man in the middle (HS626).',
    },
    attacker: {
      syntax: 'attacker NAME [ADDRESS]',
      summary: 'Declares a man in the middle',
      text: 'An endpoint that sits between client and server: it talks TLS with each of them, and can relay what it received unchanged with `forward`. Unlike an `endpoint`, it may hold one TCP connection with each side (`client -> mallory`, `mallory -> server`), each with its own state, as a TLS-intercepting proxy does. When a client ends up with a session whose keys the attacker knows, that is HS625.',
    },
    date: {
      syntax: 'date YYYY-MM-DD',
      summary: 'The day certificates are checked on',
      text: 'The day the client checks certificate validity (`notBefore`, `notAfter`) against. Without it, dates are not checked.',
    },
  } satisfies Record<Keyword, KeywordEntry>,

  flags: {
    SYN: {
      summary: 'Synchronize: opens a connection',
      text: `**SYN** (synchronize sequence numbers) opens a connection: its \`seq\` is the sender's initial sequence number (ISS). A SYN consumes one sequence number, so the peer acknowledges it with ISS+1. ${RFC} §3.1 (control bits), §3.4 (sequence numbers), §3.5 (establishing a connection).`,
    },
    ACK: {
      summary: 'Acknowledgment field valid',
      text: `**ACK**: the acknowledgment field is significant. \`ack\` is the next sequence number the sender expects to receive; once a connection is established every segment carries it. ACK consumes no sequence number. ${RFC} §3.1, §3.4.`,
    },
    FIN: {
      summary: 'No more data from the sender',
      text: `**FIN**: no more data from the sender, which closes its direction of the connection (the other direction may go on: a half-close). A FIN consumes one sequence number. ${RFC} §3.1, §3.6 (closing a connection).`,
    },
    RST: {
      summary: 'Reset the connection',
      text: `**RST** resets the connection: the answer to a segment that has no connection to go to (connection refused), or an abort. It consumes no sequence number; the receiver accepts it only when its \`seq\` is exactly the next expected number (RFC 5961 §3.2). ${RFC} §3.1, §3.5.2 (reset generation), §3.5.3 (reset processing).`,
    },
    PSH: {
      summary: 'Push: deliver the data now',
      text: `**PSH** (push): asks the receiver to hand the data to the application without waiting for more. ${RFC} §3.1, §3.9.1.2 (SEND). Shown, but it does not change what the engine checks.`,
    },
    URG: {
      summary: 'Urgent pointer field valid',
      text: `**URG**: the urgent pointer field is significant and marks urgent data. ${RFC} §3.1, §3.8.5; RFC 6093 advises new applications not to use it. Shown, but it does not change what the engine checks.`,
    },
    ECE: {
      summary: 'ECN-Echo (RFC 3168)',
      text: '**ECE** (ECN-Echo, RFC 3168 §6.1): on a SYN, the sender offers Explicit Congestion Notification; afterwards it tells the peer that a packet arrived marked Congestion Experienced. Shown, but it does not change what the engine checks.',
    },
    CWR: {
      summary: 'Congestion Window Reduced (RFC 3168)',
      text: '**CWR** (Congestion Window Reduced, RFC 3168 §6.1): the sender has reduced its congestion window in answer to an ECE. Shown, but it does not change what the engine checks.',
    },
  } satisfies Record<TcpFlag, Entry>,

  states: {
    CLOSED: {
      summary: 'No connection',
      text: `**CLOSED**: no connection. The start, and the end after LAST_ACK, after TIME_WAIT's 2MSL, or after a reset. A CLOSED endpoint answers every segment but a RST with a reset (${RFC} §3.10.7.1). Left with \`listen\` (→ LISTEN) or by sending a SYN (→ SYN_SENT).`,
    },
    LISTEN: {
      summary: 'Waiting for a connection request',
      text: `**LISTEN**: waiting for a connection request (passive open). Entered with \`listen\`. Left on receiving a SYN (→ SYN_RECEIVED), by sending a SYN (→ SYN_SENT), or with \`close\` (→ CLOSED). ${RFC} §3.10.7.2.`,
    },
    SYN_SENT: {
      summary: 'SYN sent, waiting for the SYN ACK',
      text: `**SYN_SENT**: the endpoint sent its SYN (active open) and waits for the peer's. Entered by sending a SYN. Left on a SYN ACK that acknowledges its SYN (→ ESTABLISHED), on a SYN without ACK (→ SYN_RECEIVED, simultaneous open), on a RST that acknowledges its SYN (→ CLOSED, connection refused), or with \`close\`. ${RFC} §3.10.7.3.`,
    },
    SYN_RECEIVED: {
      summary: 'SYN received, waiting for the ACK of its own SYN',
      text: `**SYN_RECEIVED**: the endpoint received a SYN and sent its own (the SYN ACK); it waits for the ACK of its SYN. Entered on receiving a SYN in LISTEN (or in SYN_SENT, simultaneous open). Left on the ACK of its SYN (→ ESTABLISHED), by sending a FIN (→ FIN_WAIT_1), or on a reset (→ LISTEN when it came from \`listen\`, else CLOSED). ${RFC} §3.10.7.4.`,
    },
    ESTABLISHED: {
      summary: 'Open connection: data flows both ways',
      text: `**ESTABLISHED**: the connection is open and data flows both ways. Entered when the handshake completes: the SYN ACK at the active side, the final ACK at the passive side. Left by sending a FIN (→ FIN_WAIT_1), on receiving a FIN (→ CLOSE_WAIT), or by a reset (→ CLOSED). ${RFC} §3.3.2.`,
    },
    FIN_WAIT_1: {
      summary: 'FIN sent, waiting for its ACK',
      text: `**FIN_WAIT_1**: the endpoint sent its FIN and waits for it to be acknowledged. Entered by sending a FIN in ESTABLISHED. Left on the ACK of its FIN (→ FIN_WAIT_2), or on the peer's FIN (→ CLOSING, or TIME_WAIT when that FIN also acknowledges its own). ${RFC} §3.6, §3.10.7.4.`,
    },
    FIN_WAIT_2: {
      summary: 'FIN acknowledged, waiting for the peer’s FIN',
      text: `**FIN_WAIT_2**: the endpoint's FIN is acknowledged; it waits for the peer's FIN and can still receive data (a half-close). Entered on the ACK of its FIN in FIN_WAIT_1. Left on the peer's FIN (→ TIME_WAIT). ${RFC} §3.6, §3.10.7.4.`,
    },
    CLOSE_WAIT: {
      summary: 'Peer’s FIN received; may still send',
      text: `**CLOSE_WAIT**: the peer sent its FIN and will send no more data; this endpoint may still send until its application closes (a half-close). Entered on receiving a FIN in ESTABLISHED. Left by sending its own FIN (→ LAST_ACK). ${RFC} §3.6, §3.10.7.4.`,
    },
    CLOSING: {
      summary: 'Both FINs crossed, waiting for the ACK of its FIN',
      text: `**CLOSING**: both ends sent a FIN at once (simultaneous close); the endpoint waits for the ACK of its own FIN. Entered on receiving the peer's FIN in FIN_WAIT_1 before its own FIN is acknowledged. Left on the ACK of its FIN (→ TIME_WAIT). ${RFC} §3.6, Figure 13.`,
    },
    LAST_ACK: {
      summary: 'FIN sent after the peer’s, waiting for the last ACK',
      text: `**LAST_ACK**: the endpoint sent its FIN after receiving the peer's and waits for the last ACK. Entered by sending a FIN in CLOSE_WAIT. Left on the ACK of its FIN (→ CLOSED). ${RFC} §3.6, §3.10.7.4.`,
    },
    TIME_WAIT: {
      summary: 'Waiting 2MSL before the connection is gone',
      text: `**TIME_WAIT**: both FINs are sent and acknowledged. The endpoint waits 2MSL so that a lost final ACK can be sent again when the peer retransmits its FIN, and so that old duplicate segments of this connection die out before the same addresses and ports are used again. The MSL is 2 minutes in ${RFC} (§3.4.2); Linux uses 60 s for the whole TIME_WAIT. Entered on the peer's FIN in FIN_WAIT_2 (or the ACK of its FIN in CLOSING): only the endpoint that closes first (sends the first FIN) goes through it; the other closes from LAST_ACK. Left with \`wait 2MSL\` (→ CLOSED, §3.10.8).`,
    },
  } satisfies Record<TcpState, Entry>,

  fields: {
    seq: {
      summary: 'Sequence number',
      text: 'The sequence number of the segment: of its first data byte, or of its SYN or FIN. A number (`3626544836`) or a symbol expression (`x`, `x+1`, `y-2`).',
    },
    ack: {
      summary: 'Acknowledgment number',
      text: 'The acknowledgment number: the next sequence number the sender expects from its peer. Only counts with the ACK flag.',
    },
    win: {
      summary: 'Receive window',
      text: 'The receive window its sender advertises, 0 to 1073725440 (65535 << 14). After the handshake it is shifted left by the sender’s window scale when both SYNs carried `wscale=` (RFC 7323 §2.2); a SYN’s own window is never scaled. Its receiver drops data past it and challenges resets in it (RFC 9293 §3.10.7.4, RFC 5961 §3.2).',
    },
    wscale: {
      summary: 'Window scale (on a SYN)',
      text: 'The Window Scale option of a SYN or SYN ACK (RFC 7323 §2.2): a shift of 0 to 14. When both SYNs carry it, each later `win=` of a side means `win << shift`, with that side’s own shift; when either lacks it, windows are not scaled. Above 14 it is taken as 14 (HS307); on a segment without SYN it is ignored (HS306). An imported SYN carries it in its capture annotation.',
    },
    len: {
      summary: 'Data length in bytes',
      text: 'The number of data bytes; it wins over the length of a "payload" label.',
    },
  } satisfies Record<FieldName, Entry>,

  outcomes: {
    delivered: (p: { to: string }) => `Delivered: ${p.to} accepted it in order.`,
    lost: (p: { to: string }) => `Lost in the network (\`-x\`): ${p.to} never sees it.`,
    queued: (p: { to: string }) =>
      `Arrived out of order: ${p.to} queues it until the missing data before it arrives.`,
    duplicate: (p: { to: string }) =>
      `Duplicate: everything in it had already arrived at ${p.to}, which drops it.`,
    refused: (p: { to: string }) =>
      `Refused: ${p.to} has no connection for it, so a reset is due (connection refused).`,
    reset: (p: { to: string }) => `Reset: this RST closed ${p.to}'s connection.`,
    ignored: (p: { to: string }) => `Ignored: ${p.to} dropped it by the rules of its state.`,
    challenged: (p: { to: string }) =>
      `Challenged: ${p.to} does not act on it and answers with an ACK of its SND.NXT and RCV.NXT (RFC 5961 §3.2, §4; RFC 9293 §3.10.7.4).`,
    invalid: () => 'Not played: the segment cannot be sent as written (see the problems below).',
    inFlight: (p: { to: string }) =>
      `Still in flight at the end (\`~>\` with no \`deliver\`): ${p.to} never got it.`,
  } satisfies Record<SegmentOutcome, (p: { to: string }) => string>,

  hover: {
    segmentTitle: (p: { from: string; to: string; lost: boolean }) =>
      `**${p.from}** ${p.lost ? '-x' : '→'} **${p.to}**`,
    captureTitle: (p: { frame: number }) =>
      `**Frame ${p.frame}** of the capture (the importer's annotation).`,
    captureTime: (p: { seconds: string }) =>
      `Captured ${p.seconds} s after the capture's first packet.`,
    captureOptions: (p: { options: string }) => `SYN options: ${p.options}.`,
    captureLabels: (p: { labels: string }) => `Wireshark's analysis: ${p.labels}.`,
    retransmission: 'A retransmission of data already sent.',
    readingIntended:
      'Read as a typo: the lines after it go on as if the expected values had been written, so the receiver gets those.',
    readingAsSent:
      'Read as sent: the lines after it show the receiver’s reaction to the segment exactly as written, so the receiver gets that.',
    simultaneous: 'Sent in a `simultaneous` block: it crosses the other segments of the block.',
    deliveredLater: (p: { line: number }) =>
      `Sent at line ${p.line} and left in flight (\`~>\`); it arrives here, and its receiver judges it by the state it has now.`,
    deliveredAgain: (p: { line: number }) =>
      `A duplicate of the segment sent at line ${p.line}: the network delivers it once more here.`,
    arrivesAt: (p: { lines: string }) => `In flight; it arrives at line ${p.lines}.`,
    sender: 'sender',
    receiver: 'receiver',
    endpointLine: (p: { name: string; role: string; state: string; variables: string }) =>
      `- **${p.name}** (${p.role}): ${p.state}${p.variables ? ` · ${p.variables}` : ''}`,
    stateChange: (p: { before: TcpState; after: TcpState }) =>
      p.before === p.after ? `\`${p.before}\` (unchanged)` : `\`${p.before}\` → \`${p.after}\``,
    variable: (p: { name: 'SND.NXT' | 'RCV.NXT'; value: string }) => `${p.name} \`${p.value}\``,
    expectedHeading: 'Expected by the engine:',
    expected: (p: { field: 'seq' | 'ack'; value: string; note?: string; why: string }) =>
      `**${p.field}** = \`${p.value}\`${p.note ? ` (${p.note})` : ''}: ${p.why}`,
    written: (p: { text: string }) => `written: \`${p.text}\``,
    retransmitted: (p: { text: string }) =>
      `written: \`${p.text}\`, a retransmission of data sent before`,
    notWritten: 'not written; the engine uses this value',
    chosenIss: (p: { endpoint: string }) =>
      `${p.endpoint} chooses its initial sequence number (ISS) here`,
    noExpectation: (p: { field: 'seq' | 'ack' }) =>
      `**${p.field}**: the engine has no expected value here.`,
    problemsHeading: 'Problems on this line:',
    problem: (p: { code: string; severity: string; message: string }) =>
      `- \`${p.code}\` ${p.severity}: ${p.message}`,
    symbolIss: (p: { name: string; endpoint: string; line: number }) =>
      `\`${p.name}\`: ${p.endpoint}'s initial sequence number, chosen by the SYN at line ${p.line}.`,
    symbolLet: (p: { name: string; value: string; line: number }) =>
      `\`${p.name}\` = \`${p.value}\`, bound by \`let\` at line ${p.line}.`,
    symbolSeq: (p: { name: string; line: number }) =>
      `\`${p.name}\`: bound by its first use in a seq= at line ${p.line}; it has no number (give it one with \`let\`).`,
    symbolUnbound: (p: { name: string }) =>
      `\`${p.name}\`: not bound; a symbol is bound by its first use in a seq= or by \`let ${p.name} = NUMBER\`.`,
    endpoint: (p: { name: string; line: number; address?: string }) =>
      `**endpoint** \`${p.name}\`, declared at line ${p.line}${p.address ? `: \`${p.address}\`` : ' (no address)'}.`,
    endpointUndeclared: (p: { name: string }) =>
      `**${p.name}** is not declared: add \`endpoint ${p.name}\` (HS401).`,
    finalState: (p: { state: TcpState }) => `Final state: \`${p.state}\`.`,
    stateHere: (p: { endpoint: string; state: TcpState }) =>
      `Here the engine has ${p.endpoint} in \`${p.state}\`.`,
    expectHolds: 'The expectation holds.',
    expectFails: (p: { expected: TcpState }) =>
      `The expectation (\`${p.expected}\`) does not hold.`,
    unknownState: (p: { text: string }) => `\`${p.text}\` is not a TCP state (HS010).`,
    changes: (p: { endpoint: string; change: string }) => `Here: ${p.endpoint} ${p.change}.`,
    noChange: 'Here it changes no state.',
  },

  features: {
    handshakeDone: '3-way handshake ✓',
    handshakeIncomplete: 'handshake incomplete',
    handshakeFailed: (p: { count: number }) =>
      `3-way handshake ✗ (${p.count} problem${p.count === 1 ? '' : 's'})`,
    waitingForSynAck: '3-way handshake: waiting for the SYN ACK',
    waitingForFinalAck: '3-way handshake: waiting for the final ACK',
    reset: 'reset',
    closeDone: 'close ✓',
    closeIncomplete: 'close incomplete',
    closeFailed: (p: { count: number }) =>
      `close ✗ (${p.count} problem${p.count === 1 ? '' : 's'})`,
    lost: (p: { count: number }) => `${p.count} lost`,
    noProblems: 'no problems',
    problems: (p: { count: number }) => `${p.count} problem${p.count === 1 ? '' : 's'}`,
    fixAll: 'Fix all seq/ack numbers in file',
    segments: (p: { count: number }) => `${p.count} segment${p.count === 1 ? '' : 's'}`,
    messages: (p: { count: number }) => `${p.count} message${p.count === 1 ? '' : 's'}`,
    issOf: (p: { endpoint: string }) => `ISS of ${p.endpoint}`,
    scenario: 'scenario',
    certificateAuthority: 'certificate authority',
    keyPair: 'key pair',
    certificate: 'certificate',
    tlsHandshake: (p: { from: string; to: string }) => `TLS handshake ${p.from} → ${p.to}`,
    forward: 'forward',
    asNumber: (p: { role: string }) => `${p.role} as a 32-bit number`,
    statesTooltip: 'The states the endpoints enter with this segment',
    faultyAsCorrected: (p: { states: string }) =>
      p.states ? `✗ read as corrected → ${p.states}` : '✗ read as corrected: no state change',
    faultyAsWritten: (p: { states: string }) =>
      p.states ? `✗ read as written → ${p.states}` : '✗ read as written: no state change',
    faultyDropped: (p: { to: string }) => `✗ ${p.to} drops it`,
    faultyChallenged: (p: { to: string }) => `✗ ${p.to} drops it and answers with an ACK`,
    faultyNotPlayed: '✗ not played',
  },

  completion: {
    expectedValue: (p: { why: string }) => `expected by the engine: ${p.why}`,
    expectedNumber: (p: { symbolic: string; why: string }) =>
      `= ${p.symbolic}, expected by the engine: ${p.why}`,
    freshSymbol: (p: { endpoint: string }) =>
      `a new symbol for ${p.endpoint}'s initial sequence number`,
    stateHere: (p: { endpoint: string }) => `the engine's state of ${p.endpoint} here`,
    endpoint: (p: { address?: string }) => (p.address ? `endpoint ${p.address}` : 'endpoint'),
    arrows: {
      '->': {
        summary: 'A segment that arrives',
        text: '`A -> B FLAGS ...`: a segment from A that B receives.',
      },
      '-x': {
        summary: 'A segment that is lost',
        text: "`A -x B FLAGS ...`: a segment A sends that is lost in the network; A's sequence numbers move as for any segment, but B never sees it.",
      },
      '~>': {
        summary: 'A segment left in flight',
        text: "`A ~> B FLAGS ... as NAME`: a segment A sends now (A's sequence numbers move) that stays in the network until `deliver NAME`.",
      },
    },
    label: (p: { line: number }) => `The segment labelled at line ${p.line}`,
  },
};

export type DocsTable = typeof DOCS_EN;
