// Merge layers over a list of inputs: concatenate (a copy) and element-wise add/multiply/average/maximum/minimum with TF.js broadcasting.
import { term } from '../../cost/terms';
import { rates } from '../../cost/rates';
import { dimAdd, dimEq } from '../../sym/dim';
import { TfError } from '../context';
import { tfShape } from '../shapes';
function checkCount(inputs) {
    if (inputs.length < 2)
        throw new TfError(`A merge layer should be called on an Array of at least 2 inputs. Got ${inputs.length} input(s).`);
}
export const concatenate = {
    className: 'Concatenate',
    multi: true,
    compute(cfg, inputs) {
        checkCount(inputs);
        const rank = inputs[0].length;
        const axisCfg = cfg.num('axis', -1);
        const axis = axisCfg < 0 ? rank + axisCfg : axisCfg;
        const bad = () => new TfError(`A \`Concatenate\` layer requires inputs with matching shapes except for the concat axis. Got input shapes: ${'[' + inputs.map(tfShape).join(',') + ']'}`);
        if (inputs.some((s) => s.length !== rank) || axis < 0 || axis >= rank)
            throw bad();
        for (const s of inputs)
            for (let i = 1; i < rank; i++)
                if (i !== axis && typeof s[i] === 'number' && typeof inputs[0][i] === 'number' && !dimEq(s[i], inputs[0][i]))
                    throw bad();
        const out = [...inputs[0]];
        out[axis] = inputs.slice(1).reduce((a, s) => dimAdd(a, s[axis]), inputs[0][axis]);
        return {
            shape: out,
            weights: [],
            cost: { macs: [], flops: [], bwd: [], saved: [], rule: 'Concatenate: a copy, 0 FLOPs' },
        };
    },
};
/** TF.js Merge.computeElementwiseOpOutputShape: right-aligned broadcasting of non-batch dims. */
function broadcast(a, b) {
    const out = [];
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const x = a[a.length - n + i], y = b[b.length - n + i];
        if (x === undefined) {
            out.push(y);
            continue;
        }
        if (y === undefined) {
            out.push(x);
            continue;
        }
        if (x === 1)
            out.push(y);
        else if (y === 1)
            out.push(x);
        else if (typeof x === 'number' && typeof y === 'number' && x !== y)
            throw new TfError(`Operands could not be broadcast together with shapes ${tfShape(a)} ${tfShape(b)}`);
        else
            out.push(typeof x === 'number' ? x : y);
    }
    return out;
}
function elementwise(className, rateKey) {
    return {
        className,
        multi: true,
        compute(_cfg, inputs) {
            checkCount(inputs);
            const tail = inputs.map((s) => s.slice(1)).reduce((a, b) => broadcast(a, b));
            const out = [inputs[0][0], ...tail];
            const r = rates[rateKey] ?? rates.default;
            return {
                shape: out,
                weights: [],
                cost: {
                    macs: [],
                    flops: [term(inputs.length - 1, ...out)],
                    bwd: [],
                    saved: [],
                    rule: `${className}: (inputs − 1)·N, ${r.rule}`,
                },
            };
        },
    };
}
export const add = elementwise('Add', 'add');
export const multiply = elementwise('Multiply', 'mul');
export const average = elementwise('Average', 'add');
export const maximum = elementwise('Maximum', 'compare');
export const minimum = elementwise('Minimum', 'compare');
