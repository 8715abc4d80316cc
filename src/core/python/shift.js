// Moves lowered IR by a character offset, so a top-level statement whose text did not change is reused after an edit above it.
export function shiftIR(node, delta) {
    if (delta === 0 || node === null || typeof node !== 'object')
        return node;
    if (Array.isArray(node))
        return node.map((n) => shiftIR(n, delta));
    const out = {};
    for (const [k, v] of Object.entries(node)) {
        out[k] = (k === 's' || k === 'e') && typeof v === 'number' ? v + delta : shiftIR(v, delta);
    }
    return out;
}
