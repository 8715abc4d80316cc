const shown = 20;
/** The frames an exception unwound through, outermost first, as `File "...", line N, in f` lines and related info. */
export function traceback(ip, e) {
    const related = [];
    for (let i = e.frames.length - 1; i >= 0; i--) {
        const f = e.frames[i];
        const index = ip.lineIndex.get(f.file);
        if (!index || f.file.startsWith('<'))
            continue;
        related.push({ file: f.file, line: index.line(f.pos), message: `in ${f.name}` });
    }
    if (related.length === 0)
        return { text: '', related };
    const lines = related.map((r) => `  File "${r.file}", line ${r.line}, ${r.message}`);
    const cut = lines.length > shown
        ? [...lines.slice(0, shown / 2), `  ... ${lines.length - shown} more frames ...`, ...lines.slice(-shown / 2)]
        : lines;
    return { text: `\nTraceback (most recent call last):\n${cut.join('\n')}`, related };
}
/** `ValueError: message` (just the type when the message says nothing). */
export function exceptionText(e) {
    return `${e.type}${e.message && e.message !== 'raised' ? `: ${e.message}` : ''}`;
}
