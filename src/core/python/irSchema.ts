// Checks that an untrusted value (a persisted IR cache entry) is a well-formed IR Module for a text of a given length.
import type { Module } from './ir';

type Field =
  | 'expr'
  | 'expr?'
  | 'exprs'
  | 'stmts'
  | 'str'
  | 'str?'
  | 'strs'
  | 'num'
  | 'bool'
  | 'parts'
  | 'args'
  | 'params'
  | 'dictItems'
  | 'clauses'
  | 'handlers'
  | 'withItems'
  | 'names';

/** The fields each node kind must have (besides `k`, `s`, `e`), by kind; shapes follow ir.ts. */
const exprFields: Record<string, Record<string, Field>> = {
  name: { id: 'str' },
  num: { v: 'num', float: 'bool' },
  str: { v: 'str' },
  fstr: { parts: 'parts' },
  const: { v: 'str' },
  attr: { obj: 'expr', name: 'str' },
  index: { obj: 'expr', index: 'expr' },
  slice: { lo: 'expr?', hi: 'expr?', step: 'expr?' },
  call: { fn: 'expr', args: 'args' },
  bin: { op: 'str', l: 'expr', r: 'expr' },
  unary: { op: 'str', x: 'expr' },
  bool: { op: 'str', l: 'expr', r: 'expr' },
  cmp: { op: 'str', l: 'expr', r: 'expr' },
  cond: { test: 'expr', then: 'expr', orelse: 'expr' },
  seq: { kind: 'str', items: 'exprs' },
  dict: { items: 'dictItems' },
  comp: { kind: 'str', elt: 'expr', value: 'expr?', clauses: 'clauses' },
  lambda: { params: 'params', body: 'expr' },
  star: { x: 'expr', double: 'bool' },
  walrus: { target: 'str', value: 'expr' },
  yield: { value: 'expr?', from: 'bool' },
  bad: { text: 'str' },
};

const stmtFields: Record<string, Record<string, Field>> = {
  expr: { x: 'expr' },
  assign: { targets: 'exprs', value: 'expr' },
  aug: { target: 'expr', op: 'str', value: 'expr' },
  ann: { target: 'expr', ann: 'expr', value: 'expr?' },
  if: { test: 'expr', body: 'stmts', orelse: 'stmts' },
  for: { target: 'expr', iter: 'expr', body: 'stmts', orelse: 'stmts' },
  while: { test: 'expr', body: 'stmts', orelse: 'stmts' },
  def: { name: 'str', params: 'params', body: 'stmts', decorators: 'exprs', returns: 'expr?' },
  class: { name: 'str', bases: 'args', body: 'stmts', decorators: 'exprs' },
  return: { value: 'expr?' },
  pass: {},
  break: {},
  continue: {},
  import: { names: 'names' },
  from: { module: 'str', level: 'num', names: 'names' },
  try: { body: 'stmts', handlers: 'handlers', orelse: 'stmts', final: 'stmts' },
  with: { items: 'withItems', body: 'stmts' },
  raise: { x: 'expr?' },
  assert: { test: 'expr', msg: 'expr?' },
  del: { targets: 'exprs' },
  scope: { keyword: 'str', names: 'strs' },
  bad: { text: 'str' },
};

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates trees of a text `length` characters long: offsets in range, sibling statements in source order. */
class Checker {
  /** Nodes visited, so a hostile cycle or a huge file stops the check. */
  private budget = 5_000_000;

  constructor(private readonly length: number) {}

  private span(n: Obj): boolean {
    const { s, e } = n;
    return (
      typeof s === 'number' && typeof e === 'number' && Number.isInteger(s) && 0 <= s && s <= e && e <= this.length
    );
  }

  private node(n: unknown, table: Record<string, Record<string, Field>>, depth: number): boolean {
    if (--this.budget < 0 || depth > 10_000 || !isObj(n) || typeof n.k !== 'string' || !this.span(n)) return false;
    const fields = Object.hasOwn(table, n.k) ? table[n.k] : undefined;
    if (!fields) return false;
    for (const [name, type] of Object.entries(fields)) if (!this.field(n[name], type, depth)) return false;
    return true;
  }

  expr(n: unknown, depth: number): boolean {
    return this.node(n, exprFields, depth);
  }

  /** A statement list: each well formed, in increasing, non-overlapping source order. */
  stmts(list: unknown, depth: number): boolean {
    if (!Array.isArray(list)) return false;
    let end = 0;
    for (const st of list) {
      if (!this.node(st, stmtFields, depth)) return false;
      const { s, e } = st as { s: number; e: number };
      if (s < end) return false;
      end = e;
    }
    return true;
  }

  private field(v: unknown, type: Field, depth: number): boolean {
    switch (type) {
      case 'expr':
        return this.expr(v, depth + 1);
      case 'expr?':
        return v === undefined || this.expr(v, depth + 1);
      case 'exprs':
        return Array.isArray(v) && v.every((x) => this.expr(x, depth + 1));
      case 'stmts':
        return this.stmts(v, depth + 1);
      case 'str':
        return typeof v === 'string';
      case 'str?':
        return v === undefined || typeof v === 'string';
      case 'strs':
        return Array.isArray(v) && v.every((x) => typeof x === 'string');
      case 'num':
        return typeof v === 'number' && Number.isFinite(v);
      case 'bool':
        return typeof v === 'boolean';
      default:
        return Array.isArray(v) && v.every((x) => this.part(x, type, depth + 1));
    }
  }

  /** One element of a list field other than expressions and statements. */
  private part(x: unknown, type: Field, depth: number): boolean {
    if (type === 'parts') return typeof x === 'string' || this.expr(x, depth);
    if (!isObj(x)) return false;
    const opt = (v: unknown): boolean => v === undefined || this.expr(v, depth);
    const optStr = (v: unknown): boolean => v === undefined || typeof v === 'string';
    switch (type) {
      case 'args':
        return typeof x.kind === 'string' && optStr(x.name) && this.expr(x.value, depth);
      case 'params':
        return (
          typeof x.name === 'string' &&
          typeof x.kind === 'string' &&
          opt(x.def) &&
          opt(x.ann) &&
          (x.posonly === undefined || x.posonly === true)
        );
      case 'dictItems':
        return opt(x.key) && this.expr(x.value, depth);
      case 'clauses':
        return this.expr(x.target, depth) && this.expr(x.iter, depth) && this.field(x.ifs, 'exprs', depth);
      case 'handlers':
        return opt(x.types) && optStr(x.name) && this.stmts(x.body, depth);
      case 'withItems':
        return this.expr(x.ctx, depth) && opt(x.target);
      default:
        return (typeof x.module === 'string' || typeof x.name === 'string') && optStr(x.alias);
    }
  }
}

/** True when `value` has the IR Module's shape for a source of `length` characters (a cache entry is safe to use). */
export function isIrModule(value: unknown, length: number): value is Module {
  if (!isObj(value) || !Array.isArray(value.syntaxErrors)) return false;
  const check = new Checker(length);
  if (!value.syntaxErrors.every((e) => isObj(e) && Number.isInteger(e.s) && Number.isInteger(e.e))) return false;
  return check.stmts(value.body, 0);
}
