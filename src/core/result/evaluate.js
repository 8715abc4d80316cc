import { symbolValue } from '../sym/derived';
import { dimStr } from '../sym/dim';
export class DimValues {
    values;
    used = new Set();
    constructor(values) {
        this.values = values;
    }
    poly(p) {
        return p.evaluate(this.value);
    }
    sum(s) {
        return s.evaluate(this.value);
    }
    value = (s) => {
        this.used.add(s);
        return symbolValue(s, this.values);
    };
    dim(d) {
        return typeof d === 'number' ? String(d) : this.poly(d.p).toString();
    }
    /** `dim` as a callback. */
    show = (d) => this.dim(d);
    /** A dim as written (symbolic), for formulas. */
    static symbolic(d) {
        return dimStr(d);
    }
}
