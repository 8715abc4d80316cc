// The Python IR the evaluator walks: plain objects with character offsets, independent of the parser.

/** Bumped whenever the IR's shape changes (persisted IR caches key on it). */
export const IR_VERSION = 6;

export interface Node {
  readonly s: number;
  readonly e: number;
}

export type Expr =
  | (Node & { k: 'name'; id: string })
  | (Node & { k: 'num'; v: number; float: boolean; imag?: true })
  | (Node & { k: 'str'; v: string })
  | (Node & { k: 'fstr'; parts: (string | Expr)[] })
  | (Node & { k: 'const'; v: 'None' | 'True' | 'False' | 'Ellipsis' })
  | (Node & { k: 'attr'; obj: Expr; name: string })
  | (Node & { k: 'index'; obj: Expr; index: Expr })
  | (Node & { k: 'slice'; lo?: Expr; hi?: Expr; step?: Expr })
  | (Node & { k: 'call'; fn: Expr; args: Arg[] })
  | (Node & { k: 'bin'; op: string; l: Expr; r: Expr })
  | (Node & { k: 'unary'; op: string; x: Expr })
  | (Node & { k: 'bool'; op: 'and' | 'or'; l: Expr; r: Expr })
  | (Node & { k: 'cmp'; op: string; l: Expr; r: Expr })
  | (Node & { k: 'cond'; test: Expr; then: Expr; orelse: Expr })
  | (Node & { k: 'seq'; kind: 'tuple' | 'list' | 'set'; items: Expr[] })
  | (Node & { k: 'dict'; items: DictItem[] })
  | (Node & { k: 'comp'; kind: 'list' | 'set' | 'gen' | 'dict'; elt: Expr; value?: Expr; clauses: CompClause[] })
  | (Node & { k: 'lambda'; params: Param[]; body: Expr })
  | (Node & { k: 'star'; x: Expr; double: boolean })
  | (Node & { k: 'walrus'; target: string; value: Expr })
  /** `yield x`, bare `yield`, `yield from it` (a statement, or the value of an assignment). */
  | (Node & { k: 'yield'; value?: Expr; from: boolean })
  | (Node & { k: 'bad'; text: string });

export interface Arg {
  readonly kind: 'pos' | 'star' | 'kw' | 'dstar';
  readonly name?: string;
  readonly value: Expr;
}
export interface DictItem {
  readonly key?: Expr;
  readonly value: Expr;
}
export interface CompClause {
  readonly target: Expr;
  readonly iter: Expr;
  readonly ifs: Expr[];
}
export interface Param {
  readonly name: string;
  readonly kind: 'pos' | 'star' | 'kwonly' | 'dstar';
  readonly def?: Expr;
  readonly ann?: Expr;
  /** Before a `/` in the parameter list. */
  readonly posonly?: true;
}

export type Stmt =
  | (Node & { k: 'expr'; x: Expr })
  | (Node & { k: 'assign'; targets: Expr[]; value: Expr })
  | (Node & { k: 'aug'; target: Expr; op: string; value: Expr })
  | (Node & { k: 'ann'; target: Expr; ann: Expr; value?: Expr })
  | (Node & { k: 'if'; test: Expr; body: Stmt[]; orelse: Stmt[] })
  | (Node & { k: 'for'; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] })
  | (Node & { k: 'while'; test: Expr; body: Stmt[]; orelse: Stmt[] })
  | (Node & { k: 'def'; name: string; params: Param[]; body: Stmt[]; decorators: Expr[]; returns?: Expr })
  | (Node & { k: 'class'; name: string; bases: Arg[]; body: Stmt[]; decorators: Expr[] })
  | (Node & { k: 'return'; value?: Expr })
  | (Node & { k: 'pass' | 'break' | 'continue' })
  | (Node & { k: 'import'; names: { module: string; alias?: string }[] })
  | (Node & { k: 'from'; module: string; level: number; names: { name: string; alias?: string }[] })
  | (Node & { k: 'try'; body: Stmt[]; handlers: Handler[]; orelse: Stmt[]; final: Stmt[] })
  | (Node & { k: 'with'; items: { ctx: Expr; target?: Expr }[]; body: Stmt[] })
  | (Node & { k: 'raise'; x?: Expr })
  | (Node & { k: 'assert'; test: Expr; msg?: Expr })
  | (Node & { k: 'del'; targets: Expr[] })
  | (Node & { k: 'scope'; keyword: 'global' | 'nonlocal'; names: string[] })
  | (Node & { k: 'bad'; text: string });

export interface Handler {
  readonly types?: Expr;
  readonly name?: string;
  readonly body: Stmt[];
}

/** A syntax error's span; `msg` says what is wrong (Python's wording where it has one), else "invalid syntax". */
export interface ParseError {
  readonly s: number;
  readonly e: number;
  readonly msg?: string;
}

export interface Module {
  readonly body: Stmt[];
  readonly syntaxErrors: ParseError[];
}
