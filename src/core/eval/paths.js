// Pure POSIX-style path helpers (core cannot use Node's path module).
export function dirname(p) {
    const i = p.lastIndexOf('/');
    return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}
export function join(...parts) {
    return normalize(parts.filter(Boolean).join('/'));
}
export function normalize(p) {
    const abs = p.startsWith('/');
    const out = [];
    for (const seg of p.split('/')) {
        if (!seg || seg === '.')
            continue;
        if (seg === '..' && out.length && out[out.length - 1] !== '..')
            out.pop();
        else if (seg === '..' && abs)
            continue;
        else
            out.push(seg);
    }
    return (abs ? '/' : '') + out.join('/');
}
