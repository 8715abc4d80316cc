const starsOf = new WeakMap();
const scans = new WeakMap();
/** Per analysis: each star source's verdict per name (a module namespace is asked for many missing names). */
const verdicts = new WeakMap();
export function addLazyStar(attrs, star) {
    let list = starsOf.get(attrs);
    if (!list)
        starsOf.set(attrs, (list = []));
    list.push(star);
}
/** The lazy star imports of a module namespace (an eager `import *` of that module passes them on). */
export function lazyStars(attrs) {
    return starsOf.get(attrs) ?? [];
}
function scan(text) {
    let all;
    for (const m of text.matchAll(/^__all__\s*\+?=\s*[[(]([^\])]*)[\])]/gm)) {
        all ??= new Set();
        for (const s of m[1].matchAll(/["']([A-Za-z_]\w*)["']/g))
            all.add(s[1]);
    }
    const names = new Set();
    for (const m of text.matchAll(/^(?:async\s+def|def|class)\s+([A-Za-z_]\w*)|^([A-Za-z_]\w*)\s*(?::[^=\n]*)?=(?!=)/gm))
        names.add(m[1] ?? m[2]);
    const stars = [];
    for (const m of text.matchAll(/^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)/gm)) {
        const list = m[3].replace(/[()\\]/g, ' ');
        if (list.trim() === '*') {
            stars.push({ dotted: m[2], level: m[1].length });
            continue;
        }
        for (const part of list.split(',')) {
            const w = part.trim().split(/\s+/);
            if (w[0])
                names.add(w[2] ?? w[0]);
        }
    }
    for (const m of text.matchAll(/^[ \t]*import[ \t]+([^\n#]+)/gm))
        for (const part of m[1].split(',')) {
            const w = part.trim().split(/\s+/);
            if (w[0])
                names.add(w[2] ?? w[0].split('.')[0]);
        }
    return { text, all, names, stars };
}
function exportsOf(ip, path, text) {
    let cache = scans.get(ip);
    if (!cache)
        scans.set(ip, (cache = new Map()));
    const hit = cache.get(path);
    if (hit && hit.text === text)
        return hit;
    const e = scan(text);
    cache.set(path, e);
    return e;
}
/** True unless the file's text shows that `import *` of it cannot give `name`. */
export function mayExport(ip, locate, star, name, seen = new Set()) {
    let v = verdicts.get(ip);
    if (!v || v.run !== ip.runId)
        verdicts.set(ip, (v = { run: ip.runId, byKey: new Map(), located: new Map() }));
    const key = `${star.fromFile}|${star.level}|${star.dotted}|${name}`;
    let r = v.byKey.get(key);
    if (r === undefined) {
        const located = v.located;
        const cached = (f, d, l) => {
            const k = `${f}|${l}|${d}`;
            if (!located.has(k))
                located.set(k, locate(f, d, l));
            return located.get(k);
        };
        r = scanExports(ip, cached, star, name, seen);
        v.byKey.set(key, r);
    }
    return r;
}
function scanExports(ip, locate, star, name, seen) {
    const src = locate(star.fromFile, star.dotted, star.level);
    if (!src)
        return false;
    const [path, text] = src;
    if (seen.has(path))
        return false;
    seen.add(path);
    if (name.startsWith('_'))
        return false;
    // Cheap first: a file that never spells the name and has no star import of its own cannot export it.
    if (!text.includes(name) && !text.includes('import *'))
        return false;
    const e = exportsOf(ip, path, text);
    if (e.all)
        return e.all.has(name);
    if (e.names.has(name))
        return true;
    return e.stars.some((s) => mayExport(ip, locate, { fromFile: path, dotted: s.dotted, level: s.level }, name, seen));
}
