/** The words that start a statement: never an endpoint's or a symbol's name. */
export const KEYWORDS = [
  'scenario',
  'endpoint',
  'let',
  'expect',
  'wait',
  'deliver',
  'simultaneous',
  'ca',
  'key',
  'cert',
  'trust',
  'attacker',
  'date',
] as const;
