/**
 * Conditions of conditional breakpoints: a small expression language read without `eval`.
 *
 *   condition  := or
 *   or         := and ('||' and)*
 *   and        := not ('&&' not)*
 *   not        := '!' not | comparison
 *   comparison := sum (('==' | '!=' | '<' | '<=' | '>' | '>=') sum)?
 *   sum        := primary (('+' | '-') primary)*
 *   primary    := NUMBER | NAME ('.' NAME)* | '(' or ')'
 *
 * `client.state == TIME_WAIT`, `client.SND.NXT == x+1`, `seq != expected`. Names are resolved
 * when the condition is evaluated (conditionValue.ts). Reading never throws: a condition that
 * cannot be read is an error value with the column where reading stopped.
 */

export type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** A condition as read: a tree of these. */
export type ConditionNode =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'name'; readonly path: readonly string[] }
  | { readonly kind: 'not'; readonly operand: ConditionNode }
  | {
      readonly kind: 'logical';
      readonly op: '&&' | '||';
      readonly left: ConditionNode;
      readonly right: ConditionNode;
    }
  | {
      readonly kind: 'compare';
      readonly op: Comparison;
      readonly left: ConditionNode;
      readonly right: ConditionNode;
    }
  | {
      readonly kind: 'arithmetic';
      readonly op: '+' | '-';
      readonly left: ConditionNode;
      readonly right: ConditionNode;
    };

/** Why a condition could not be read or evaluated; worded by conditionErrorText. */
export type ConditionError =
  | { readonly kind: 'unexpected'; readonly found: string; readonly column: number }
  | { readonly kind: 'end' }
  | { readonly kind: 'singleEquals'; readonly column: number }
  | { readonly kind: 'unknownName'; readonly name: string }
  | { readonly kind: 'mismatch'; readonly left: ValueKind; readonly right: ValueKind }
  | { readonly kind: 'arithmetic'; readonly left: ValueKind; readonly right: ValueKind }
  | { readonly kind: 'notBoolean' };

/** The kinds of value a name or a sum has (conditionValue.ts). */
export type ValueKind = 'number' | 'word' | 'bool' | 'none';

export type ConditionResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ConditionError };

interface Token {
  readonly text: string;
  readonly kind: 'number' | 'name' | 'op' | 'end';
  /** 1-based, as an editor shows it. */
  readonly column: number;
}

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '(', ')', '.'];

/** Splits a condition into tokens, or says where a character that belongs to none stands. */
function tokens(text: string): ConditionResult<Token[]> {
  const found: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9]+/.exec(text.slice(i));
    if (word) {
      const kind = /^[0-9]/.test(word[0]) ? 'number' : 'name';
      found.push({ text: word[0], kind, column: i + 1 });
      i += word[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      found.push({ text: op, kind: 'op', column: i + 1 });
      i += op.length;
      continue;
    }
    if (c === '=') return { ok: false, error: { kind: 'singleEquals', column: i + 1 } };
    return { ok: false, error: { kind: 'unexpected', found: c, column: i + 1 } };
  }
  found.push({ text: '', kind: 'end', column: text.length + 1 });
  return { ok: true, value: found };
}

/** A reading failure, carried up through the recursive descent instead of thrown. */
class Stop {
  constructor(readonly error: ConditionError) {}
}

/** Reads `text` as a condition. Never throws. */
export function parseCondition(text: string): ConditionResult<ConditionNode> {
  const scanned = tokens(text);
  if (!scanned.ok) return scanned;
  const list = scanned.value;
  let at = 0;
  const peek = (): Token => list[at] as Token;
  const take = (): Token => list[at++] as Token;
  const fail = (token: Token): Stop =>
    new Stop(
      token.kind === 'end'
        ? { kind: 'end' }
        : { kind: 'unexpected', found: token.text, column: token.column },
    );

  function or(): ConditionNode | Stop {
    let left = and();
    while (!(left instanceof Stop) && peek().text === '||') {
      take();
      const right = and();
      if (right instanceof Stop) return right;
      left = { kind: 'logical', op: '||', left, right };
    }
    return left;
  }
  function and(): ConditionNode | Stop {
    let left = not();
    while (!(left instanceof Stop) && peek().text === '&&') {
      take();
      const right = not();
      if (right instanceof Stop) return right;
      left = { kind: 'logical', op: '&&', left, right };
    }
    return left;
  }
  function not(): ConditionNode | Stop {
    if (peek().text !== '!') return comparison();
    take();
    const operand = not();
    return operand instanceof Stop ? operand : { kind: 'not', operand };
  }
  function comparison(): ConditionNode | Stop {
    const left = sum();
    if (left instanceof Stop) return left;
    const op = peek().text;
    if (!['==', '!=', '<', '<=', '>', '>='].includes(op)) return left;
    take();
    const right = sum();
    return right instanceof Stop ? right : { kind: 'compare', op: op as Comparison, left, right };
  }
  function sum(): ConditionNode | Stop {
    let left = primary();
    while (!(left instanceof Stop) && (peek().text === '+' || peek().text === '-')) {
      const op = take().text as '+' | '-';
      const right = primary();
      if (right instanceof Stop) return right;
      left = { kind: 'arithmetic', op, left, right };
    }
    return left;
  }
  function primary(): ConditionNode | Stop {
    const token = take();
    if (token.kind === 'number') return { kind: 'number', value: Number(token.text) };
    if (token.kind === 'name') {
      const path = [token.text];
      while (peek().text === '.') {
        take();
        const part = take();
        if (part.kind !== 'name') return fail(part);
        path.push(part.text);
      }
      return { kind: 'name', path };
    }
    if (token.text === '(') {
      const inner = or();
      if (inner instanceof Stop) return inner;
      const close = take();
      return close.text === ')' ? inner : fail(close);
    }
    return fail(token);
  }

  const node = or();
  if (node instanceof Stop) return { ok: false, error: node.error };
  if (peek().kind !== 'end') return { ok: false, error: fail(peek()).error };
  return { ok: true, value: node };
}
