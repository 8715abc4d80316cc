/** The dims of a shape given as a list or as text; a message when it is not integers and names. */
export function shapeDims(shape) {
    if (typeof shape !== 'string') {
        for (const d of shape)
            if (typeof d === 'number' ? !(Number.isSafeInteger(d) && d >= 0) : !/^[A-Za-z_]\w*$/.test(d))
                return { message: `bad dim '${d}' in shape [${shape.join(', ')}] (use integers or names, e.g. B,3,224,224)` };
        return [...shape];
    }
    const parts = shape
        .trim()
        .replace(/^\[|\]$/g, '')
        .split(/[,x×\s]+/)
        .filter(Boolean);
    const dims = [];
    for (const p of parts) {
        if (/^\d+$/.test(p) && Number.isSafeInteger(Number(p)))
            dims.push(Number(p));
        else if (/^[A-Za-z_]\w*$/.test(p))
            dims.push(p);
        else
            return { message: `bad dim '${p}' in shape '${shape}' (use integers or names, e.g. B,3,224,224)` };
    }
    if (!dims.length)
        return { message: `empty shape '${shape}' (use integers or names, e.g. B,3,224,224)` };
    return dims;
}
/** `[B, 3, 224, 224]`. */
export function shapeText(shape) {
    const dims = shapeDims(shape);
    return 'message' in dims ? String(shape) : `[${dims.join(', ')}]`;
}
