// Broadcasting of two shapes, with PyTorch's error wording.
import { dimEq } from '../sym/dim';
export function broadcast(a, b) {
    const n = Math.max(a.length, b.length);
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
        const x = a[a.length - n + i] ?? 1;
        const y = b[b.length - n + i] ?? 1;
        if (x === 1)
            out[i] = y;
        else if (y === 1)
            out[i] = x;
        else if (dimEq(x, y))
            out[i] = x;
        else if (typeof x === 'number' && typeof y === 'number') {
            return {
                error: `The size of tensor a (${x}) must match the size of tensor b (${y}) at non-singleton dimension ${i}`,
            };
        }
        else
            out[i] = typeof x === 'number' ? x : y; // a symbol meets a number: assume they agree
    }
    return { shape: out };
}
