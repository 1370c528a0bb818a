/**
 * Tokenizes with the engines VS Code itself runs (vscode-textmate on vscode-oniguruma), so a scope
 * asserted here is the scope a colour theme sees for media/handshake.tmLanguage.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { TCP_FLAGS } from '../../src/core/protocol/tcpFlags';
import { TCP_STATES } from '../../src/core/protocol/tcpStates';

const ROOT = path.resolve(__dirname, '../..');
const GRAMMAR_PATH = path.join(ROOT, 'media/handshake.tmLanguage.json');
const SCOPE_NAME = 'source.handshake';

/** `[token text, innermost scope]`; blank tokens are left out. */
type Scoped = readonly [text: string, scope: string];

const grammar = loadGrammar();

async function loadGrammar(): Promise<textmate.IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === SCOPE_NAME
        ? textmate.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH)
        : null,
  });
  const loaded = await registry.loadGrammar(SCOPE_NAME);
  assert.ok(loaded, `grammar ${SCOPE_NAME} did not load`);
  return loaded;
}

/** Every token of every line, with its full scope stack; the rule stack carries across lines. */
async function tokenize(text: string): Promise<{ text: string; scopes: string[] }[][]> {
  const loaded = await grammar;
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = loaded.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({
      text: line.slice(token.startIndex, token.endIndex),
      scopes: token.scopes,
    }));
  });
}

async function innermost(text: string): Promise<Scoped[][]> {
  const lines = await tokenize(text);
  return lines.map((tokens) =>
    tokens
      .filter((token) => token.text.trim() !== '')
      .map((token): Scoped => [token.text, token.scopes[token.scopes.length - 1] ?? '']),
  );
}

/** The full scope stack of the first token whose text is `needle` on `line`. */
async function scopesAt(text: string, line: number, needle: string): Promise<string[]> {
  const tokens = (await tokenize(text))[line] ?? [];
  const token = tokens.find((candidate) => candidate.text === needle);
  assert.ok(token, `no token '${needle}' on line ${line}`);
  return token.scopes;
}

const COMMENT_HASH = 'comment.line.number-sign.handshake';
const COMMENT_SLASH = 'comment.line.double-slash.handshake';
const COMMENT_MARK = 'punctuation.definition.comment.handshake';
const ENDPOINT = 'entity.name.type.endpoint.handshake';
const ARROW = 'keyword.operator.arrow.handshake';
const LOST_ARROW = 'keyword.operator.arrow.lost.handshake';
const FLAG = 'constant.language.flag.tcp.handshake';
const SEPARATOR = 'punctuation.separator.flag.handshake';
const FIELD = 'variable.other.field.handshake';
const ASSIGN = 'keyword.operator.assignment.handshake';
const SYMBOL = 'variable.other.symbol.handshake';
const ARITHMETIC = 'keyword.operator.arithmetic.handshake';
const NUMBER = 'constant.numeric.decimal.handshake';
const STATE = 'support.constant.state.tcp.handshake';
const STRING = 'string.quoted.double.handshake';
const QUOTE_BEGIN = 'punctuation.definition.string.begin.handshake';
const QUOTE_END = 'punctuation.definition.string.end.handshake';
const ESCAPE = 'constant.character.escape.handshake';
const BAD_ESCAPE = 'invalid.illegal.escape.handshake';
const PORT_SEPARATOR = 'punctuation.separator.port.handshake';
const PORT = 'constant.numeric.port.handshake';
const BLOCK_BEGIN = 'punctuation.section.block.begin.handshake';
const BLOCK_END = 'punctuation.section.block.end.handshake';
const keyword = (word: string): string => `keyword.control.${word}.handshake`;

interface Case {
  readonly name: string;
  readonly text: string;
  readonly expected: readonly (readonly Scoped[])[];
}

const TLS_FIELD = 'variable.other.field.tls.handshake';
const TLS_VALUE = 'string.unquoted.value.tls.handshake';
const TLS_MESSAGE = 'support.type.tls-message.handshake';
const CERT_NAME = 'entity.name.type.certificate.handshake';

const CASES: readonly Case[] = [
  {
    name: 'a TLS message: endpoints, arrow, forward, the message and its fields',
    text: 'mallory -> client forward ClientHello random=r1 suites=A,B # relayed',
    expected: [
      [
        ['mallory', ENDPOINT],
        ['->', ARROW],
        ['client', ENDPOINT],
        ['forward', 'keyword.other.forward.handshake'],
        ['ClientHello', TLS_MESSAGE],
        ['random', TLS_FIELD],
        ['=', ASSIGN],
        ['r1', TLS_VALUE],
        ['suites', TLS_FIELD],
        ['=', ASSIGN],
        ['A,B', TLS_VALUE],
        ['#', COMMENT_MARK],
        [' relayed', COMMENT_HASH],
      ],
    ],
  },
  {
    name: 'an alert name and application data',
    text: 'client -> server Alert bad_certificate\nclient -> server ApplicationData "GET /"',
    expected: [
      [
        ['client', ENDPOINT],
        ['->', ARROW],
        ['server', ENDPOINT],
        ['Alert', TLS_MESSAGE],
        ['bad_certificate', 'constant.language.alert.tls.handshake'],
      ],
      [
        ['client', ENDPOINT],
        ['->', ARROW],
        ['server', ENDPOINT],
        ['ApplicationData', TLS_MESSAGE],
        ['"', QUOTE_BEGIN],
        ['GET /', STRING],
        ['"', QUOTE_END],
      ],
    ],
  },
  {
    name: 'TLS declarations: cert, trust, attacker and date',
    text: 'cert c subject=bank.example key=k\ntrust client CA any\nattacker mallory 10.0.0.9:443\ndate 2026-11-26',
    expected: [
      [
        ['cert', 'keyword.control.tls.handshake'],
        ['c', CERT_NAME],
        ['subject', TLS_FIELD],
        ['=', ASSIGN],
        ['bank.example', TLS_VALUE],
        ['key', TLS_FIELD],
        ['=', ASSIGN],
        ['k', TLS_VALUE],
      ],
      [
        ['trust', keyword('trust')],
        ['client', ENDPOINT],
        ['CA', CERT_NAME],
        ['any', 'constant.language.any.handshake'],
      ],
      [
        ['attacker', keyword('attacker')],
        ['mallory', ENDPOINT],
        ['10.0.0.9', 'constant.other.address.ipv4.handshake'],
        [':', PORT_SEPARATOR],
        ['443', PORT],
      ],
      [
        ['date', keyword('date')],
        ['2026-11-26', 'constant.numeric.date.handshake'],
      ],
    ],
  },
  {
    name: 'both comment styles run to the end of the line',
    text: '# opens the connection\n// seq=x SYN "not a string"',
    expected: [
      [
        ['#', COMMENT_MARK],
        [' opens the connection', COMMENT_HASH],
      ],
      [
        ['//', COMMENT_MARK],
        [' seq=x SYN "not a string"', COMMENT_SLASH],
      ],
    ],
  },
  {
    name: 'scenario takes a quoted title',
    text: 'scenario "Three-way handshake" # title',
    expected: [
      [
        ['scenario', keyword('scenario')],
        ['"', QUOTE_BEGIN],
        ['Three-way handshake', STRING],
        ['"', QUOTE_END],
        ['#', COMMENT_MARK],
        [' title', COMMENT_HASH],
      ],
    ],
  },
  {
    name: 'strings mark every escape the scanner knows and flag the others',
    text: 'scenario "a\\r\\n\\t\\0\\\\\\"\\x41\\q # still text"',
    expected: [
      [
        ['scenario', keyword('scenario')],
        ['"', QUOTE_BEGIN],
        ['a', STRING],
        ['\\r', ESCAPE],
        ['\\n', ESCAPE],
        ['\\t', ESCAPE],
        ['\\0', ESCAPE],
        ['\\\\', ESCAPE],
        ['\\"', ESCAPE],
        ['\\x41', ESCAPE],
        ['\\q', BAD_ESCAPE],
        [' # still text', STRING],
        ['"', QUOTE_END],
      ],
    ],
  },
  {
    name: 'an unterminated string stops at the end of its line',
    text: 'client -> server PSH ACK "GET /\nserver listen',
    expected: [
      [
        ['client', ENDPOINT],
        ['->', ARROW],
        ['server', ENDPOINT],
        ['PSH', FLAG],
        ['ACK', FLAG],
        ['"', QUOTE_BEGIN],
        ['GET /', STRING],
      ],
      [
        ['server', ENDPOINT],
        ['listen', keyword('listen')],
      ],
    ],
  },
  {
    name: 'endpoint declares a name and an IPv4 address with a port',
    text: 'endpoint client 192.168.1.116:3337',
    expected: [
      [
        ['endpoint', keyword('endpoint')],
        ['client', ENDPOINT],
        ['192.168.1.116', 'constant.other.address.ipv4.handshake'],
        [':', PORT_SEPARATOR],
        ['3337', PORT],
      ],
    ],
  },
  {
    name: 'endpoint takes a bracketed IPv6 address',
    text: 'endpoint server [2001:db8::1]:443 // v6',
    expected: [
      [
        ['endpoint', keyword('endpoint')],
        ['server', ENDPOINT],
        ['[', 'punctuation.definition.address.begin.handshake'],
        ['2001:db8::1', 'constant.other.address.ipv6.handshake'],
        [']', 'punctuation.definition.address.end.handshake'],
        [':', PORT_SEPARATOR],
        ['443', PORT],
        ['//', COMMENT_MARK],
        [' v6', COMMENT_SLASH],
      ],
    ],
  },
  {
    name: 'let binds a symbol to a number',
    text: 'let x = 3626544836',
    expected: [
      [
        ['let', keyword('let')],
        ['x', SYMBOL],
        ['=', ASSIGN],
        ['3626544836', NUMBER],
      ],
    ],
  },
  {
    name: 'listen and close follow an endpoint name',
    text: 'server listen\nclient close',
    expected: [
      [
        ['server', ENDPOINT],
        ['listen', keyword('listen')],
      ],
      [
        ['client', ENDPOINT],
        ['close', keyword('close')],
      ],
    ],
  },
  {
    name: 'a segment names sender, arrow, receiver, flags and fields with symbolic values',
    text: 'client -> server  SYN ACK  seq=x+1 ack=y-2 win=65535 len=5 "hello"',
    expected: [
      [
        ['client', ENDPOINT],
        ['->', ARROW],
        ['server', ENDPOINT],
        ['SYN', FLAG],
        ['ACK', FLAG],
        ['seq', FIELD],
        ['=', ASSIGN],
        ['x', SYMBOL],
        ['+', ARITHMETIC],
        ['1', NUMBER],
        ['ack', FIELD],
        ['=', ASSIGN],
        ['y', SYMBOL],
        ['-', ARITHMETIC],
        ['2', NUMBER],
        ['win', FIELD],
        ['=', ASSIGN],
        ['65535', NUMBER],
        ['len', FIELD],
        ['=', ASSIGN],
        ['5', NUMBER],
        ['"', QUOTE_BEGIN],
        ['hello', STRING],
        ['"', QUOTE_END],
      ],
    ],
  },
  {
    name: 'a SYN names its window scale option like the other counts',
    text: 'client -> server SYN seq=1 win=64240 wscale=7',
    expected: [
      [
        ['client', ENDPOINT],
        ['->', ARROW],
        ['server', ENDPOINT],
        ['SYN', FLAG],
        ['seq', FIELD],
        ['=', ASSIGN],
        ['1', NUMBER],
        ['win', FIELD],
        ['=', ASSIGN],
        ['64240', NUMBER],
        ['wscale', FIELD],
        ['=', ASSIGN],
        ['7', NUMBER],
      ],
    ],
  },
  {
    name: 'flags may be lowercase and separated by commas or plus signs',
    text: 'server->client syn,ack+Psh seq=1739326486 ack=3626544837',
    expected: [
      [
        ['server', ENDPOINT],
        ['->', ARROW],
        ['client', ENDPOINT],
        ['syn', FLAG],
        [',', SEPARATOR],
        ['ack', FLAG],
        ['+', SEPARATOR],
        ['Psh', FLAG],
        ['seq', FIELD],
        ['=', ASSIGN],
        ['1739326486', NUMBER],
        ['ack', FIELD],
        ['=', ASSIGN],
        ['3626544837', NUMBER],
      ],
    ],
  },
  {
    name: 'fields allow blanks around = and the offset, and any case',
    text: 'a -> b RST URG ECE CWR FIN SEQ = x + 19',
    expected: [
      [
        ['a', ENDPOINT],
        ['->', ARROW],
        ['b', ENDPOINT],
        ['RST', FLAG],
        ['URG', FLAG],
        ['ECE', FLAG],
        ['CWR', FLAG],
        ['FIN', FLAG],
        ['SEQ', FIELD],
        ['=', ASSIGN],
        ['x', SYMBOL],
        ['+', ARITHMETIC],
        ['19', NUMBER],
      ],
    ],
  },
  {
    name: '-x marks a lost segment',
    text: 'client -x server FIN ACK seq=x ack=y # lost',
    expected: [
      [
        ['client', ENDPOINT],
        ['-x', LOST_ARROW],
        ['server', ENDPOINT],
        ['FIN', FLAG],
        ['ACK', FLAG],
        ['seq', FIELD],
        ['=', ASSIGN],
        ['x', SYMBOL],
        ['ack', FIELD],
        ['=', ASSIGN],
        ['y', SYMBOL],
        ['#', COMMENT_MARK],
        [' lost', COMMENT_HASH],
      ],
    ],
  },
  {
    name: '~> leaves a segment in flight under the label after as; deliver names it',
    text: 'client ~> server PSH ACK seq=x len=10 as d1 # in flight\ndeliver d1 again',
    expected: [
      [
        ['client', ENDPOINT],
        ['~>', 'keyword.operator.arrow.in-flight.handshake'],
        ['server', ENDPOINT],
        ['PSH', FLAG],
        ['ACK', FLAG],
        ['seq', FIELD],
        ['=', ASSIGN],
        ['x', SYMBOL],
        ['len', FIELD],
        ['=', ASSIGN],
        ['10', NUMBER],
        ['as', 'keyword.other.as.handshake'],
        ['d1', 'entity.name.label.handshake'],
        ['#', COMMENT_MARK],
        [' in flight', COMMENT_HASH],
      ],
      [
        ['deliver', keyword('deliver')],
        ['d1', 'entity.name.label.handshake'],
        ['again', 'keyword.other.again.handshake'],
      ],
    ],
  },
  {
    name: 'expect names an endpoint and a state written with _ or -, or an alias',
    text: 'expect client SYN-SENT\nexpect server FIN_WAIT_1\nexpect server syn_rcvd\nexpect a Fin-Wait-2',
    expected: [
      [
        ['expect', keyword('expect')],
        ['client', ENDPOINT],
        ['SYN-SENT', STATE],
      ],
      [
        ['expect', keyword('expect')],
        ['server', ENDPOINT],
        ['FIN_WAIT_1', STATE],
      ],
      [
        ['expect', keyword('expect')],
        ['server', ENDPOINT],
        ['syn_rcvd', STATE],
      ],
      [
        ['expect', keyword('expect')],
        ['a', ENDPOINT],
        ['Fin-Wait-2', STATE],
      ],
    ],
  },
  {
    name: 'wait takes 2MSL',
    text: 'wait 2MSL',
    expected: [
      [
        ['wait', keyword('wait')],
        ['2MSL', 'constant.numeric.duration.handshake'],
      ],
    ],
  },
  {
    name: 'wait takes a time: 30s, 1.5s, 500ms, 4min',
    text: ['wait 30s', 'wait 1.5s', 'wait 500ms', 'wait 4min'].join('\n'),
    expected: ['30s', '1.5s', '500ms', '4min'].map((time) => [
      ['wait', keyword('wait')],
      [time, 'constant.numeric.duration.handshake'],
    ]),
  },
  {
    name: 'a simultaneous block holds segment lines between braces',
    text: [
      'simultaneous {  # both sides open',
      '  a -> b SYN seq=x',
      '  b -x a SYN seq=y',
      '}',
      'expect a SYN_RECEIVED',
    ].join('\n'),
    expected: [
      [
        ['simultaneous', keyword('simultaneous')],
        ['{', BLOCK_BEGIN],
        ['#', COMMENT_MARK],
        [' both sides open', COMMENT_HASH],
      ],
      [
        ['a', ENDPOINT],
        ['->', ARROW],
        ['b', ENDPOINT],
        ['SYN', FLAG],
        ['seq', FIELD],
        ['=', ASSIGN],
        ['x', SYMBOL],
      ],
      [
        ['b', ENDPOINT],
        ['-x', LOST_ARROW],
        ['a', ENDPOINT],
        ['SYN', FLAG],
        ['seq', FIELD],
        ['=', ASSIGN],
        ['y', SYMBOL],
      ],
      [['}', BLOCK_END]],
      [
        ['expect', keyword('expect')],
        ['a', ENDPOINT],
        ['SYN_RECEIVED', STATE],
      ],
    ],
  },
  {
    name: 'like the parser, a keyword line ends a block whose } was forgotten',
    text: 'simultaneous {\n  a -> b SYN seq=x\nexpect a SYN_SENT\n}',
    expected: [
      [
        ['simultaneous', keyword('simultaneous')],
        ['{', BLOCK_BEGIN],
      ],
      [
        ['a', ENDPOINT],
        ['->', ARROW],
        ['b', ENDPOINT],
        ['SYN', FLAG],
        ['seq', FIELD],
        ['=', ASSIGN],
        ['x', SYMBOL],
      ],
      [
        ['expect', keyword('expect')],
        ['a', ENDPOINT],
        ['SYN_SENT', STATE],
      ],
      [['}', 'invalid.illegal.stray-brace.handshake']],
    ],
  },
  {
    name: 'words that only look like flags, keywords or arrows stay plain',
    text: 'a -> b SYNACK synx\n  scenariox "t"\nc -xy d',
    expected: [
      [
        ['a', ENDPOINT],
        ['->', ARROW],
        ['b', ENDPOINT],
        [' SYNACK synx', 'meta.segment.handshake'],
      ],
      [['  scenariox "t"', SCOPE_NAME]],
      [['c -xy d', SCOPE_NAME]],
    ],
  },
];

for (const { name, text, expected } of CASES) {
  test(name, async () => {
    assert.deepEqual(await innermost(text), expected);
  });
}

test('segment lines carry a meta scope that tells delivered from lost', async () => {
  const text = 'a -> b SYN seq=x\na -x b SYN seq=x';
  assert.deepEqual(await scopesAt(text, 0, 'SYN'), [SCOPE_NAME, 'meta.segment.handshake', FLAG]);
  assert.deepEqual(await scopesAt(text, 1, 'SYN'), [
    SCOPE_NAME,
    'meta.segment.lost.handshake',
    FLAG,
  ]);
});

test('names in Chinese are endpoints, as English ones are', async () => {
  const text = 'endpoint 客户端\n客户端 -> 服务器 SYN seq=x\n服务器 listen';
  assert.deepEqual(await scopesAt(text, 1, '客户端'), [
    SCOPE_NAME,
    'meta.segment.handshake',
    ENDPOINT,
  ]);
  assert.deepEqual(await scopesAt(text, 1, '服务器'), [
    SCOPE_NAME,
    'meta.segment.handshake',
    ENDPOINT,
  ]);
  assert.deepEqual((await scopesAt(text, 0, '客户端')).at(-1), ENDPOINT);
});

test('segments inside a block are scoped as both block and segment', async () => {
  const text = 'simultaneous {\n  a -> b SYN seq=x\n}';
  assert.deepEqual(await scopesAt(text, 1, 'SYN'), [
    SCOPE_NAME,
    'meta.block.simultaneous.handshake',
    'meta.segment.handshake',
    FLAG,
  ]);
});

test('every flag the engine knows is a flag, in any case', async () => {
  for (const flag of TCP_FLAGS) {
    for (const spelling of [flag, flag.toLowerCase()]) {
      assert.deepEqual(
        await scopesAt(`a -> b ${spelling}`, 0, spelling),
        [SCOPE_NAME, 'meta.segment.handshake', FLAG],
        spelling,
      );
    }
  }
});

test('every state the engine knows is a state, with _ or -', async () => {
  for (const state of TCP_STATES) {
    for (const spelling of [state, state.replace(/_/g, '-'), state.toLowerCase()]) {
      assert.deepEqual(
        await scopesAt(`expect a ${spelling}`, 0, spelling),
        [SCOPE_NAME, 'meta.statement.expect.handshake', STATE],
        spelling,
      );
    }
  }
});

test('no example file has a token the grammar marks invalid', async () => {
  const folder = path.join(ROOT, 'examples');
  const files = readdirSync(folder).filter((file) => file.endsWith('.handshake'));
  assert.ok(files.length > 0, 'no examples found');
  for (const file of files) {
    const lines = await tokenize(readFileSync(path.join(folder, file), 'utf8'));
    lines.forEach((tokens, index) => {
      for (const token of tokens) {
        const invalid = token.scopes.find((scope) => scope.startsWith('invalid'));
        assert.equal(invalid, undefined, `${file}:${index + 1} '${token.text}'`);
      }
    });
  }
});
