import { CODE_MEANINGS, meaningAsText } from '../core/check/codeMeanings';
import { DIAGNOSTIC_CODES, type Severity } from '../core/check/codes';
import type { LocatedDiagnostic } from './formatDiagnostic';

/** SARIF's level for each severity (SARIF 2.1.0 §3.27.10): an info is a note. */
const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** A file the check could not read, reported as a tool notification rather than a result. */
export interface Unreadable {
  readonly file: string;
  readonly reason: string;
}

/** Every code, once, in the order of codes.ts: a result points at its rule by id and index. */
const RULES = Object.entries(DIAGNOSTIC_CODES).map(([name, { code, severity }]) => ({
  id: code,
  name,
  shortDescription: { text: meaningAsText(code), markdown: CODE_MEANINGS[code] },
  help: { text: meaningAsText(code), markdown: CODE_MEANINGS[code] },
  defaultConfiguration: { level: LEVEL[severity as Severity] },
}));
const RULE_INDEX = new Map<string, number>(RULES.map((rule, i) => [rule.id, i]));

/**
 * A file name as a SARIF artifact URI (SARIF 2.1.0 §3.4.3): forward slashes and percent-escapes,
 * left relative so code-scanning tools resolve it against the repository they check out; an
 * absolute path becomes a `file:` URI.
 */
export function artifactUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(slashed))
    return `file:///${slashed[0]}:${encoded.slice(encoded.indexOf('/'))}`;
  return slashed.startsWith('/') ? `file://${encoded}` : encoded;
}

function result(d: LocatedDiagnostic) {
  return {
    ruleId: d.code,
    ruleIndex: RULE_INDEX.get(d.code) ?? -1,
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(d.file) },
          // SARIF regions are 1-based and end at the column after the last character, as ours.
          region: {
            startLine: d.line,
            startColumn: d.column,
            endLine: d.endLine,
            endColumn: d.endColumn,
          },
        },
      },
    ],
  };
}

/**
 * The problems of a check as a SARIF 2.1.0 log: one run of the `handshake` tool whose rules are
 * all the diagnostic codes with their meanings, one result per problem, and a failed invocation
 * when a file could not be read.
 */
export function sarifLog(
  diagnostics: readonly LocatedDiagnostic[],
  unreadable: readonly Unreadable[],
  version: string,
): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'handshake', version, rules: RULES } },
        // Columns count UTF-16 code units, as JavaScript strings (and so our line map) do.
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: unreadable.length === 0,
            toolExecutionNotifications: unreadable.map((u) => ({
              level: 'error',
              message: { text: u.reason },
              locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(u.file) } } }],
            })),
          },
        ],
        results: diagnostics.map(result),
      },
    ],
  };
}
