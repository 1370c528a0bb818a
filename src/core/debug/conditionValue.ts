import { parseTcpState } from '../protocol/tcpStates';
import {
  atOrBefore,
  before,
  distance,
  sameValue,
  seqValue,
  type SeqValue,
  type SymbolValues,
} from '../tcp/seqValue';
import type { ConditionNode, ConditionResult, ValueKind } from './condition';

/**
 * A value in a condition: a sequence number or count (a SeqValue, so `x+1` stays symbolic
 * until a `let` gives `x` a number), a name (a state, an endpoint, a message), true or false,
 * or nothing (a variable not set yet: SND.NXT before the SYN).
 */
export type ConditionValue =
  | { readonly kind: 'number'; readonly value: SeqValue }
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'none' };

/** Gives the value of a dotted name at a stop, or undefined when the stop has no such name. */
export type NameLookup = (path: readonly string[]) => ConditionValue | undefined;

const NONE: ConditionValue = { kind: 'none' };

/**
 * Evaluates a condition at a stop. Names are looked up in `lookup` first, then read as a TCP
 * state (`TIME_WAIT`), `true`/`false`, or a sequence-number symbol of the scenario (`x`).
 * Comparisons of sequence numbers are modulo 2^32 (RFC 9293 §3.4: `<` is "comes before").
 * Never throws.
 */
export function evaluateCondition(
  node: ConditionNode,
  lookup: NameLookup,
  symbols: SymbolValues,
): ConditionResult<boolean> {
  const result = valueOf(node, lookup, symbols);
  if (!result.ok) return result;
  return result.value.kind === 'bool'
    ? { ok: true, value: result.value.value }
    : { ok: false, error: { kind: 'notBoolean' } };
}

function valueOf(
  node: ConditionNode,
  lookup: NameLookup,
  symbols: SymbolValues,
): ConditionResult<ConditionValue> {
  switch (node.kind) {
    case 'number':
      return ok({ kind: 'number', value: seqValue(node.value) });
    case 'name':
      return nameValue(node.path, lookup, symbols);
    case 'not': {
      const operand = evaluateCondition(node.operand, lookup, symbols);
      return operand.ok ? ok({ kind: 'bool', value: !operand.value }) : operand;
    }
    case 'logical': {
      const left = evaluateCondition(node.left, lookup, symbols);
      if (!left.ok) return left;
      // Short-circuit, as in the languages the users know: `a && b` reads b only when a holds.
      if (node.op === '&&' ? !left.value : left.value)
        return ok({ kind: 'bool', value: left.value });
      const right = evaluateCondition(node.right, lookup, symbols);
      return right.ok ? ok({ kind: 'bool', value: right.value }) : right;
    }
    case 'compare':
    case 'arithmetic': {
      const left = valueOf(node.left, lookup, symbols);
      if (!left.ok) return left;
      const right = valueOf(node.right, lookup, symbols);
      if (!right.ok) return right;
      return node.kind === 'compare'
        ? compare(node.op, left.value, right.value, symbols)
        : arithmetic(node.op, left.value, right.value, symbols);
    }
    default:
      return assertNever(node);
  }
}

function nameValue(
  path: readonly string[],
  lookup: NameLookup,
  symbols: SymbolValues,
): ConditionResult<ConditionValue> {
  const found = lookup(path);
  if (found) return ok(found);
  const name = path.join('.');
  if (path.length === 1) {
    const state = parseTcpState(name);
    if (state) return ok({ kind: 'word', text: state });
    if (name === 'true' || name === 'false') return ok({ kind: 'bool', value: name === 'true' });
    if (symbols.has(name)) return ok({ kind: 'number', value: seqValue(0, name) });
  }
  return { ok: false, error: { kind: 'unknownName', name } };
}

function compare(
  op: string,
  left: ConditionValue,
  right: ConditionValue,
  symbols: SymbolValues,
): ConditionResult<ConditionValue> {
  const bool = (value: boolean): ConditionResult<ConditionValue> => ok({ kind: 'bool', value });
  if (left.kind === 'none' || right.kind === 'none') {
    // An unset variable is unknown, not a value: nothing can be said of it, so every comparison
    // with it is false (`seq != expected` on a SYN, which has no expected seq, does not stop),
    // except that two unset ones are equal.
    const both = left.kind === right.kind;
    return bool(both && (op === '==' || op === '<=' || op === '>='));
  }
  if (left.kind === 'number' && right.kind === 'number') {
    const a = left.value;
    const b = right.value;
    if (op === '==') return bool(sameValue(a, b, symbols));
    if (op === '!=') return bool(!sameValue(a, b, symbols));
    if (op === '<') return bool(before(a, b, symbols));
    if (op === '<=') return bool(atOrBefore(a, b, symbols));
    if (op === '>') return bool(before(b, a, symbols));
    return bool(atOrBefore(b, a, symbols));
  }
  if (left.kind === right.kind && (op === '==' || op === '!=')) {
    const same =
      left.kind === 'word' && right.kind === 'word'
        ? left.text.toUpperCase() === right.text.toUpperCase()
        : left.kind === 'bool' && right.kind === 'bool' && left.value === right.value;
    return bool(op === '==' ? same : !same);
  }
  return { ok: false, error: { kind: 'mismatch', left: left.kind, right: right.kind } };
}

/** `x+1`, `client.SND.NXT - client.SND.UNA`: a number added to a value, or two values' distance. */
function arithmetic(
  op: '+' | '-',
  left: ConditionValue,
  right: ConditionValue,
  symbols: SymbolValues,
): ConditionResult<ConditionValue> {
  if (left.kind === 'none' || right.kind === 'none') return ok(NONE);
  if (left.kind === 'number' && right.kind === 'number') {
    const a = left.value;
    const b = right.value;
    if (b.symbol === undefined) {
      return ok({
        kind: 'number',
        value: seqValue(a.offset + (op === '+' ? b.offset : -b.offset), a.symbol),
      });
    }
    if (op === '-') {
      const d = distance(b, a, symbols);
      if (d !== undefined) return ok({ kind: 'number', value: seqValue(d) });
    }
  }
  return { ok: false, error: { kind: 'arithmetic', left: kindOf(left), right: kindOf(right) } };
}

function kindOf(value: ConditionValue): ValueKind {
  return value.kind;
}

function ok<T>(value: T): ConditionResult<T> {
  return { ok: true, value };
}

function assertNever(node: never): never {
  throw new Error(`unexpected condition node ${JSON.stringify(node)}`);
}
