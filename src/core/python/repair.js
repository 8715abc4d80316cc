/** Where a skipped statement ends: a header's `:` may follow the point where its brackets close (`-> int:`). */
function skipEnd(src, u) {
    return u.header && src[u.codeEnd - 1] !== ':' ? src.indexOf(':', u.codeEnd) + 1 : u.codeEnd;
}
/** Blanks a statement (newlines kept, so lines do not move) and leaves a no-op in its place. */
function skipped(src, u) {
    const blank = src.slice(u.start, skipEnd(src, u)).replace(/[^\n\r]/g, ' ');
    const stub = u.header ? 'if 0:' : blank.length >= 4 ? 'pass' : '0';
    return stub + blank.slice(stub.length);
}
/** Repairs each cut by its mode (the last mode applies to cuts beyond the list). */
export function repair(src, cuts, modes) {
    const parts = [];
    const inserts = []; // `at` in the repaired text
    let from = 0;
    let added = 0;
    cuts.forEach((u, i) => {
        const mode = modes[i] ?? modes[modes.length - 1];
        if (mode === 'none' || u.start < from)
            return;
        if (mode === 'skip') {
            parts.push(src.slice(from, u.start), skipped(src, u));
            from = skipEnd(src, u);
            return;
        }
        const at = u.header && src[u.codeEnd - 1] === ':' ? u.codeEnd - 1 : u.codeEnd;
        parts.push(src.slice(from, at), u.closers);
        inserts.push({ at: at + added, len: u.closers.length });
        added += u.closers.length;
        from = at;
    });
    parts.push(src.slice(from));
    const toSource = (p) => {
        let delta = 0;
        for (const ins of inserts) {
            if (p < ins.at)
                break;
            if (p < ins.at + ins.len)
                return ins.at - delta;
            delta += ins.len;
        }
        return p - delta;
    };
    return { text: parts.join(''), toSource };
}
/** Moves every `s`/`e` offset of lowered IR (or error spans) through `map`. */
export function mapOffsets(node, map) {
    if (node === null || typeof node !== 'object')
        return node;
    if (Array.isArray(node))
        return node.map((n) => mapOffsets(n, map));
    const out = {};
    for (const [k, v] of Object.entries(node))
        out[k] = (k === 's' || k === 'e') && typeof v === 'number' ? map(v) : mapOffsets(v, map);
    return out;
}
