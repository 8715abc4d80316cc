// `// flopscope:` comments in TS/JS files: the entry to analyze and dim values, as in Python's `# flopscope:` comments.
//   // flopscope: entry createModel([28, 28, 1], 10)
//   // flopscope: dim B=32
const COMMENT = /\/\/\s*flopscope:\s*(.*)$/;
export function readTsAnnotations(source) {
    const out = { dims: {}, errors: [] };
    if (!source.includes('flopscope:'))
        return out;
    source.split('\n').forEach((text, i) => {
        const m = COMMENT.exec(text);
        if (!m)
            return;
        const body = m[1].trim();
        let mm;
        if ((mm = /^entry\s+(.+)$/.exec(body)))
            out.entry = mm[1].trim();
        else if ((mm = /^dims?\s+(.+)$/.exec(body))) {
            for (const part of mm[1].split(',')) {
                const kv = /^\s*([A-Za-z_]\w*)\s*=\s*(\d+)\s*$/.exec(part);
                if (kv)
                    out.dims[kv[1]] = Number(kv[2]);
                else
                    out.errors.push({ line: i + 1, message: `flopscope: cannot read '${part.trim()}' (expected NAME=INTEGER)` });
            }
        }
        else
            out.errors.push({
                line: i + 1,
                message: `flopscope: unknown annotation '${body}' (expected 'entry EXPR' or 'dim NAME=VALUE')`,
            });
    });
    return out;
}
