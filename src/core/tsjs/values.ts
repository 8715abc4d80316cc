// Values of the small JavaScript subset the TF.js front end evaluates: plain JS data, closures, natives, layers, models, symbolic tensors.
import type { Tensor } from '../model/tensor';
import type { Scope } from './scope';
import type { Node, TSESTree } from './parse';

/** A value the evaluator could not determine; never silently a zero. */
export class Unknown {
  constructor(readonly why: string) {}
}

export class JsObject {
  readonly props = new Map<string, JsValue>();
  /** The class an instance was constructed from. */
  cls?: JsClass;
  constructor(entries?: Iterable<[string, JsValue]>) {
    if (entries) for (const [k, v] of entries) this.props.set(k, v);
  }
}

export class Closure {
  constructor(
    readonly node: Node & { params: Node[]; body: Node | null | undefined },
    readonly scope: Scope,
    readonly name: string,
    readonly file: string,
  ) {}
}

export class JsClass {
  ctor?: Closure;
  readonly methods = new Map<string, Closure>();
  readonly getters = new Map<string, Closure>();
  readonly statics = new JsObject();
  readonly fields: TSESTree.PropertyDefinition[] = [];
  constructor(
    readonly name: string,
    readonly parent: JsClass | Unknown | undefined,
    readonly scope: Scope,
  ) {}
}

/** Call context a native function sees: the evaluator's hooks. */
export interface NativeCall {
  readonly args: JsValue[];
  readonly self: JsValue;
  /** Calls back into the evaluator (for callbacks like Array.map). */
  call(fn: JsValue, args: JsValue[]): JsValue;
}

export class NativeFn {
  constructor(
    readonly name: string,
    readonly fn: (c: NativeCall) => JsValue,
  ) {}
}

/** A namespace object (tf, tf.layers, Math): fixed members and an optional fallback for unknown names. */
export class Namespace {
  constructor(
    readonly name: string,
    readonly members: Map<string, JsValue>,
    readonly fallback?: (name: string) => JsValue,
  ) {}
}

export type JsValue =
  | number
  | string
  | boolean
  | null
  | undefined
  | JsValue[]
  | JsObject
  | JsClass
  | Closure
  | NativeFn
  | Namespace
  | Unknown
  | Tensor
  | LayerRef
  | ModelRef;

/** Marker interfaces implemented in layer.ts and model.ts (kept here to avoid import cycles). */
export interface LayerRef {
  readonly kind: 'layer';
}
export interface ModelRef {
  readonly kind: 'model';
}

export function isUnknown(v: JsValue): v is Unknown {
  return v instanceof Unknown;
}

export function truthy(v: JsValue): boolean | undefined {
  if (v instanceof Unknown) return undefined;
  return !!v;
}
