import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../src/core/analysis/analyze';

/** Keeps every placeholder's default: `${n:text}` → text, a mirror `$n` → that text, `$0` → ''. */
function expand(body: string): string {
  const defaults = new Map<string, string>();
  const withDefaults = body.replace(/\$\{(\d+):([^}]*)\}/g, (_m, n: string, text: string) => {
    defaults.set(n, text);
    return text;
  });
  return withDefaults.replace(/\$(\d+)/g, (_m, n: string) => defaults.get(n) ?? '');
}

const snippets = JSON.parse(readFileSync('media/snippets.json', 'utf8')) as Record<
  string,
  { prefix: string | string[]; body: string[] }
>;

test('there are snippets for the handshake, the close and a refused connection', () => {
  const prefixes = Object.values(snippets).flatMap((s) => s.prefix);
  for (const prefix of ['handshake', 'close', 'refused', 'simultaneous', 'https', 'tls13']) {
    assert.ok(prefixes.includes(prefix), prefix);
  }
});

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet "${name}" expands to a scenario the engine accepts`, () => {
    const text = expand(snippet.body.join('\n').replace(/\t/g, '  '));
    const { diagnostics, trace } = analyze(text);
    assert.deepEqual(
      diagnostics.map((d) => `${d.code}: ${d.message}`),
      [],
    );
    assert.ok(trace.steps.length > 0);
  });
}
