export function children(node) {
    const out = [];
    for (let c = node.firstChild; c; c = c.nextSibling)
        if (c.name !== 'Comment')
            out.push(c);
    return out;
}
/** Splits a child list at tokens with the given name (e.g. ","). */
export function splitAt(nodes, sep) {
    const groups = [[]];
    for (const n of nodes) {
        if (n.name === sep)
            groups.push([]);
        else
            groups[groups.length - 1].push(n);
    }
    return groups;
}
