// Lowers Lezer statement nodes to IR statements.
import type { SyntaxNode } from '@lezer/common';
import type { Expr, Handler, Stmt, ParseError } from './ir';
import { children, splitAt } from './cursor';
import { ExprLowerer, Rejected, TooDeep } from './lowerExpr';

/** Blocks nested inside one another before a statement is refused (CPython: "too many levels of indentation"). */
export const MAX_BLOCK_DEPTH = 100;

export class StmtLowerer extends ExprLowerer {
  readonly syntaxErrors: ParseError[] = [];
  private blocks = 0;

  block(nodes: SyntaxNode[]): Stmt[] {
    const out: Stmt[] = [];
    for (const n of nodes) this.stmtInto(n, out);
    return out;
  }

  /** Lowers one top-level node into `out` (used by the incremental parser, which caches per top-level statement). */
  topLevel(n: SyntaxNode, out: Stmt[]): void {
    this.stmtInto(n, out);
  }

  body(n: SyntaxNode | undefined): Stmt[] {
    if (!n) return [];
    if (this.blocks >= MAX_BLOCK_DEPTH) throw new TooDeep(`blocks nested more than ${MAX_BLOCK_DEPTH} levels deep`);
    this.blocks++;
    const out = this.block(children(n).filter((c) => c.name !== ':'));
    this.blocks--;
    return out;
  }

  private stmtInto(n: SyntaxNode, out: Stmt[]): void {
    if (n.name === 'StatementGroup') {
      for (const c of children(n)) if (c.name !== ';') this.stmtInto(c, out);
      return;
    }
    if (n.type.isError) {
      this.syntaxErrors.push({ s: n.from, e: n.to });
      return;
    }
    if (n.name === ';' || n.name === 'Comment') return;
    const before = this.syntaxErrors.length;
    const st = this.guarded(n);
    if (st) out.push(st);
    // Errors nested inside a statement are reported too (the statement itself still runs); a statement that could not
    // be lowered is reported unless its lowering already said why (a decorator whose brackets swallowed the def).
    if (st && (st.k !== 'bad' || this.syntaxErrors.length === before)) {
      const cur = n.cursor();
      do {
        if (cur.type.isError) {
          this.syntaxErrors.push({ s: cur.from, e: cur.to });
          break;
        }
      } while (cur.next() && cur.from <= n.to);
    }
  }

  /** Lowers a statement; one nested too deeply to follow becomes a syntax error of its own and is skipped. */
  private guarded(n: SyntaxNode): Stmt | undefined {
    const depth = this.depth,
      blocks = this.blocks;
    try {
      return this.stmt(n);
    } catch (e) {
      if (!(e instanceof TooDeep) && !(e instanceof RangeError) && !(e instanceof Rejected)) throw e;
      this.depth = depth;
      this.blocks = blocks;
      if (e instanceof Rejected) {
        this.syntaxErrors.push({ s: e.s, e: e.e, msg: e.message });
        return { k: 'bad', text: '', s: n.from, e: n.to };
      }
      const message = e instanceof TooDeep ? e.message : 'statement nested too deeply';
      this.syntaxErrors.push({
        s: n.from,
        e: Math.min(n.to, n.from + 1),
        msg: `${message}; this statement is skipped`,
      });
      return { k: 'bad', text: '', s: n.from, e: n.to };
    }
  }

  private stmt(n: SyntaxNode): Stmt | undefined {
    const s = n.from,
      e = n.to;
    const cs = children(n);
    switch (n.name) {
      case 'ExpressionStatement':
        return { k: 'expr', x: this.exprList(cs, s, e), s, e };
      case 'AssignStatement':
        return this.assign(cs, s, e);
      case 'UpdateStatement': {
        const op = cs.findIndex((c) => c.name === 'UpdateOp');
        return {
          k: 'aug',
          target: this.exprList(cs.slice(0, op), s, e),
          op: this.text(cs[op]).slice(0, -1),
          value: this.exprList(cs.slice(op + 1), s, e),
          s,
          e,
        };
      }
      case 'YieldStatement':
        return { k: 'expr', x: this.yieldExpr(n), s, e };
      case 'PassStatement':
        return { k: 'pass', s, e };
      case 'BreakStatement':
        return { k: 'break', s, e };
      case 'ContinueStatement':
        return { k: 'continue', s, e };
      case 'ReturnStatement':
        return { k: 'return', value: cs.length > 1 ? this.exprList(cs.slice(1), s, e) : undefined, s, e };
      case 'IfStatement':
        return this.ifStmt(cs, 0, s, e);
      case 'WhileStatement': {
        const bodies = cs.filter((c) => c.name === 'Body');
        return { k: 'while', test: this.expr(cs[1]), body: this.body(bodies[0]), orelse: this.body(bodies[1]), s, e };
      }
      case 'ForStatement':
        return this.forStmt(cs, s, e);
      case 'FunctionDefinition':
        return this.def(cs, [], s, e);
      case 'ClassDefinition':
        return this.classDef(cs, [], s, e);
      case 'DecoratedStatement':
        return this.decorated(cs, s, e);
      case 'ImportStatement':
        return this.importStmt(cs, s, e);
      case 'TryStatement':
        return this.tryStmt(cs, s, e);
      case 'WithStatement':
        return this.withStmt(cs, s, e);
      case 'RaiseStatement':
        return { k: 'raise', x: cs[1] && cs[1].name !== 'from' ? this.expr(cs[1]) : undefined, s, e };
      case 'AssertStatement': {
        const g = splitAt(cs.slice(1), ',');
        return {
          k: 'assert',
          test: g[0][0] ? this.expr(g[0][0]) : this.bad(n),
          msg: g[1]?.[0] ? this.expr(g[1][0]) : undefined,
          s,
          e,
        };
      }
      case 'DeleteStatement':
        return {
          k: 'del',
          targets: splitAt(cs.slice(1), ',')
            .filter((g) => g.length)
            .map((g) => this.expr(g[0])),
          s,
          e,
        };
      case 'ScopeStatement':
        return {
          k: 'scope',
          keyword: cs[0] && this.text(cs[0]) === 'nonlocal' ? 'nonlocal' : 'global',
          names: cs.filter((c) => c.name === 'VariableName').map((c) => this.text(c)),
          s,
          e,
        };
      default:
        return { k: 'bad', text: this.text(n), s, e };
    }
  }

  private assign(cs: SyntaxNode[], s: number, e: number): Stmt {
    const typeDef = cs.find((c) => c.name === 'TypeDef');
    const rest = cs.filter((c) => c.name !== 'TypeDef');
    const groups = splitAt(rest, 'AssignOp').map((g) => this.exprList(g, g[0]?.from ?? s, g[g.length - 1]?.to ?? e));
    if (typeDef) {
      const annNode = children(typeDef).find((c) => c.name !== ':');
      const ann: Expr = annNode ? this.expr(annNode) : { k: 'bad', text: '', s, e };
      return {
        k: 'ann',
        target: groups[0],
        ann,
        value: groups.length > 1 ? groups[groups.length - 1] : undefined,
        s,
        e,
      };
    }
    return { k: 'assign', targets: groups.slice(0, -1), value: groups[groups.length - 1], s, e };
  }

  private ifStmt(cs: SyntaxNode[], from: number, s: number, e: number): Stmt {
    // cs: if test Body (elif test Body)* (else Body)?
    const test = this.expr(cs[from + 1]);
    const body = this.body(cs[from + 2]);
    const next = cs[from + 3];
    let orelse: Stmt[] = [];
    if (next?.name === 'elif') orelse = [this.ifStmt(cs, from + 3, next.from, e)];
    else if (next?.name === 'else') orelse = this.body(cs[from + 4]);
    return { k: 'if', test, body, orelse, s, e };
  }

  private forStmt(cs: SyntaxNode[], s: number, e: number): Stmt {
    const start = cs[0].name === 'async' ? 2 : 1;
    const inAt = cs.findIndex((c) => c.name === 'in');
    const bodies = cs.filter((c) => c.name === 'Body');
    const iterNodes = cs.slice(inAt + 1, cs.indexOf(bodies[0]));
    return {
      k: 'for',
      target: this.exprList(cs.slice(start, inAt), s, e),
      iter: this.exprList(iterNodes, s, e),
      body: this.body(bodies[0]),
      orelse: this.body(bodies[1]),
      s,
      e,
    };
  }

  private def(cs: SyntaxNode[], decorators: Expr[], s: number, e: number): Stmt {
    const nameNode = cs.find((c) => c.name === 'VariableName');
    const pl = cs.find((c) => c.name === 'ParamList');
    const td = cs.find((c) => c.name === 'TypeDef');
    const ret = td ? children(td).find((c) => c.name !== '->') : undefined;
    return {
      k: 'def',
      name: nameNode ? this.text(nameNode) : '?',
      params: pl ? this.params(pl) : [],
      body: this.body(cs.find((c) => c.name === 'Body')),
      decorators,
      returns: ret ? this.expr(ret) : undefined,
      s,
      e,
    };
  }

  private classDef(cs: SyntaxNode[], decorators: Expr[], s: number, e: number): Stmt {
    const nameNode = cs.find((c) => c.name === 'VariableName');
    const al = cs.find((c) => c.name === 'ArgList');
    return {
      k: 'class',
      name: nameNode ? this.text(nameNode) : '?',
      bases: al ? this.args(al) : [],
      body: this.body(cs.find((c) => c.name === 'Body')),
      decorators,
      s,
      e,
    };
  }

  private decorated(cs: SyntaxNode[], s: number, e: number): Stmt {
    const decorators = cs.filter((c) => c.name === 'Decorator').map((d) => this.decorator(d));
    const target = cs.find((c) => c.name === 'FunctionDefinition' || c.name === 'ClassDefinition');
    if (!target) return { k: 'bad', text: '', s, e };
    const tcs = children(target);
    return target.name === 'FunctionDefinition'
      ? this.def(tcs, decorators, s, e)
      : this.classDef(tcs, decorators, s, e);
  }

  private decorator(d: SyntaxNode): Expr {
    const cs = children(d).filter((c) => c.name !== 'At');
    const argList = cs.find((c) => c.name === 'ArgList');
    const names = cs.filter((c) => c.name === 'VariableName' || c.name === 'PropertyName');
    if (names.length === 0 && cs[0]) return this.expr(cs[0]);
    let x: Expr = { k: 'name', id: this.text(names[0]), s: names[0].from, e: names[0].to };
    for (const n of names.slice(1)) x = { k: 'attr', obj: x, name: this.text(n), s: d.from, e: n.to };
    if (argList) x = { k: 'call', fn: x, args: this.args(argList), s: d.from, e: d.to };
    return x;
  }

  private importStmt(cs: SyntaxNode[], s: number, e: number): Stmt {
    if (cs[0].name === 'from') {
      const importAt = cs.findIndex((c) => c.name === 'import');
      const modNodes = cs.slice(1, importAt);
      let level = 0;
      let module = '';
      for (const m of modNodes) {
        if (m.name === '.') {
          if (!module) level++;
          else module += '.';
        } else if (m.name === 'Ellipsis') level += 3;
        else module += this.text(m);
      }
      const names: { name: string; alias?: string }[] = [];
      for (const g of splitAt(
        cs.slice(importAt + 1).filter((c) => c.name !== '(' && c.name !== ')'),
        ',',
      )) {
        if (!g.length) continue;
        names.push({ name: this.text(g[0]), alias: g[1]?.name === 'as' && g[2] ? this.text(g[2]) : undefined });
      }
      return { k: 'from', module, level, names, s, e };
    }
    const names: { module: string; alias?: string }[] = [];
    for (const g of splitAt(cs.slice(1), ',')) {
      const asAt = g.findIndex((c) => c.name === 'as');
      const parts = (asAt >= 0 ? g.slice(0, asAt) : g).map((c) => this.text(c)).join('');
      names.push({ module: parts, alias: asAt >= 0 && g[asAt + 1] ? this.text(g[asAt + 1]) : undefined });
    }
    return { k: 'import', names, s, e };
  }

  private tryStmt(cs: SyntaxNode[], s: number, e: number): Stmt {
    const handlers: Handler[] = [];
    let body: Stmt[] = [],
      orelse: Stmt[] = [],
      final: Stmt[] = [];
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i];
      if (c.name === 'try') body = this.body(cs[++i]);
      else if (c.name === 'except') {
        let j = i + 1;
        const header: SyntaxNode[] = [];
        while (j < cs.length && cs[j].name !== 'Body') header.push(cs[j++]);
        const asAt = header.findIndex((h) => h.name === 'as');
        const typeNodes = (asAt >= 0 ? header.slice(0, asAt) : header).filter((h) => h.name !== '*');
        handlers.push({
          types: typeNodes[0] ? this.expr(typeNodes[0]) : undefined,
          name: asAt >= 0 && header[asAt + 1] ? this.text(header[asAt + 1]) : undefined,
          body: this.body(cs[j]),
        });
        i = j;
      } else if (c.name === 'else') orelse = this.body(cs[++i]);
      else if (c.name === 'finally') final = this.body(cs[++i]);
    }
    return { k: 'try', body, handlers, orelse, final, s, e };
  }

  private withStmt(cs: SyntaxNode[], s: number, e: number): Stmt {
    const start = cs[0].name === 'async' ? 2 : 1;
    const bodyNode = cs.find((c) => c.name === 'Body');
    let header = cs.slice(start, bodyNode ? cs.indexOf(bodyNode) : cs.length);
    // `with (a as b, c as d):` groups the items in parentheses.
    if (header.length === 1 && header[0].name === 'WithItems')
      header = children(header[0]).filter((c) => c.name !== '(' && c.name !== ')');
    const items = splitAt(header, ',')
      .filter((g) => g.length)
      .map((g) => {
        const asAt = g.findIndex((c) => c.name === 'as');
        return { ctx: this.expr(g[0]), target: asAt >= 0 && g[asAt + 1] ? this.expr(g[asAt + 1]) : undefined };
      });
    return { k: 'with', items, body: this.body(bodyNode), s, e };
  }
}
