import { dimStr } from '../sym/dim';
/** A tensor's shape as data; null when its rank is unknown. */
export function shapeDims(t) {
    if (!t?.shape)
        return null;
    return t.shape.map((d) => (typeof d === 'number' ? d : dimStr(d)));
}
