import { backwardFlops, forwardFlops } from './conventions';
export const zeroCounts = { macs: 0n, flops: 0n, backwardFlops: 0n };
export function costCounts(s, dims, conv) {
    if (s.isSafe()) {
        const m = s.safeMacs, e = s.safeFlops, b = s.safeBwd;
        // The same formulas as conventions.ts, in numbers: exact while every value stays below 2^53.
        const fwd = conv === 'macs' ? m : conv === 'matmul2x' ? 2 * m : 2 * m + e;
        const bwd = conv === 'macs' ? 2 * m : conv === 'matmul2x' ? 4 * m : 4 * m + b;
        if (Number.isSafeInteger(fwd) && Number.isSafeInteger(bwd))
            return { macs: BigInt(m), flops: BigInt(fwd), backwardFlops: BigInt(bwd) };
    }
    const x = s.sums();
    const n = { macs: dims.sum(x.macs), extra: dims.sum(x.flops), bwdExtra: dims.sum(x.bwd) };
    return { macs: n.macs, flops: forwardFlops(conv, n), backwardFlops: backwardFlops(conv, n) };
}
