/**
 * Every diagnostic the product can report, with its stable code and default severity.
 * Codes never change meaning once published: tests, docs, and users' suppressions rely on them.
 * HS0xx syntax · HS1xx sequence and acknowledgment numbers · HS2xx connection state ·
 * HS3xx flags and values · HS4xx names · HS5xx expectations · HS6xx TLS and certificates.
 */
export const DIAGNOSTIC_CODES = {
  UnexpectedCharacter: { code: 'HS001', severity: 'error' },
  UnterminatedString: { code: 'HS002', severity: 'error' },
  BadEscape: { code: 'HS003', severity: 'error' },
  ExpectedToken: { code: 'HS004', severity: 'error' },
  UnknownStatement: { code: 'HS005', severity: 'error' },
  UnknownFlag: { code: 'HS006', severity: 'error' },
  UnknownField: { code: 'HS007', severity: 'error' },
  DuplicateField: { code: 'HS008', severity: 'error' },
  InvalidAddress: { code: 'HS009', severity: 'error' },
  UnknownState: { code: 'HS010', severity: 'error' },
  NotASegment: { code: 'HS011', severity: 'error' },
  UnclosedBlock: { code: 'HS012', severity: 'error' },
  StrayBrace: { code: 'HS013', severity: 'error' },
  UnknownDuration: { code: 'HS014', severity: 'error' },
  KeywordAsName: { code: 'HS015', severity: 'error' },

  AckNotNext: { code: 'HS101', severity: 'error' },
  SeqNotNext: { code: 'HS102', severity: 'error' },
  AckValueWithoutFlag: { code: 'HS103', severity: 'error' },
  AckFlagWithoutValue: { code: 'HS104', severity: 'warning' },
  AckUnsentData: { code: 'HS105', severity: 'error' },
  UnboundSymbol: { code: 'HS106', severity: 'error' },
  SynWithoutSeq: { code: 'HS107', severity: 'error' },
  IssChanged: { code: 'HS108', severity: 'error' },
  ResetSeqNotAcceptable: { code: 'HS109', severity: 'warning' },
  Retransmission: { code: 'HS110', severity: 'info' },
  OutOfOrder: { code: 'HS111', severity: 'info' },
  MissingAckFlag: { code: 'HS112', severity: 'error' },
  ResetAnswerNotAck: { code: 'HS113', severity: 'warning' },

  InvalidInState: { code: 'HS201', severity: 'error' },
  DataBeforeEstablished: { code: 'HS202', severity: 'error' },
  SynInSynchronizedState: { code: 'HS203', severity: 'error' },
  FinAfterFin: { code: 'HS204', severity: 'error' },
  PeerNeverListened: { code: 'HS205', severity: 'error' },
  DataAfterFin: { code: 'HS206', severity: 'error' },
  ListenNotClosed: { code: 'HS207', severity: 'error' },
  CloseInvalid: { code: 'HS208', severity: 'error' },
  NothingInTimeWait: { code: 'HS209', severity: 'warning' },
  SegmentToSelf: { code: 'HS210', severity: 'error' },
  OtherConnection: { code: 'HS211', severity: 'error' },

  InvalidFlagCombination: { code: 'HS301', severity: 'error' },
  NoFlags: { code: 'HS302', severity: 'error' },
  NumberOutOfRange: { code: 'HS303', severity: 'error' },
  DuplicateFlag: { code: 'HS304', severity: 'warning' },
  SynWithData: { code: 'HS305', severity: 'warning' },

  UnknownEndpoint: { code: 'HS401', severity: 'error' },
  DuplicateEndpoint: { code: 'HS402', severity: 'error' },
  DuplicateSymbol: { code: 'HS403', severity: 'error' },
  DuplicateScenario: { code: 'HS404', severity: 'warning' },

  ExpectFailed: { code: 'HS501', severity: 'error' },

  TlsUnknownField: { code: 'HS601', severity: 'error' },
  TlsMissingField: { code: 'HS602', severity: 'error' },
  TlsUnknownName: { code: 'HS603', severity: 'error' },
  TlsDuplicateName: { code: 'HS604', severity: 'error' },
  TlsBadValue: { code: 'HS605', severity: 'error' },
  TlsOutOfOrder: { code: 'HS606', severity: 'error' },
  TlsBeforeTcp: { code: 'HS607', severity: 'error' },
  TlsVersionNotOffered: { code: 'HS608', severity: 'error' },
  TlsSuiteNotOffered: { code: 'HS609', severity: 'error' },
  TlsSuiteVersionMismatch: { code: 'HS610', severity: 'error' },
  TlsRandomReused: { code: 'HS611', severity: 'error' },
  CertUntrustedIssuer: { code: 'HS612', severity: 'info' },
  CertBadSignature: { code: 'HS613', severity: 'info' },
  CertNameMismatch: { code: 'HS614', severity: 'info' },
  CertExpired: { code: 'HS615', severity: 'info' },
  CertNotYetValid: { code: 'HS616', severity: 'info' },
  CertSelfSigned: { code: 'HS617', severity: 'info' },
  TlsContinuesAfterFailure: { code: 'HS618', severity: 'error' },
  TlsFinishedMismatch: { code: 'HS619', severity: 'info' },
  TlsFinishedBeforeCcs: { code: 'HS620', severity: 'error' },
  TlsWrongKey: { code: 'HS621', severity: 'error' },
  TlsSignatureNotHolder: { code: 'HS622', severity: 'info' },
  TlsSecretUnknown: { code: 'HS623', severity: 'error' },
  TlsNothingToForward: { code: 'HS624', severity: 'error' },
  MitmSucceeds: { code: 'HS625', severity: 'warning' },
  VerificationSkipped: { code: 'HS626', severity: 'warning' },
} as const;

export type DiagnosticKind = keyof typeof DIAGNOSTIC_CODES;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[DiagnosticKind]['code'];
export type Severity = 'error' | 'warning' | 'info';
