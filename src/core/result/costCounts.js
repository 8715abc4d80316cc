import { conventionRules } from '../api/options';
import { backwardFlops, forwardFlops } from './conventions';
export const zeroCounts = { macs: 0n, flops: 0n, backwardFlops: 0n, backwardMacs: 0n };
export function costCounts(s, dims, conv) {
    if (s.isSafe()) {
        const m = s.safeMacs, e = s.safeFlops, b = s.safeBwd, bm = s.safeBwdMacs;
        // The same rules as conventions.ts, in numbers: exact while every value stays below 2^53.
        const r = conventionRules[conv];
        const fwd = r.perMac * m + (r.elementwise ? e : 0);
        const bwd = r.perMac * bm + (r.elementwise ? b : 0);
        if (Number.isSafeInteger(fwd) && Number.isSafeInteger(bwd))
            return { macs: BigInt(m), flops: BigInt(fwd), backwardFlops: BigInt(bwd), backwardMacs: BigInt(bm) };
    }
    const x = s.sums();
    const n = {
        macs: dims.sum(x.macs),
        extra: dims.sum(x.flops),
        bwdExtra: dims.sum(x.bwd),
        bwdMacs: dims.sum(x.bwdMacs),
    };
    return {
        macs: n.macs,
        flops: forwardFlops(conv, n),
        backwardFlops: backwardFlops(conv, n),
        backwardMacs: n.bwdMacs,
    };
}
