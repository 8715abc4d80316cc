// Python's binary, unary and comparison operators over interpreter values (tensors go to the torch hooks).
import { complexBinary } from './complexNumbers';
import { dimAdd, dimFloorDiv, dimMul, dimPoly, dimSub, fromPoly } from '../sym/dim';
import { Tensor } from '../model/tensor';
import { hashKey } from './keys';
import { percentFormat } from './percentFormat';
import { checkSequence } from '../sym/limits';
import { PyException } from './errors';
import { unionOf } from './unionType';
import {
  NativeFunction,
  PyDict,
  PyComplex,
  PyFloat,
  PyList,
  PySet,
  PyTuple,
  SymInt,
  Unknown,
  UNKNOWN,
  PyInstance,
  type Value,
  force,
  mixinValue,
  OpenList,
} from './values';

export type TensorBinaryHook = (op: string, a: Value, b: Value) => Value;

export function isInt(v: Value): v is number | SymInt | boolean {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof SymInt;
}
export function toNum(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return v.v;
  return undefined;
}
function intOf(v: number | SymInt | boolean): number | SymInt {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}
function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

function intBinary(op: string, a: number | SymInt, b: number | SymInt): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? new Unknown('division by zero') : new PyFloat(a / b);
      case '//':
        return b === 0 ? new Unknown('division by zero') : Math.floor(a / b);
      case '%':
        return b === 0 ? new Unknown('division by zero') : pyMod(a, b);
      case '**':
        return b >= 0 ? a ** b : new PyFloat(a ** b);
      case '<<':
        return a * 2 ** b;
      case '>>':
        return Math.floor(a / 2 ** b);
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
    }
    return UNKNOWN;
  }
  switch (op) {
    case '+':
      return dimAdd(a, b);
    case '-':
      return dimSub(a, b);
    case '*':
      return dimMul(a, b);
    case '//':
      return dimFloorDiv(a, b);
    case '**':
      if (typeof b === 'number' && b >= 0 && b <= 8) {
        let r = dimPoly(1);
        for (let i = 0; i < b; i++) r = r.mul(dimPoly(a));
        return fromPoly(r);
      }
      break;
  }
  return new Unknown(`symbolic ${op}`);
}

function floatBinary(op: string, a: number, b: number): Value {
  switch (op) {
    case '+':
      return new PyFloat(a + b);
    case '-':
      return new PyFloat(a - b);
    case '*':
      return new PyFloat(a * b);
    case '/':
      return b === 0 ? new Unknown('division by zero') : new PyFloat(a / b);
    case '//':
      return new PyFloat(Math.floor(a / b));
    case '%':
      return new PyFloat(pyMod(a, b));
    case '**':
      return new PyFloat(a ** b);
  }
  return UNKNOWN;
}

/** Python's name of a builtin value's type, for arithmetic with None (undefined: a type that may define the op). */
function builtinTypeName(v: Value): string | undefined {
  if (v === null) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || v instanceof SymInt) return 'int';
  if (v instanceof PyFloat) return 'float';
  if (typeof v === 'string') return 'str';
  if (v instanceof Tensor) return 'Tensor';
  if (v instanceof PyList && !(v instanceof OpenList)) return 'list';
  if (v instanceof PyTuple) return 'tuple';
  return undefined;
}

/** CPython 3.11's TypeError text for `a op b` where one side is None. */
function noneMessage(op: string, ta: string, tb: string): string {
  const seq = ['str', 'list', 'tuple'];
  if (op === '+' && seq.includes(ta)) return `can only concatenate ${ta} (not "${tb}") to ${ta}`;
  if (op === '*' && (seq.includes(ta) || seq.includes(tb)))
    return "can't multiply sequence by non-int of type 'NoneType'";
  return `unsupported operand type(s) for ${op === '**' ? '** or pow()' : op}: '${ta}' and '${tb}'`;
}

export function binaryOp(op: string, a: Value, b: Value, tensorHook: TensorBinaryHook): Value {
  a = force(a);
  b = force(b);
  // Arithmetic with None raises (a config's `head_dim = None` times the head count); `str % None` formats.
  if ((a === null || b === null) && '+ - * / // ** @'.split(' ').includes(op)) {
    const [ta, tb] = [builtinTypeName(a), builtinTypeName(b)];
    if (ta && tb) throw new PyException('TypeError', noneMessage(op, ta, tb));
  }
  if (a instanceof Tensor || b instanceof Tensor) return tensorHook(op, a, b);
  if (a instanceof Unknown) return a;
  if (b instanceof Unknown) return b;
  if (isInt(a) && isInt(b)) return intBinary(op, intOf(a), intOf(b));
  const z = complexBinary(op, a, b);
  if (z !== undefined) return z;
  const na = toNum(a),
    nb = toNum(b);
  if (na !== undefined && nb !== undefined) return floatBinary(op, na, nb);
  if ((a instanceof SymInt && b instanceof PyFloat) || (a instanceof PyFloat && b instanceof SymInt))
    return new Unknown('symbolic float');
  if (typeof a === 'string') {
    if (op === '+' && typeof b === 'string') {
      checkSequence(a.length + b.length, 'string');
      return a + b;
    }
    if (op === '*' && typeof b === 'number') {
      checkSequence(a.length * b, 'string');
      return a.repeat(Math.max(0, Math.floor(b)));
    }
    if (op === '%') return percentFormat(a, b) ?? new Unknown('%-formatting');
  }
  if (a instanceof PyList && op === '+' && b instanceof PyList) {
    checkSequence(a.items.length + b.items.length, 'list');
    return new PyList([...a.items, ...b.items]);
  }
  if (a instanceof PyTuple && op === '+' && b instanceof PyTuple) {
    checkSequence(a.items.length + b.items.length, 'tuple');
    return new PyTuple([...a.items, ...b.items]);
  }
  if ((a instanceof PyList || a instanceof PyTuple) && op === '*' && typeof b === 'number') {
    checkSequence(a.items.length * b, a instanceof PyList ? 'list' : 'tuple');
    const items: Value[] = [];
    for (let i = 0; i < b; i++) for (const it of a.items) items.push(it);
    return a instanceof PyList ? new PyList(items) : new PyTuple(items);
  }
  if (typeof a === 'number' && op === '*' && (b instanceof PyList || b instanceof PyTuple))
    return binaryOp(op, b, a, tensorHook);
  if (a instanceof PyDict && b instanceof PyDict && op === '|') {
    const d = new PyDict();
    for (const [k, v] of a.map) d.map.set(k, v);
    for (const [k, v] of b.map) d.map.set(k, v);
    return d;
  }
  // A set (or dict.keys(), a set view) with any iterable on the right: `d.keys() | d.values()`.
  if (a instanceof PySet && (b instanceof PyList || b instanceof PyTuple) && '|&-^'.includes(op)) {
    const bs = new PySet();
    for (const x of b.items) bs.map.set(hashKey(x), x);
    b = bs;
  }
  if (a instanceof PySet && b instanceof PySet) {
    const s = new PySet();
    if (op === '|') {
      for (const [k, v] of a.map) s.map.set(k, v);
      for (const [k, v] of b.map) s.map.set(k, v);
    } else if (op === '&') {
      for (const [k, v] of a.map) if (b.map.has(k)) s.map.set(k, v);
    } else if (op === '-') {
      for (const [k, v] of a.map) if (!b.map.has(k)) s.map.set(k, v);
    } else if (op === '^') {
      for (const [k, v] of a.map) if (!b.map.has(k)) s.map.set(k, v);
      for (const [k, v] of b.map) if (!a.map.has(k)) s.map.set(k, v);
    } else return UNKNOWN;
    return s;
  }
  if (op === '|') {
    const u = unionOf(a, b); // `list | tuple`, `int | None`
    if (u) return u;
  }
  // Operators that native classes implement (ModuleList + list); Python-level dunders need the interpreter.
  const dunder = a instanceof PyInstance && op === '+' ? a.cls.lookup('__add__') : undefined;
  if (dunder instanceof NativeFunction) return dunder.impl([a, b], undefined, { file: '', s: 0 });
  return new Unknown(`unsupported operand ${op}`);
}

/** Structural equality; undefined when it cannot be known (symbols, unknowns). */
export function pyEquals(a: Value, b: Value): boolean | undefined {
  a = force(a);
  b = force(b);
  if (a instanceof Unknown || b instanceof Unknown) return undefined;
  a = mixinValue(a) ?? a;
  b = mixinValue(b) ?? b;
  if (a === b) return true;
  if (isInt(a) && isInt(b)) {
    const x = intOf(a),
      y = intOf(b);
    if (typeof x === 'number' && typeof y === 'number') return x === y;
    const d = dimPoly(x).sub(dimPoly(y));
    return d.isConst() ? d.constValue() === 0n : undefined;
  }
  const na = toNum(a),
    nb = toNum(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if (a instanceof PyComplex || b instanceof PyComplex) {
    const eq = complexBinary('==', a, b);
    return typeof eq === 'boolean' ? eq : false;
  }
  if ((a instanceof PyTuple && b instanceof PyTuple) || (a instanceof PyList && b instanceof PyList)) {
    if (a.items.length !== b.items.length) return false;
    let all: boolean | undefined = true;
    for (let i = 0; i < a.items.length; i++) {
      const e = pyEquals(a.items[i], b.items[i]);
      if (e === false) return false;
      if (e === undefined) all = undefined;
    }
    return all;
  }
  if (typeof a === 'string' || typeof b === 'string' || a === null || b === null) return false;
  // Sets by their keys; dicts by keys and values (`rope_parameters == {}`).
  if (a instanceof PySet && b instanceof PySet)
    return a.map.size === b.map.size && [...a.map.keys()].every((k) => b.map.has(k));
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.map.size !== b.map.size) return false;
    let all: boolean | undefined = true;
    for (const [k, [, v]] of a.map) {
      const w = b.map.get(k);
      if (!w) return false;
      const e = pyEquals(v, w[1]);
      if (e === false) return false;
      if (e === undefined) all = undefined;
    }
    return all;
  }
  if (a instanceof PyInstance && b instanceof PyInstance) return false;
  return false;
}

export function compare(
  op: string,
  a: Value,
  b: Value,
  contains: (c: Value, x: Value) => boolean | undefined,
  tensorHook: TensorBinaryHook,
): Value {
  a = force(a);
  b = force(b);
  switch (op) {
    case 'is':
      return a instanceof Unknown || b instanceof Unknown ? UNKNOWN : a === b;
    case 'is not':
      return a instanceof Unknown || b instanceof Unknown ? UNKNOWN : a !== b;
    case 'in': {
      const r = contains(b, a);
      return r === undefined ? UNKNOWN : r;
    }
    case 'not in': {
      const r = contains(b, a);
      return r === undefined ? UNKNOWN : !r;
    }
  }
  if (a instanceof Tensor || b instanceof Tensor) return tensorHook(op, a, b);
  if (op === '==' || op === '!=') {
    const e = pyEquals(a, b);
    return e === undefined ? UNKNOWN : op === '==' ? e : !e;
  }
  if (a instanceof Unknown || b instanceof Unknown) return UNKNOWN;
  let x: number | string | undefined = toNum(a),
    y: number | string | undefined = toNum(b);
  if (typeof a === 'string' && typeof b === 'string') {
    x = a;
    y = b;
  }
  if ((a instanceof PyTuple && b instanceof PyTuple) || (a instanceof PyList && b instanceof PyList))
    return sequenceCompare(op, a.items, b.items, contains, tensorHook);
  if (a instanceof PySet && b instanceof PySet) {
    // Subset order: a <= b when every item of a is in b; < also needs b to have more.
    const [small, big] = op === '<' || op === '<=' ? [a, b] : [b, a];
    const sub = [...small.map.keys()].every((k) => big.map.has(k));
    return op === '<' || op === '>' ? sub && big.map.size > small.map.size : sub;
  }
  if (x === undefined || y === undefined) {
    if (isInt(a) && isInt(b)) {
      const d = dimPoly(intOf(a)).sub(dimPoly(intOf(b)));
      if (d.isConst()) {
        x = Number(d.constValue());
        y = 0;
      }
    }
    if (x === undefined || y === undefined) return UNKNOWN;
  }
  switch (op) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
  }
  return UNKNOWN;
}

function sequenceCompare(
  op: string,
  a: Value[],
  b: Value[],
  contains: (c: Value, x: Value) => boolean | undefined,
  hook: TensorBinaryHook,
): Value {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const e = pyEquals(a[i], b[i]);
    if (e === undefined) return UNKNOWN;
    if (!e) return compare(op, a[i], b[i], contains, hook);
  }
  return compare(op, a.length, b.length, contains, hook);
}

export function containsKey(container: Value, x: Value): boolean | undefined {
  container = force(container);
  if (container instanceof PyDict) return container.map.has(hashKey(x));
  if (container instanceof PySet) return container.map.has(hashKey(x));
  if (typeof container === 'string' && typeof x === 'string') return container.includes(x);
  if (container instanceof PyList || container instanceof PyTuple) {
    let unknown = false;
    for (const it of container.items) {
      const e = pyEquals(it, x);
      if (e) return true;
      if (e === undefined) unknown = true;
    }
    return unknown || container instanceof OpenList ? undefined : false;
  }
  return undefined;
}

/** Python's unary operators; a tensor operand goes to the torch layer's unary hook. */
export type UnaryOperator = '-' | '+' | '~';

export function unaryOp(op: UnaryOperator, x: Value, tensorHook: (op: UnaryOperator, x: Tensor) => Value): Value {
  x = force(x);
  if (x instanceof Tensor) return tensorHook(op, x);
  if (x instanceof Unknown) return x;
  if (op === '-') {
    if (typeof x === 'number') return -x;
    if (typeof x === 'boolean') return x ? -1 : 0;
    if (x instanceof PyFloat) return new PyFloat(-x.v);
    if (x instanceof PyComplex) return new PyComplex(-x.re, -x.im);
    if (x instanceof SymInt) return fromPoly(x.p.neg());
  }
  if (op === '+') return x;
  if (op === '~' && typeof x === 'number') return ~x;
  return new Unknown(`unary ${op}`);
}
