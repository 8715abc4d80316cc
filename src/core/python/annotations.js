// `# flopscope:` comments: entry, input shapes and dim values written in the file itself.
//   # flopscope: entry Net(num_classes=10)
//   # flopscope: input x: [B, 3, 224, 224] float16
//   # flopscope: dim B=32, T=128
const COMMENT = /#\s*flopscope:\s*(.*)$/;
export function readAnnotations(source) {
    const out = { inputs: [], dims: {}, errors: [] };
    if (!source.includes('flopscope:'))
        return out;
    const lines = source.split('\n');
    lines.forEach((text, i) => {
        const m = COMMENT.exec(text);
        if (!m)
            return;
        const line = i + 1;
        const body = m[1].trim();
        let mm;
        if ((mm = /^entry\s+(.+)$/.exec(body)))
            out.entry = mm[1].trim();
        else if ((mm = /^input\s+([A-Za-z_]\w*)\s*:\s*\[([^\]]*)\]\s*([A-Za-z0-9_.]+)?\s*$/.exec(body)))
            out.inputs.push({ name: mm[1], shape: mm[2].replace(/\s+/g, ''), dtype: mm[3], line });
        else if ((mm = /^dims?\s+(.+)$/.exec(body))) {
            for (const part of mm[1].split(',')) {
                const kv = /^\s*([A-Za-z_]\w*)\s*=\s*(\d+)\s*$/.exec(part);
                if (kv)
                    out.dims[kv[1]] = Number(kv[2]);
                else
                    out.errors.push({ line, message: `flopscope: cannot read '${part.trim()}' (expected NAME=INTEGER)` });
            }
        }
        else
            out.errors.push({
                line,
                message: `flopscope: unknown annotation '${body}' (expected 'entry EXPR', 'input NAME: [DIMS] DTYPE' or 'dim NAME=VALUE')`,
            });
    });
    return out;
}
