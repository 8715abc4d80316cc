// printf-style string formatting ('denseblock%d' % (i + 1)) for plain numbers and strings.
import { PyFloat, PyTuple } from './values';
function pyFloatStr(x) {
    return Number.isInteger(x) ? x.toFixed(1) : String(x);
}
/** One conversion; undefined when the value is not a plain number, bool or string. */
function convert(spec, v) {
    const conv = spec[spec.length - 1];
    const prec = /\.(\d+)/.exec(spec)?.[1];
    const width = /^[-0]?(\d+)/.exec(spec.slice(1))?.[1];
    const num = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof PyFloat ? v.v : undefined;
    let out;
    if (conv === 's' || conv === 'r')
        out =
            typeof v === 'string'
                ? conv === 'r'
                    ? `'${v}'`
                    : v
                : typeof v === 'boolean'
                    ? v
                        ? 'True'
                        : 'False'
                    : v instanceof PyFloat
                        ? pyFloatStr(v.v)
                        : typeof v === 'number'
                            ? String(v)
                            : undefined;
    else if (num === undefined)
        return undefined;
    else if (conv === 'd' || conv === 'i')
        out = String(Math.trunc(num));
    else if (conv === 'f' || conv === 'F')
        out = num.toFixed(prec === undefined ? 6 : +prec);
    else if (conv === 'x')
        out = Math.trunc(num).toString(16);
    if (out === undefined)
        return undefined;
    if (width && out.length < +width)
        out = spec.includes('-') ? out.padEnd(+width) : out.padStart(+width, spec[1] === '0' ? '0' : ' ');
    return out;
}
/** `fmt % args`, or undefined when a conversion or argument is beyond this subset. */
export function percentFormat(fmt, args) {
    const items = args instanceof PyTuple ? args.items : [args];
    let i = 0, bad = false;
    const out = fmt.replace(/%(%|[-0]?\d*(?:\.\d+)?[sdifFrx])/g, (m, spec) => {
        if (spec === '%')
            return '%';
        const s = i < items.length ? convert(m, items[i++]) : undefined;
        if (s === undefined)
            bad = true;
        return s ?? '';
    });
    return bad || i !== items.length ? undefined : out;
}
