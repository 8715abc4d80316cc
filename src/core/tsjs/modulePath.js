// Resolving a relative import against the importing file, without Node's path module: candidate file paths in lookup order.
function normalize(path) {
    const out = [];
    for (const seg of path.split('/')) {
        if (seg === '.' || (seg === '' && out.length > 0))
            continue;
        if (seg === '..' && out.length && out[out.length - 1] !== '..' && out[out.length - 1] !== '')
            out.pop();
        else
            out.push(seg);
    }
    return out.join('/');
}
/** `./data` from `src/mnist/index.ts`: src/mnist/data.ts, .tsx, .js, .mjs, .cjs, data/index.ts, data/index.js (and data.ts for `./data.js`). */
export function candidates(from, spec) {
    const fromN = from.replace(/\\/g, '/');
    const base = normalize(fromN.slice(0, fromN.lastIndexOf('/') + 1) + spec);
    const stem = base.replace(/\.(m|c)?js$/, '');
    const out = [
        base,
        ...['.ts', '.tsx', '.js', '.mjs', '.cjs'].map((e) => stem + e),
        `${base}/index.ts`,
        `${base}/index.js`,
    ];
    return [...new Set(out)];
}
export function isRelative(spec) {
    return spec.startsWith('./') || spec.startsWith('../');
}
