// Lazy `from M import *`: M runs only when a name it may export is looked up (a text scan says which names it
// exports), so `from transformers import GPT2Config` reaches models/gpt2 without running the other 500 model packages.
import type { Interp } from './interpreter';
import type { Value } from './values';

/** A star import not run yet: the module named by (dotted, level) relative to `fromFile`. */
export interface LazyStar {
  readonly fromFile: string;
  readonly dotted: string;
  readonly level: number;
}

/** What a file exports to `import *`, read from its text: its __all__, or its top-level names; and its own star imports. */
interface Exports {
  readonly text: string;
  readonly all?: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
  readonly stars: readonly { dotted: string; level: number }[];
}

const starsOf = new WeakMap<Map<string, Value>, LazyStar[]>();
const scans = new WeakMap<Interp, Map<string, Exports>>();
/** Per analysis: each star source's verdict per name (a module namespace is asked for many missing names). */
const verdicts = new WeakMap<
  Interp,
  { run: number; byKey: Map<string, boolean>; located: Map<string, [string, string] | undefined> }
>();

export function addLazyStar(attrs: Map<string, Value>, star: LazyStar): void {
  let list = starsOf.get(attrs);
  if (!list) starsOf.set(attrs, (list = []));
  list.push(star);
}

/** The lazy star imports of a module namespace (an eager `import *` of that module passes them on). */
export function lazyStars(attrs: Map<string, Value>): readonly LazyStar[] {
  return starsOf.get(attrs) ?? [];
}

function scan(text: string): Exports {
  let all: Set<string> | undefined;
  for (const m of text.matchAll(/^__all__\s*\+?=\s*[[(]([^\])]*)[\])]/gm)) {
    all ??= new Set();
    for (const s of m[1].matchAll(/["']([A-Za-z_]\w*)["']/g)) all.add(s[1]);
  }
  const names = new Set<string>();
  for (const m of text.matchAll(/^(?:async\s+def|def|class)\s+([A-Za-z_]\w*)|^([A-Za-z_]\w*)\s*(?::[^=\n]*)?=(?!=)/gm))
    names.add(m[1] ?? m[2]);
  const stars: { dotted: string; level: number }[] = [];
  for (const m of text.matchAll(/^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)/gm)) {
    const list = m[3].replace(/[()\\]/g, ' ');
    if (list.trim() === '*') {
      stars.push({ dotted: m[2], level: m[1].length });
      continue;
    }
    for (const part of list.split(',')) {
      const w = part.trim().split(/\s+/);
      if (w[0]) names.add(w[2] ?? w[0]);
    }
  }
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([^\n#]+)/gm))
    for (const part of m[1].split(',')) {
      const w = part.trim().split(/\s+/);
      if (w[0]) names.add(w[2] ?? w[0].split('.')[0]);
    }
  return { text, all, names, stars };
}

function exportsOf(ip: Interp, path: string, text: string): Exports {
  let cache = scans.get(ip);
  if (!cache) scans.set(ip, (cache = new Map()));
  const hit = cache.get(path);
  if (hit && hit.text === text) return hit;
  const e = scan(text);
  cache.set(path, e);
  return e;
}

/** Finds a module's file and text: (fromFile, dotted, level) -> [path, text]. */
export type Locate = (fromFile: string, dotted: string, level: number) => [string, string] | undefined;

/** True unless the file's text shows that `import *` of it cannot give `name`. */
export function mayExport(ip: Interp, locate: Locate, star: LazyStar, name: string, seen = new Set<string>()): boolean {
  let v = verdicts.get(ip);
  if (!v || v.run !== ip.runId) verdicts.set(ip, (v = { run: ip.runId, byKey: new Map(), located: new Map() }));
  const key = `${star.fromFile}|${star.level}|${star.dotted}|${name}`;
  let r = v.byKey.get(key);
  if (r === undefined) {
    const located = v.located;
    const cached: Locate = (f, d, l) => {
      const k = `${f}|${l}|${d}`;
      if (!located.has(k)) located.set(k, locate(f, d, l));
      return located.get(k);
    };
    r = scanExports(ip, cached, star, name, seen);
    v.byKey.set(key, r);
  }
  return r;
}

function scanExports(ip: Interp, locate: Locate, star: LazyStar, name: string, seen: Set<string>): boolean {
  const src = locate(star.fromFile, star.dotted, star.level);
  if (!src) return false;
  const [path, text] = src;
  if (seen.has(path)) return false;
  seen.add(path);
  if (name.startsWith('_')) return false;
  // Cheap first: a file that never spells the name and has no star import of its own cannot export it.
  if (!text.includes(name) && !text.includes('import *')) return false;
  const e = exportsOf(ip, path, text);
  if (e.all) return e.all.has(name);
  if (e.names.has(name)) return true;
  return e.stars.some((s) => mayExport(ip, locate, { fromFile: path, dotted: s.dotted, level: s.level }, name, seen));
}
