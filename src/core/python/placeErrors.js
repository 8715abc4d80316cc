function isSpace(c) {
    return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\\';
}
function place(src, e) {
    if (e.e > e.s) {
        const eol = src.indexOf('\n', e.s);
        return { ...e, e: eol > e.s && eol < e.e ? eol : e.e };
    }
    // Zero width: something is missing here; the real place is the end of the code before it.
    let p = e.s;
    while (p > 0 && isSpace(src[p - 1]))
        p--;
    if (p === 0)
        return { ...e, s: 0, e: Math.min(1, src.length) };
    return { ...e, s: p - 1, e: p };
}
/** Errors placed and sorted, keeping the first of several on one line. */
export function placeErrors(src, errors) {
    const placed = errors.map((e) => place(src, e)).sort((a, b) => a.s - b.s);
    const out = [];
    for (const e of placed) {
        const last = out[out.length - 1];
        if (last && (e.s <= last.s || !src.slice(last.s, e.s).includes('\n')))
            continue;
        out.push(e);
    }
    return out;
}
