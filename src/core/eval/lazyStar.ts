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
  readonly all?: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
  readonly stars: readonly { dotted: string; level: number }[];
}

/**
 * Whether a file's own text gives a name to `import *`: true or false, or 'stars' when only its own star imports can
 * tell. Kept per (path, text) across analyses, so a re-analysis never searches a library's text again.
 */
type LocalVerdict = boolean | 'stars';

/** One file's scan, valid while its text is unchanged. */
interface FileScan {
  readonly text: string;
  exports?: Exports;
  /** The file's own star imports as lazy stars (one object each, so per-analysis caches can key on it). */
  stars?: readonly LazyStar[];
  readonly verdicts: Map<string, LocalVerdict>;
}

/** A star's verdicts per name, kept across analyses while the file it points to (and those below it) are unchanged. */
interface StarVerdicts {
  readonly src: [string, string] | undefined;
  readonly byName: Map<string, boolean>;
}

/** Per world: the stars' verdicts (weak: a star of a changed file is dropped with its scan). */
interface WorldVerdicts {
  readonly byStar: WeakMap<LazyStar, StarVerdicts>;
  run: number;
  /** This analysis: where each star points, and whether its kept verdicts still hold. */
  located: Map<LazyStar, [string, string] | undefined>;
  valid: Map<LazyStar, boolean>;
}

const starsOf = new WeakMap<Map<string, Value>, LazyStar[]>();
const scans = new WeakMap<Interp, Map<string, FileScan>>();
const verdicts = new WeakMap<Interp, WorldVerdicts>();

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
  return { all, names, stars };
}

function fileScan(ip: Interp, path: string, text: string): FileScan {
  let cache = scans.get(ip);
  if (!cache) scans.set(ip, (cache = new Map()));
  let hit = cache.get(path);
  if (!hit || hit.text !== text) cache.set(path, (hit = { text, verdicts: new Map() }));
  return hit;
}

function localVerdict(f: FileScan, name: string): LocalVerdict {
  let v = f.verdicts.get(name);
  if (v === undefined) {
    // Cheap first: a file that never spells the name and has no star import of its own cannot export it.
    if (!f.text.includes(name) && !f.text.includes('import *')) v = false;
    else {
      const e = (f.exports ??= scan(f.text));
      v = e.all ? e.all.has(name) : e.names.has(name) ? true : 'stars';
    }
    f.verdicts.set(name, v);
  }
  return v;
}

/** Finds a module's file and text: (fromFile, dotted, level) -> [path, text]. */
export type Locate = (fromFile: string, dotted: string, level: number) => [string, string] | undefined;

function worldVerdicts(ip: Interp): WorldVerdicts {
  let w = verdicts.get(ip);
  if (!w) verdicts.set(ip, (w = { byStar: new WeakMap(), run: -1, located: new Map(), valid: new Map() }));
  if (w.run !== ip.runId) {
    w.run = ip.runId;
    w.located = new Map();
    w.valid = new Map();
  }
  return w;
}

/** Where a star points in this analysis (located once per analysis: files may have appeared or changed since the last). */
function located(w: WorldVerdicts, locate: Locate, star: LazyStar): [string, string] | undefined {
  let src = w.located.get(star);
  if (src === undefined && !w.located.has(star))
    w.located.set(star, (src = locate(star.fromFile, star.dotted, star.level)));
  return src;
}

/**
 * Whether a star's kept verdicts hold in this analysis: the file it pointed to still has the same text, and so do the
 * files of the stars below it. Checked as the module cache checks an import (its file read again), once per analysis.
 * A file created since, that would now shadow it, is not looked for (the module cache does not either).
 */
function stillValid(ip: Interp, w: WorldVerdicts, locate: Locate, star: LazyStar, kept: StarVerdicts): boolean {
  let ok = w.valid.get(star);
  if (ok !== undefined) return ok;
  w.valid.set(star, true); // a cycle of star imports: the stars on it are checked by the outer call
  const src = kept.src;
  // A star that pointed nowhere is located again (the module may have been created since).
  ok = src ? ip.loader.read(src[0]) === src[1] : located(w, locate, star) === undefined;
  const below = ok && src ? scans.get(ip)?.get(src[0])?.stars : undefined;
  if (below)
    for (const s of below) {
      const k = w.byStar.get(s);
      if (k && !stillValid(ip, w, locate, s, k)) ok = false;
    }
  w.valid.set(star, ok);
  return ok;
}

/** True unless the file's text shows that `import *` of it cannot give `name`. */
export function mayExport(ip: Interp, locate: Locate, star: LazyStar, name: string, seen = new Set<string>()): boolean {
  const w = worldVerdicts(ip);
  let kept = w.byStar.get(star);
  if (kept && !stillValid(ip, w, locate, star, kept)) kept = undefined;
  if (!kept) w.byStar.set(star, (kept = { src: located(w, locate, star), byName: new Map() }));
  let r = kept.byName.get(name);
  if (r === undefined) {
    r = scanExports(ip, kept.src, locate, name, seen);
    kept.byName.set(name, r);
  }
  return r;
}

function scanExports(
  ip: Interp,
  src: [string, string] | undefined,
  locate: Locate,
  name: string,
  seen: Set<string>,
): boolean {
  if (!src) return false;
  const [path, text] = src;
  if (seen.has(path)) return false;
  seen.add(path);
  if (name.startsWith('_')) return false;
  const f = fileScan(ip, path, text);
  const local = localVerdict(f, name);
  if (local !== 'stars') return local;
  f.stars ??= f.exports!.stars.map((s) => ({ fromFile: path, dotted: s.dotted, level: s.level }));
  return f.stars.some((s) => mayExport(ip, locate, s, name, seen));
}
