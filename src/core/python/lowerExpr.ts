// Lowers Lezer expression nodes to IR expressions.
import type { SyntaxNode } from '@lezer/common';
import type { Arg, CompClause, DictItem, Expr, Param } from './ir';
import { children, splitAt } from './cursor';
import { parseNumber, parseString, splitString, unescape } from './literals';

/** Nesting of expressions lowered before a statement is refused (brackets are limited to 200 before parsing, as in CPython). */
export const MAX_EXPR_DEPTH = 500;

/** Thrown by the lowering when a statement nests deeper than it can follow; the statement becomes a syntax error. */
export class TooDeep extends Error {}

/** Code the grammar accepts but Python's compiler rejects (`f(a=1, 2)`): the statement becomes a syntax error there. */
export class Rejected extends Error {
  constructor(
    message: string,
    readonly s: number,
    readonly e: number,
  ) {
    super(message);
  }
}

const compareOps = new Set(['<', '>', '<=', '>=', '==', '!=', 'in', 'not in', 'is', 'is not', '<>']);

export class ExprLowerer {
  /** Expressions being lowered around the current one. */
  protected depth = 0;

  constructor(readonly src: string) {}

  text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to);
  }

  bad(n: SyntaxNode): Expr {
    return { k: 'bad', text: this.text(n), s: n.from, e: n.to };
  }

  expr(n: SyntaxNode): Expr {
    if (++this.depth > MAX_EXPR_DEPTH) throw new TooDeep(`expression nested more than ${MAX_EXPR_DEPTH} levels deep`);
    const x = this.exprAt(n);
    this.depth--;
    return x;
  }

  private exprAt(n: SyntaxNode): Expr {
    const s = n.from,
      e = n.to;
    switch (n.name) {
      case 'VariableName':
      case 'PropertyName':
        return { k: 'name', id: this.text(n), s, e };
      case 'Number': {
        const p = parseNumber(this.text(n));
        return p.imag
          ? { k: 'num', v: p.v, float: true, imag: true, s, e }
          : { k: 'num', v: p.v, float: p.float, s, e };
      }
      case 'String':
        return { k: 'str', v: parseString(this.text(n)), s, e };
      case 'ContinuedString':
        return this.continued(n);
      case 'FormatString':
        return this.fstring(n);
      case 'None':
        return { k: 'const', v: 'None', s, e };
      case 'Boolean':
        return { k: 'const', v: this.text(n) === 'True' ? 'True' : 'False', s, e };
      case 'Ellipsis':
        return { k: 'const', v: 'Ellipsis', s, e };
      case 'ParenthesizedExpression': {
        const inner = children(n).filter((c) => c.name !== '(' && c.name !== ')');
        return inner.length === 1 ? this.expr(inner[0]) : this.bad(n);
      }
      case 'MemberExpression':
        return this.member(n);
      case 'CallExpression': {
        const cs = children(n);
        return { k: 'call', fn: this.expr(cs[0]), args: cs[1] ? this.args(cs[1]) : [], s, e };
      }
      case 'BinaryExpression':
        return this.binary(n);
      case 'UnaryExpression': {
        const cs = children(n);
        const op = this.text(cs[0]);
        if (op === 'not' && cs[1]) return this.not(s, cs[1]);
        return { k: 'unary', op, x: cs[1] ? this.expr(cs[1]) : this.bad(n), s, e };
      }
      case 'ConditionalExpression': {
        const cs = children(n).filter((c) => c.name !== 'if' && c.name !== 'else');
        if (cs.length < 3) return this.bad(n);
        return { k: 'cond', then: this.expr(cs[0]), test: this.expr(cs[1]), orelse: this.expr(cs[2]), s, e };
      }
      case 'TupleExpression':
        return { k: 'seq', kind: 'tuple', items: this.items(n), s, e };
      case 'ArrayExpression':
        return { k: 'seq', kind: 'list', items: this.items(n), s, e };
      case 'SetExpression':
        return { k: 'seq', kind: 'set', items: this.items(n), s, e };
      case 'DictionaryExpression':
        return this.dict(n);
      case 'ArrayComprehensionExpression':
        return this.comp(n, 'list');
      case 'SetComprehensionExpression':
        return this.comp(n, 'set');
      case 'ComprehensionExpression':
        return this.comp(n, 'gen');
      case 'DictionaryComprehensionExpression':
        return this.comp(n, 'dict');
      case 'LambdaExpression': {
        const cs = children(n);
        const pl = cs.find((c) => c.name === 'ParamList');
        const body = cs[cs.length - 1];
        return {
          k: 'lambda',
          params: pl ? this.params(pl) : [],
          body: body && body.name !== ':' ? this.expr(body) : this.bad(n),
          s,
          e,
        };
      }
      case 'YieldExpression':
      case 'YieldStatement':
        return this.yieldExpr(n);
      case 'NamedExpression': {
        const cs = children(n);
        return { k: 'walrus', target: this.text(cs[0]), value: cs[2] ? this.expr(cs[2]) : this.bad(n), s, e };
      }
      default:
        return this.bad(n);
    }
  }

  /** `not x`. Lezer parses `not a or b` as `not (a or b)`; Python binds `not` tighter than and/or, so re-associate. */
  not(s: number, x: SyntaxNode): Expr {
    const cs = x.name === 'BinaryExpression' ? children(x) : [];
    const op = cs.length === 3 ? this.text(cs[1]) : '';
    if (op === 'and' || op === 'or') return { k: 'bool', op, l: this.not(s, cs[0]), r: this.expr(cs[2]), s, e: x.to };
    return { k: 'unary', op: 'not', x: this.expr(x), s, e: x.to };
  }

  /** `yield`, `yield a, b` (a tuple), `yield from it`. */
  yieldExpr(n: SyntaxNode): Expr {
    const cs = children(n).filter((c) => c.name !== 'yield');
    const from = cs[0]?.name === 'from';
    const rest = from ? cs.slice(1) : cs;
    const value = rest.length ? this.exprList(rest, rest[0].from, rest[rest.length - 1].to) : undefined;
    return value ? { k: 'yield', value, from, s: n.from, e: n.to } : { k: 'yield', from, s: n.from, e: n.to };
  }

  /** A comma-separated list of nodes as one expression: a tuple when there is a comma. */
  exprList(nodes: SyntaxNode[], s: number, e: number): Expr {
    const groups = splitAt(nodes, ',');
    const items = groups.filter((g) => g.length > 0).map((g) => this.starred(g));
    if (groups.length === 1 && items.length === 1) return items[0];
    return { k: 'seq', kind: 'tuple', items, s, e };
  }

  starred(g: SyntaxNode[]): Expr {
    if ((g[0].name === '*' || g[0].name === '**') && g[1])
      return { k: 'star', x: this.expr(g[1]), double: g[0].name === '**', s: g[0].from, e: g[1].to };
    return this.expr(g[0]);
  }

  private continued(n: SyntaxNode): Expr {
    const parts = children(n).map((c) => this.expr(c));
    if (parts.every((p) => p.k === 'str'))
      return { k: 'str', v: parts.map((p) => (p as { v: string }).v).join(''), s: n.from, e: n.to };
    const flat: (string | Expr)[] = [];
    for (const p of parts)
      if (p.k === 'str') flat.push(p.v);
      else if (p.k === 'fstr') flat.push(...p.parts);
      else flat.push(p);
    return { k: 'fstr', parts: flat, s: n.from, e: n.to };
  }

  private fstring(n: SyntaxNode): Expr {
    const { prefix, quote } = splitString(this.text(n));
    const bodyStart = n.from + prefix.length + quote.length;
    const bodyEnd = n.to - quote.length;
    const parts: (string | Expr)[] = [];
    let at = bodyStart;
    const raw = prefix.includes('r');
    for (const c of children(n)) {
      if (c.name !== 'FormatReplacement') continue;
      if (c.from > at)
        parts.push(unescape(this.src.slice(at, c.from), raw).replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
      const inner = children(c).filter(
        (x) => x.name !== '{' && x.name !== '}' && x.name !== 'FormatConversion' && x.name !== 'FormatSpec',
      );
      parts.push(inner.length ? this.expr(inner[0]) : this.bad(c));
      at = c.to;
    }
    if (bodyEnd > at)
      parts.push(unescape(this.src.slice(at, bodyEnd), raw).replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
    return { k: 'fstr', parts, s: n.from, e: n.to };
  }

  private member(n: SyntaxNode): Expr {
    const cs = children(n);
    const obj = this.expr(cs[0]);
    if (cs[1]?.name === '.') return { k: 'attr', obj, name: cs[2] ? this.text(cs[2]) : '', s: n.from, e: n.to };
    const inner = cs.slice(2, cs[cs.length - 1]?.name === ']' ? cs.length - 1 : cs.length);
    const groups = splitAt(inner, ',');
    const items = groups.filter((g) => g.length > 0).map((g) => this.sliceItem(g));
    const index: Expr =
      groups.length === 1 && items.length === 1 ? items[0] : { k: 'seq', kind: 'tuple', items, s: n.from, e: n.to };
    return { k: 'index', obj, index, s: n.from, e: n.to };
  }

  private sliceItem(g: SyntaxNode[]): Expr {
    if (!g.some((x) => x.name === ':')) return this.starred(g);
    const parts = splitAt(g, ':').map((p) => (p.length ? this.expr(p[0]) : undefined));
    return { k: 'slice', lo: parts[0], hi: parts[1], step: parts[2], s: g[0].from, e: g[g.length - 1].to };
  }

  private binary(n: SyntaxNode): Expr {
    const cs = children(n);
    const l = this.expr(cs[0]);
    const opNodes = cs.slice(1, -1);
    const op = opNodes.map((o) => this.text(o)).join(' ');
    const r = this.expr(cs[cs.length - 1]);
    const s = n.from,
      e = n.to;
    if (op === 'and' || op === 'or') return { k: 'bool', op, l, r, s, e };
    if (compareOps.has(op)) {
      // Lezer nests `a < b < c` as ((a < b) < c): rebuild Python's chained meaning. A longer chain's left is the
      // `and` built one level down: its last comparison's right operand is this one's left (`a == b == c == d`).
      if (l.k === 'cmp' && cs[0].name === 'BinaryExpression') {
        return { k: 'bool', op: 'and', l, r: { k: 'cmp', op, l: l.r, r, s, e }, s, e };
      }
      if (l.k === 'bool' && l.op === 'and' && l.r.k === 'cmp' && cs[0].name === 'BinaryExpression') {
        const inner = children(cs[0]);
        const innerOp = inner
          .slice(1, -1)
          .map((o) => this.text(o))
          .join(' ');
        if (compareOps.has(innerOp)) return { k: 'bool', op: 'and', l, r: { k: 'cmp', op, l: l.r.r, r, s, e }, s, e };
      }
      return { k: 'cmp', op, l, r, s, e };
    }
    return { k: 'bin', op, l, r, s, e };
  }

  private items(n: SyntaxNode): Expr[] {
    const inner = children(n).filter((c) => !['(', ')', '[', ']', '{', '}'].includes(c.name));
    return splitAt(inner, ',')
      .filter((g) => g.length > 0)
      .map((g) => this.starred(g));
  }

  private dict(n: SyntaxNode): Expr {
    const inner = children(n).filter((c) => c.name !== '{' && c.name !== '}');
    const items: DictItem[] = [];
    for (const g of splitAt(inner, ',')) {
      if (g.length === 0) continue;
      if (g[0].name === '**') items.push({ value: g[1] ? this.expr(g[1]) : this.bad(g[0]) });
      else if (g.length >= 3) items.push({ key: this.expr(g[0]), value: this.expr(g[2]) });
    }
    return { k: 'dict', items, s: n.from, e: n.to };
  }

  /** Comprehension nodes: elt [':' value] ('for' target 'in' iter ('if' cond)*)+ */
  comp(
    n: SyntaxNode,
    kind: 'list' | 'set' | 'gen' | 'dict',
    nodes = children(n).filter((c) => !['(', ')', '[', ']', '{', '}'].includes(c.name)),
  ): Expr {
    const forAt = nodes.findIndex((c) => c.name === 'for' || c.name === 'async');
    const head = nodes.slice(0, forAt < 0 ? nodes.length : forAt);
    const colon = head.findIndex((c) => c.name === ':');
    const elt = this.expr(head[0]);
    const value = kind === 'dict' && colon >= 0 && head[colon + 1] ? this.expr(head[colon + 1]) : undefined;
    const clauses: CompClause[] = [];
    let i = forAt;
    while (i >= 0 && i < nodes.length) {
      if (nodes[i].name === 'async') i++;
      const inAt = nodes.findIndex((c, j) => j > i && c.name === 'in');
      if (inAt < 0) break;
      const target = this.exprList(nodes.slice(i + 1, inAt), nodes[i].from, nodes[inAt].from);
      const iter = this.expr(nodes[inAt + 1]);
      const ifs: Expr[] = [];
      let j = inAt + 2;
      while (j < nodes.length && nodes[j].name === 'if') {
        ifs.push(this.expr(nodes[j + 1]));
        j += 2;
      }
      clauses.push({ target, iter, ifs });
      i = j < nodes.length && nodes[j].name === 'for' ? j : -1;
    }
    return { k: 'comp', kind, elt, value, clauses, s: n.from, e: n.to };
  }

  args(n: SyntaxNode): Arg[] {
    const inner = children(n).filter((c) => c.name !== '(' && c.name !== ')');
    if (inner.some((c) => c.name === 'for')) return [{ kind: 'pos', value: this.comp(n, 'gen', inner) }];
    const out: Arg[] = [];
    for (const g of splitAt(inner, ',')) {
      if (g.length === 0) continue;
      this.checkArgOrder(out, g);
      if (g[0].name === '*' && g[1]) out.push({ kind: 'star', value: this.expr(g[1]) });
      else if (g[0].name === '**' && g[1]) out.push({ kind: 'dstar', value: this.expr(g[1]) });
      else if (g[1]?.name === 'AssignOp' && g[2] && this.text(g[1]) === ':=')
        // `f(x := v)`: a positional argument that also binds x.
        out.push({
          kind: 'pos',
          value: { k: 'walrus', target: this.text(g[0]), value: this.expr(g[2]), s: g[0].from, e: g[2].to },
        });
      else if (g[1]?.name === 'AssignOp' && g[2])
        out.push({ kind: 'kw', name: this.text(g[0]), value: this.expr(g[2]) });
      else out.push({ kind: 'pos', value: this.expr(g[0]) });
    }
    return out;
  }

  /** Python's order of call arguments: no positional after a keyword, nothing but keywords after `**`. */
  private checkArgOrder(before: Arg[], g: SyntaxNode[]): void {
    const keyword = g[1]?.name === 'AssignOp' && this.text(g[1]) === '=';
    const kind = g[0].name === '*' ? 'star' : g[0].name === '**' ? 'dstar' : keyword ? 'kw' : 'pos';
    const dstar = before.some((a) => a.kind === 'dstar');
    const message =
      kind === 'pos' && dstar
        ? 'positional argument follows keyword argument unpacking'
        : kind === 'pos' && before.some((a) => a.kind === 'kw')
          ? 'positional argument follows keyword argument'
          : kind === 'star' && dstar
            ? 'iterable argument unpacking follows keyword argument unpacking'
            : undefined;
    if (message) throw new Rejected(message, g[0].from, g[g.length - 1].to);
  }

  params(n: SyntaxNode): Param[] {
    const all = children(n);
    const inner = all.filter((c) => c.name !== '(' && c.name !== ')');
    // `/` is no node of its own: the gap between two children that holds only it ends the positional-only ones.
    let slashAt = -1;
    for (let i = 0; i + 1 < all.length && slashAt < 0; i++)
      if (/^\s*\/\s*$/.test(this.src.slice(all[i].to, all[i + 1].from))) slashAt = all[i].to;
    const out: Param[] = [];
    let kwonly = false;
    for (const g of splitAt(inner, ',')) {
      if (g.length === 0 || g[0].name === '/') continue;
      let kind: Param['kind'] = kwonly ? 'kwonly' : 'pos';
      let i = 0;
      if (g[0].name === '*') {
        if (!g[1]) {
          kwonly = true;
          continue;
        }
        kind = 'star';
        kwonly = true;
        i = 1;
      } else if (g[0].name === '**') {
        kind = 'dstar';
        i = 1;
      }
      const nameNode = g[i];
      if (!nameNode || nameNode.name !== 'VariableName') continue;
      const typeDef = g.find((c) => c.name === 'TypeDef');
      const annNode = typeDef ? children(typeDef).find((c) => c.name !== ':') : undefined;
      const eq = g.findIndex((c) => c.name === 'AssignOp');
      out.push({
        ...(kind === 'pos' && nameNode.from < slashAt ? { posonly: true as const } : {}),
        name: this.text(nameNode),
        kind,
        def: eq >= 0 && g[eq + 1] ? this.expr(g[eq + 1]) : undefined,
        ann: annNode ? this.expr(annNode) : undefined,
      });
    }
    return out;
  }
}
