// Finds statements whose brackets never close, the way Python's tokenizer sees lines, strings and comments.
/** Python's tokenizer refuses more nested brackets than this ("too many nested parentheses"). */
export const MAX_BRACKET_DEPTH = 200;
/** Whether the text nests brackets (counted without regard to strings and comments) deeper than Python allows. */
export function mayNestTooDeep(src) {
    let depth = 0;
    for (let i = 0; i < src.length; i++) {
        const c = src.charCodeAt(i);
        if (c === 40 || c === 91 || c === 123) {
            if (++depth > MAX_BRACKET_DEPTH)
                return true;
        }
        else if ((c === 41 || c === 93 || c === 125) && depth > 0)
            depth--;
    }
    return false;
}
const closerOf = { '(': ')', '[': ']', '{': '}' };
const headerKeywords = /^(?:async\s+)?(?:if|elif|while|for|with|def|class|except|match|case)\b/;
function isSpace(c) {
    return c === ' ' || c === '\t' || c === '\f';
}
/** Skips a string literal whose opening quote is at `i`; returns the offset after it (or the end of the line/file). */
function skipString(src, i) {
    const q = src[i];
    const triple = src[i + 1] === q && src[i + 2] === q;
    let j = i + (triple ? 3 : 1);
    while (j < src.length) {
        const c = src[j];
        if (c === '\\')
            j += 2;
        else if (c === q && (!triple || (src[j + 1] === q && src[j + 2] === q)))
            return j + (triple ? 3 : 1);
        else if (c === '\n' && !triple)
            return j;
        else
            j++;
    }
    return src.length;
}
/**
 * Statements with brackets left open. Python itself would read on to the end of the file; an editor's half-typed line
 * is better read as ending where the next line starts at the statement's indentation (or less), unless that line
 * starts with a closing bracket; or, for a compound statement's header, where a line ends with `:` and the next is
 * indented more.
 */
export function findUnclosed(src) {
    const out = [];
    // Each open bracket with the indentation of the line that opened it.
    const stack = [];
    let start = 0;
    let indent = 0;
    let codeEnd = 0;
    let continued = false;
    let i = 0;
    let lineIndent = 0;
    let tooDeep = -1;
    /** Ends the statement that started at `start`: one nested too deeply is recorded whole. */
    const endStatement = () => {
        if (tooDeep >= 0)
            out.push({ inner: false, start, codeEnd, bracket: tooDeep, closers: '', header: false, tooDeep });
        tooDeep = -1;
    };
    /** Records the brackets from stack[k] up as never closed. */
    const close = (k) => {
        const closers = stack
            .slice(k)
            .map((b) => closerOf[b.ch])
            .reverse()
            .join('');
        const header = k === 0 && src[codeEnd - 1] === ':' && headerKeywords.test(src.slice(start, Math.min(codeEnd, start + 40)));
        // Inside a statement, the closers of `a(b, c(d,` belong before the comma that separates `c(d)` from what follows.
        let at = k > 0 && src[codeEnd - 1] === ',' ? codeEnd - 1 : codeEnd;
        // A function header's parameters close before its return annotation: `def f(x -> int:`.
        const arrow = header ? src.lastIndexOf('->', codeEnd) : -1;
        if (arrow > stack[k].at)
            at = arrow;
        if (tooDeep < 0 || k > 0)
            out.push({ inner: k > 0, start, codeEnd: at, bracket: stack[k].at, closers, header });
        stack.length = k;
    };
    // A compound statement's header ended the previous line, and this line (indented more) starts its body.
    const endsHeader = () => src[codeEnd - 1] === ':' && headerKeywords.test(src.slice(start, Math.min(codeEnd, start + 40)));
    /** A new line inside brackets: those its indentation shows were left open. */
    const atLine = (col, first) => {
        if (')]}'.includes(first)) {
            // A closer at the start of a line closes the bracket opened on a line of the same indentation.
            let k = stack.length - 1;
            while (k >= 0 && !(stack[k].indent === col && closerOf[stack[k].ch] === first))
                k--;
            if (k >= 0 && k < stack.length - 1)
                close(k + 1);
            return;
        }
        if (col > indent && endsHeader())
            return close(0);
        // A bracket's contents are indented more than the line that opened it.
        let k = stack.length;
        while (k > 0 && stack[k - 1].indent >= col)
            k--;
        if (k < stack.length)
            close(k);
    };
    while (i < src.length) {
        // At the start of a physical line: measure its indentation.
        let col = 0;
        let j = i;
        for (; j < src.length && isSpace(src[j]); j++)
            col = src[j] === '\t' ? col + 8 - (col % 8) : col + 1;
        const first = src[j];
        const blank = first === undefined || first === '\n' || first === '\r' || first === '#';
        if (!blank && !continued) {
            if (stack.length)
                atLine(col, first);
            if (!stack.length) {
                endStatement();
                start = j;
                indent = col;
            }
        }
        if (!blank)
            lineIndent = col;
        continued = false;
        // The rest of the line.
        i = j;
        while (i < src.length && src[i] !== '\n') {
            const c = src[i];
            if (c === '#') {
                while (i < src.length && src[i] !== '\n')
                    i++;
                break;
            }
            if (c === '"' || c === "'") {
                i = skipString(src, i);
                codeEnd = i;
                continue;
            }
            if (c === '\\' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
                continued = true;
                i++;
                continue;
            }
            if (c === '(' || c === '[' || c === '{') {
                stack.push({ ch: c, at: i, indent: lineIndent });
                if (stack.length > MAX_BRACKET_DEPTH && tooDeep < 0)
                    tooDeep = i;
            }
            else if (c === ')' || c === ']' || c === '}') {
                let k = stack.length - 1;
                while (k >= 0 && closerOf[stack[k].ch] !== c)
                    k--;
                if (k >= 0)
                    stack.length = k; // brackets above a matching one were never closed; an unmatched closer is left to the parser
            }
            if (!isSpace(c) && c !== '\r')
                codeEnd = i + 1;
            i++;
        }
        i++;
    }
    if (stack.length)
        close(0);
    endStatement();
    return out;
}
