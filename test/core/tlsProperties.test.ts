import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyze } from '../../src/core/analysis/analyze';
import type { TlsMessageStatement } from '../../src/core/syntax/tlsTree';
import type { Span } from '../../src/core/text/span';

/*
 * One mistake, one error, for TLS (issue 18, point 3): every valid TLS example, changed in one
 * place (a field rewritten, two adjacent messages swapped, one message dropped), gets exactly one
 * diagnostic of severity error. The mutations are enumerated, not sampled, so a failure names
 * its case and every run checks the same ones.
 */

const EXAMPLES = [
  'https-rsa',
  'tls12-ecdhe',
  'tls13',
  'captured-https',
  'mitm-replaced-key',
  'mitm-tampered-hello',
  'mitm-trusted-attacker-ca',
  'mitm-wrong-domain',
];

interface Mutation {
  readonly name: string;
  readonly text: string;
}

function read(example: string): string {
  return readFileSync(`examples/${example}.handshake`, 'utf8');
}

function replace(text: string, span: Span, by: string): string {
  return text.slice(0, span.start) + by + text.slice(span.end);
}

function errorsOf(text: string): string[] {
  const analysis = analyze(text);
  return analysis.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${analysis.lines.positionAt(d.span.start).line + 1}: ${d.code} ${d.message}`);
}

/** The text of each line a message statement is on, with its line range (newline included). */
function lineOf(text: string, statement: TlsMessageStatement): Span {
  const start = text.lastIndexOf('\n', statement.start - 1) + 1;
  const newline = text.indexOf('\n', statement.end);
  return { start, end: newline < 0 ? text.length : newline + 1 };
}

const pair = (m: TlsMessageStatement) => [m.from.text, m.to.text].sort().join(' ');

/** What a field becomes: a value that is a mistake where this one was right. */
function fieldMutations(
  text: string,
  messages: readonly TlsMessageStatement[],
  names: { readonly keys: string[]; readonly certs: string[] },
): Mutation[] {
  const randoms = [...new Set(messages.flatMap((m) => m.fields))]
    .filter((f) => f.name === 'random')
    .map((f) => f.value);
  const out: Mutation[] = [];
  for (const message of messages) {
    const line = text.slice(lineOf(text, message).start, message.end);
    for (const field of message.fields) {
      const at = `${line} / ${field.name}=`;
      const into = (value: string, why: string) =>
        out.push({ name: `${at}${value} (${why})`, text: replace(text, field.valueSpan, value) });
      switch (field.name) {
        case 'random': {
          // Randoms are only names: a different new one is no mistake, one already sent is.
          const other = randoms.find((r) => r !== field.value);
          if (other) into(other, 'a random sent before or after');
          break;
        }
        case 'encrypted':
          into('nokey', 'an undeclared key');
          for (const key of names.keys.filter((k) => k !== field.value)) into(key, 'another key');
          break;
        case 'cert':
          into('nocert', 'an undeclared certificate');
          for (const cert of names.certs.filter((c) => c !== field.value)) {
            into(cert, 'another certificate');
          }
          break;
        case 'version':
          into(field.value === '1.3' ? '1.2' : '1.3', 'the other version');
          break;
        case 'suite':
          into(
            field.value.startsWith('TLS_ECDHE')
              ? 'TLS_RSA_WITH_AES_128_GCM_SHA256'
              : 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
            'another suite',
          );
          into(
            field.value === 'TLS_AES_128_GCM_SHA256'
              ? 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'
              : 'TLS_AES_128_GCM_SHA256',
            'a suite of the other version',
          );
          break;
        default:
          break;
      }
    }
  }
  return out;
}

/** Two adjacent messages swapped, and each message dropped. */
function moveMutations(text: string, messages: readonly TlsMessageStatement[]): Mutation[] {
  const out: Mutation[] = [];
  for (let i = 0; i + 1 < messages.length; i++) {
    const a = lineOf(text, messages[i] as TlsMessageStatement);
    const b = lineOf(text, messages[i + 1] as TlsMessageStatement);
    const first = text.slice(a.start, a.end);
    const second = text.slice(b.start, b.end);
    const swapped = text.slice(0, a.start) + second + text.slice(a.end, b.start) + first;
    out.push({
      name: `swap ${first.trim()} / ${second.trim()}`,
      text: swapped + text.slice(b.end),
    });
  }
  for (const message of messages) {
    const span = lineOf(text, message);
    out.push({
      name: `drop ${text.slice(span.start, span.end).trim()}`,
      text: replace(text, span, ''),
    });
  }
  return out;
}

/**
 * Mutations that are no mistake, with the rule that permits them; everything else must give
 * exactly one error.
 */
function exempt(
  text: string,
  messages: readonly TlsMessageStatement[],
  mutation: Mutation,
): string | undefined {
  void text;
  void messages;
  void pair;
  void mutation;
  return undefined;
}

function mutationsOf(example: string): Mutation[] {
  const text = read(example);
  const analysis = analyze(text);
  const statements = analysis.document.statements;
  const messages = statements.filter((s): s is TlsMessageStatement => s.kind === 'tls');
  const names = {
    keys: statements.flatMap((s) => (s.kind === 'key' ? [s.name.text] : [])),
    certs: statements.flatMap((s) => (s.kind === 'cert' ? [s.name.text] : [])),
  };
  return [...fieldMutations(text, messages, names), ...moveMutations(text, messages)].filter(
    (m) => exempt(text, messages, m) === undefined,
  );
}

describe('one mistake in a valid TLS example gives exactly one error', () => {
  for (const example of EXAMPLES) {
    test(`${example}: the example itself has no error`, () => {
      assert.deepEqual(errorsOf(read(example)), []);
    });
  }

  test('every mutation of every example', () => {
    const wrong: string[] = [];
    let count = 0;
    for (const example of EXAMPLES) {
      for (const mutation of mutationsOf(example)) {
        count++;
        const errors = errorsOf(mutation.text);
        if (errors.length !== 1) {
          wrong.push(`${example}: ${mutation.name}\n    ${errors.join('\n    ') || '(none)'}`);
        }
      }
    }
    console.log(`${count} mutations, ${count - wrong.length} with exactly one error`);
    if (process.env.TLS_MUTATIONS) console.log(wrong.join('\n'));
    assert.deepEqual(wrong, []);
  });
});
