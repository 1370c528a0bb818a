import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import {
  complete,
  completionList,
  type CompletionItem,
} from '../../../src/core/service/completion';
import { formatValue } from '../../../src/core/tcp/seqValue';
import { TCP_STATES } from '../../../src/core/protocol/tcpStates';
import type { SegmentStep } from '../../../src/core/tcp/trace';
import { TLS_MESSAGE_TYPES } from '../../../src/core/protocol/tlsMessageTypes';
import { lines, OPEN } from '../../helpers';

/** The handshake up to the SYN ACK: the client has yet to send its ACK. */
const H5 = OPEN.slice(0, 5);
const KEYWORDS = [
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
];
const FLAGS = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR'];
const FIELDS = ['seq=', 'ack=', 'win=', 'len='];

/** `|` marks the cursor. */
function completeAt(marked: string): { text: string; items: CompletionItem[] } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'a cursor');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, items: complete(analyze(text), offset) };
}

interface Case {
  readonly name: string;
  readonly text: string;
  /** Every label, in the order given (sorted by sortText). */
  readonly labels?: readonly string[];
  readonly includes?: readonly string[];
  readonly excludes?: readonly string[];
  /** The first item by sortText, and whether it is preselected. */
  readonly first?: {
    label: string;
    detail?: string;
    kind?: CompletionItem['kind'];
    /** Preselected unless said otherwise: the engine's value or state. */
    preselect?: false;
  };
  /** The text every item replaces. */
  readonly replaces?: string;
}

const CASES: readonly Case[] = [
  {
    name: 'completion at the start of a line offers the keywords and declared endpoints',
    text: lines(...OPEN, '|'),
    labels: ['client', 'server', ...KEYWORDS],
    replaces: '',
  },
  {
    name: 'completion of a half-typed word at line start replaces that word',
    text: lines(...OPEN, 'cl|'),
    includes: ['client', 'expect'],
    replaces: 'cl',
  },
  {
    name: 'completion at line start inside a simultaneous block offers only endpoints',
    text: lines(...OPEN, 'simultaneous {', '  |', '}'),
    labels: ['client', 'server'],
  },
  {
    name: 'completion after an endpoint name offers arrows, listen and close',
    text: lines(...OPEN, 'client |'),
    labels: ['->', '-x', '~>', 'listen', 'close'],
  },
  {
    name: 'completion of a half-typed arrow offers only arrows, replacing the -',
    text: lines(...OPEN, 'client -|'),
    labels: ['->', '-x'],
    replaces: '-',
  },
  {
    name: 'completion after deliver offers the labels written so far',
    text: lines(
      ...OPEN,
      'client ~> server ACK seq=x+1 ack=y+1 as d1',
      'client -> server ACK seq=x+1 ack=y+1 as d2',
      'deliver |',
    ),
    labels: ['d1', 'd2'],
  },
  {
    name: 'completion after a delivered label offers again',
    text: lines(...OPEN, 'client ~> server ACK seq=x+1 ack=y+1 as d1', 'deliver d1 |'),
    labels: ['again'],
  },
  {
    name: 'completion after ~> offers the declared endpoints except the sender',
    text: lines(...OPEN, 'client ~> |'),
    labels: ['server'],
  },
  {
    name: 'completion after an arrow offers the declared endpoints except the sender',
    text: lines(...OPEN, 'endpoint third', 'client -x |'),
    labels: ['server', 'third'],
  },
  {
    name: 'completion after the receiver offers every flag and field',
    text: lines(...OPEN, 'client -> server |'),
    labels: [...FLAGS, ...FIELDS, ...TLS_MESSAGE_TYPES],
  },
  {
    name: 'completion in the flags part leaves out the flags and fields already written',
    text: lines(...OPEN, 'client -> server ACK seq=x+1 |'),
    labels: ['ack=', 'SYN', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'win=', 'len='],
  },
  {
    name: 'completion after a flag offers seq= and ack= first, then the other flags',
    text: lines(...OPEN.slice(0, 3), 'client -> server SYN |'),
    labels: [
      'seq=',
      'ack=',
      'ACK',
      'FIN',
      'RST',
      'PSH',
      'URG',
      'ECE',
      'CWR',
      'win=',
      'wscale=',
      'len=',
    ],
  },
  {
    name: 'completion offers wscale= on a SYN only, the one segment that carries it (RFC 7323 §2.2)',
    text: lines(...OPEN, 'client -> server ACK seq=x+1 ack=y+1 |'),
    excludes: ['wscale='],
    includes: ['win='],
  },
  {
    name: 'completion leaves out a wscale= already written',
    text: lines(...OPEN.slice(0, 3), 'client -> server SYN seq=x wscale=7 |'),
    excludes: ['wscale=', 'seq='],
    includes: ['win='],
  },
  {
    name: 'completion counts flags and fields written after the cursor, in any case',
    text: lines(...OPEN, 'client -> server PSH |  ack=y+1 Ack "hi"'),
    excludes: ['PSH', 'ACK', 'ack='],
    includes: ['FIN', 'seq='],
  },
  {
    name: 'completion of a half-typed flag replaces it and still offers it',
    text: lines(...OPEN, 'client -> server FIN A|'),
    includes: ['ACK'],
    excludes: ['FIN'],
    replaces: 'A',
  },
  {
    name: 'completion after ack= offers x+1 first, with the engine’s reason',
    text: lines(...H5.slice(0, 4), 'server -> client SYN ACK seq=y ack=|'),
    labels: ['x+1'],
    first: {
      label: 'x+1',
      kind: 'value',
      detail:
        'expected by the engine: the SYN client sent at line 4 (seq=x) consumes one sequence number',
    },
    replaces: '',
  },
  {
    name: 'completion after seq= offers the sender’s next sequence number',
    text: lines(...H5, 'client -> server ACK seq=|'),
    first: { label: 'x+1', detail: 'expected by the engine: the SYN client sent at line 4' },
  },
  {
    name: 'completion after seq= with a let offers the symbol first, then the number',
    text: lines('let x = 1000', ...H5, 'client -> server ACK seq=|'),
    labels: ['x+1', '1001'],
    first: { label: 'x+1' },
  },
  {
    name: 'completion after ack= with a half-typed symbol name offers the value it begins',
    text: lines(
      ...OPEN.slice(0, 3),
      'client -> server SYN seq=isn',
      'server -> client SYN ACK seq=y ack=i|',
    ),
    labels: ['isn+1'],
    first: { label: 'isn+1' },
    replaces: 'i',
  },
  {
    name: 'completion after ack= with a complete value offers nothing, even when it is wrong',
    text: lines(...H5, 'client -> server ACK seq=x+1 ack=y|'),
    labels: [],
  },
  {
    name: 'completion after ack= with a complete number offers nothing, even one the value begins',
    text: lines('let y = 1000', ...H5, 'client -> server ACK seq=x+1 ack=1|'),
    labels: [],
  },
  {
    name: 'completion after ack= with a partly typed value replaces what is typed',
    text: lines(...H5, 'client -> server ACK seq=x+1 ack=y+|'),
    labels: ['y+1'],
    first: { label: 'y+1' },
    replaces: 'y+',
  },
  {
    name: 'completion after ack= of data counts the bytes, as the engine does',
    text: lines(
      ...OPEN,
      'client -> server PSH ACK seq=x+1 ack=y+1 "hello"',
      'server -> client ACK seq=y+1 ack=|',
    ),
    first: {
      label: 'x+6',
      detail: 'expected by the engine: the 5 data bytes client sent at line 7 (seq=x+1) end there',
    },
  },
  {
    name: 'completion after ack= of a reset offers what the refusal acknowledges',
    text: lines(
      'endpoint client',
      'endpoint server',
      'client -> server SYN seq=x',
      'server -> client RST ACK seq=0 ack=|',
    ),
    first: {
      label: 'x+1',
      detail: 'expected by the engine: the reset answers the segment at line 3',
    },
  },
  {
    name: 'completion after seq= of a first SYN offers a fresh symbol',
    text: lines(
      'endpoint client',
      'endpoint server',
      'server listen',
      'client -> server SYN seq=|',
    ),
    labels: ['x'],
    first: { label: 'x', kind: 'symbol', preselect: false },
  },
  {
    name: 'completion after seq= offers nothing where the engine expects nothing',
    text: lines(
      'endpoint client',
      'endpoint server',
      'server listen',
      'client -> server ACK seq=|',
    ),
    labels: [],
  },
  {
    name: 'completion after win= offers nothing',
    text: lines(...OPEN, 'client -> server ACK win=|'),
    labels: [],
  },
  {
    name: 'completion after a complete win= value goes back to flags and fields',
    text: lines(...OPEN, 'client -> server ACK win=100 |'),
    includes: ['FIN', 'seq='],
    excludes: ['win='],
  },
  {
    name: 'completion after expect offers the endpoints',
    text: lines(...OPEN, 'expect |'),
    labels: ['client', 'server'],
  },
  {
    name: 'completion after expect NAME offers the 11 states, the engine’s state first',
    text: lines(...H5, 'expect client |'),
    first: { label: 'ESTABLISHED', kind: 'state', detail: "the engine's state of client here" },
    includes: [...TCP_STATES],
  },
  {
    name: 'completion after expect NAME before more lines takes the state at that line',
    text: lines(...H5, 'expect server |', ...OPEN.slice(5)),
    first: { label: 'SYN_RECEIVED' },
  },
  {
    name: 'completion of a half-typed state with a hyphen replaces all of it',
    text: lines(...H5, 'expect client SYN-|'),
    first: { label: 'ESTABLISHED' },
    replaces: 'SYN-',
  },
  {
    name: 'completion after wait offers 2MSL',
    text: lines(...OPEN, 'wait |'),
    labels: ['2MSL'],
    first: { label: '2MSL', kind: 'duration', preselect: false },
  },
  {
    name: 'no completion in a comment',
    text: lines(...OPEN, 'client -> server ACK # a |'),
    labels: [],
  },
  {
    name: 'no completion in a string',
    text: lines(...OPEN, 'client -> server PSH ACK "GET |'),
    labels: [],
  },
  {
    name: 'no completion after let or endpoint',
    text: lines(...OPEN, 'let |'),
    labels: [],
  },
];

function sorted(items: readonly CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

for (const c of CASES) {
  test(c.name, () => {
    const { text, items } = completeAt(c.text);
    const labels = sorted(items).map((item) => item.label);
    if (c.labels) assert.deepEqual(labels, c.labels);
    for (const label of c.includes ?? []) assert.ok(labels.includes(label), label);
    for (const label of c.excludes ?? []) assert.ok(!labels.includes(label), label);
    if (c.first) {
      const [first, ...rest] = sorted(items);
      assert.equal(first?.label, c.first.label);
      assert.equal(first?.preselect ?? false, c.first.preselect ?? true, 'preselected');
      assert.ok(
        rest.every((item) => !item.preselect),
        'only the first may be preselected',
      );
      if (c.first.kind) assert.equal(first?.kind, c.first.kind);
      if (c.first.detail) assert.ok(first?.detail?.startsWith(c.first.detail), first?.detail);
    }
    if (c.replaces !== undefined) {
      assert.ok(items.length > 0);
      for (const item of items) {
        assert.ok(item.replace, item.label);
        assert.equal(text.slice(item.replace.start, item.replace.end), c.replaces, item.label);
      }
    }
  });
}

test('completion after seq= and ack= on every example line offers what the engine expects there', () => {
  for (const file of readdirSync('examples').filter((f) => f.endsWith('.handshake'))) {
    const text = readFileSync(`examples/${file}`, 'utf8');
    const full = analyze(text);
    const steps = full.trace.steps.filter((s): s is SegmentStep => s.kind === 'segment');
    for (const step of steps) {
      for (const field of ['seq', 'ack'] as const) {
        const written = step.statement[field];
        const expected = step.expected[field];
        if (!written || !expected) continue;
        // Cut the line right after `field=`, as it is while being typed; keep the lines after it.
        const cut = written.value.start;
        const lineEnd = full.lines.lineEnd(full.lines.lineOf(written));
        const typing = text.slice(0, cut) + text.slice(lineEnd);
        const [first] = sorted(complete(analyze(typing), cut));
        assert.equal(
          first?.label,
          formatValue(expected),
          `${file}:${full.lines.lineOf(written) + 1} ${field}`,
        );
      }
    }
  }
});

test('completion never throws on any prefix of the examples, and replaces only before the cursor', () => {
  for (const file of readdirSync('examples').filter((f) => f.endsWith('.handshake'))) {
    const text = readFileSync(`examples/${file}`, 'utf8');
    for (let offset = 0; offset <= text.length; offset += 3) {
      const typing = text.slice(0, offset);
      for (const item of complete(analyze(typing), offset)) {
        assert.ok(item.replace && item.replace.end === offset, `${file}@${offset}`);
        assert.ok(!typing.slice(item.replace.start, offset).includes('\n'), `${file}@${offset}`);
      }
    }
  }
});

/**
 * What the editor would put in place of `typed` if Enter were pressed with the list open: the
 * selected item (the preselected one, else the first by sortText) among those whose label the
 * typed text begins, as VS Code filters by the text under the item's range.
 */
function enterWouldReplace(items: readonly CompletionItem[], typed: string): string | undefined {
  const shown = sorted(items).filter((item) => item.label.startsWith(typed));
  const chosen = shown.find((item) => item.preselect) ?? shown[0];
  return chosen?.label;
}

test('a value typed in full after seq= or ack= is never replaced by pressing Enter', () => {
  const before = [...OPEN.slice(0, 3), 'client -> server SYN seq=x'];
  const cases = [
    // The student's slip: ack=x on the SYN ACK, where the engine expects x+1.
    ['server -> client SYN ACK seq=y ack=', 'x'],
    ['server -> client SYN ACK seq=y ack=', 'x+1'],
    ['server -> client SYN ACK seq=y ack=', 'x+2'],
    ['server -> client SYN ACK seq=y ack=', '0'],
    ['server -> client SYN ACK seq=', 'y'],
    ['client -> server SYN seq=', 'x'],
  ] as const;
  for (const [line, typed] of cases) {
    const text = lines(...before, line + typed);
    const offset = text.length - 1;
    const list = completionList(analyze(text), offset);
    const replaced = enterWouldReplace(list.items, typed);
    assert.ok(replaced === undefined || replaced === typed, `${line}${typed} → ${replaced}`);
    assert.ok(!list.items.some((item) => item.preselect), `${line}${typed}: preselected`);
    assert.equal(list.isIncomplete, true, 'asked again at each key, so the list closes');
  }
});

test('after ack= with nothing typed yet the expected value comes first, preselected', () => {
  const text = lines(
    ...OPEN.slice(0, 3),
    'client -> server SYN seq=x',
    'server -> client SYN ACK seq=y ack=',
  );
  const items = sorted(complete(analyze(text), text.length - 1));
  assert.equal(items[0]?.label, 'x+1');
  assert.equal(items[0]?.preselect, true);
  assert.equal(enterWouldReplace(items, ''), 'x+1');
});

test('only a list of values is asked for again at each key; flags and names are filtered', () => {
  for (const marked of [
    lines(...OPEN, 'client -> server SYN |'),
    lines(...OPEN, 'cl|'),
    lines(...H5, 'expect client |'),
  ]) {
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    assert.equal(completionList(analyze(text), offset).isIncomplete, false, marked);
  }
});
