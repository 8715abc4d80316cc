// Walks an nn.Module instance: its parameters, buffers and children in PyTorch's order, tied tensors once.
import { PyClass, PyInstance, type Value } from '../../eval/values';
import { Tensor } from '../tensor';

let moduleClass: PyClass | undefined;
export function setModuleClass(cls: PyClass): void {
  moduleClass = cls;
}
export function isModule(v: Value): v is PyInstance {
  return v instanceof PyInstance && moduleClass !== undefined && v.cls.isSubclassOf(moduleClass);
}

export function namedChildren(m: PyInstance): [string, PyInstance][] {
  const out: [string, PyInstance][] = [];
  for (const [k, v] of m.attrs) if (isModule(v)) out.push([k, v]);
  return out;
}

export function ownTensors(m: PyInstance, role: 'param' | 'buffer'): [string, Tensor][] {
  const out: [string, Tensor][] = [];
  for (const [k, v] of m.attrs) if (v instanceof Tensor && v.role === role) out.push([k, v]);
  return out;
}

/** named_modules(): depth-first, each module once. */
export function namedModules(root: PyInstance, prefix = '', seen = new Set<PyInstance>(), out: [string, PyInstance][] = []): [string, PyInstance][] {
  if (seen.has(root)) return out;
  seen.add(root);
  out.push([prefix, root]);
  for (const [k, v] of root.attrs) if (isModule(v)) namedModules(v, prefix ? `${prefix}.${k}` : k, seen, out);
  return out;
}

/** named_parameters()/named_buffers(): distinct tensors (a tied weight appears once). */
export function namedTensors(root: PyInstance, role: 'param' | 'buffer'): [string, Tensor][] {
  const seen = new Set<Tensor>();
  const out: [string, Tensor][] = [];
  for (const [prefix, m] of namedModules(root)) {
    for (const [k, t] of ownTensors(m, role)) {
      if (seen.has(t)) continue;
      seen.add(t);
      out.push([prefix ? `${prefix}.${k}` : k, t]);
    }
  }
  return out;
}

/** Distinct parameters under a module, memoized bottom-up (a tied weight counts once per subtree). */
export function distinctParams(m: PyInstance, memo: Map<PyInstance, Set<Tensor>>, stack = new Set<PyInstance>()): Set<Tensor> {
  const hit = memo.get(m);
  if (hit) return hit;
  const set = new Set<Tensor>(ownTensors(m, 'param').map(([, t]) => t));
  stack.add(m);
  for (const [, c] of namedChildren(m)) if (!stack.has(c)) for (const t of distinctParams(c, memo, stack)) set.add(t);
  stack.delete(m);
  memo.set(m, set);
  return set;
}
