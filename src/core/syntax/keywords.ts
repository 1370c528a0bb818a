import { TLS_DECLARATION_KINDS } from './tlsTree';

/** The words that start a statement: never an endpoint's or a symbol's name. */
export const KEYWORDS = [
  'scenario',
  'endpoint',
  'let',
  'expect',
  'wait',
  'deliver',
  'simultaneous',
  ...TLS_DECLARATION_KINDS,
] as const;
