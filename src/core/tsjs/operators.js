// JS binary and unary operators over known numbers/strings/booleans; anything involving an unknown stays unknown.
import { Closure, NativeFn, Unknown } from './values';
import { checkSequence } from '../sym/limits';
const isPrim = (v) => v === null || v === undefined || typeof v !== 'object';
export function binary(op, a, b) {
    if (op === '===' || op === '!==') {
        if (a instanceof Unknown || b instanceof Unknown)
            return new Unknown('comparison');
        return op === '===' ? a === b : a !== b;
    }
    if (!isPrim(a) || !isPrim(b)) {
        if (op === '+' && Array.isArray(a) && typeof b === 'string')
            return new Unknown('array + string');
        return new Unknown(`operator ${op}`);
    }
    const x = a, y = b;
    switch (op) {
        case '+':
            if (typeof a === 'string' || typeof b === 'string')
                checkSequence(String(a).length + String(b).length, 'string');
            return x + y;
        case '-':
            return x - y;
        case '*':
            return x * y;
        case '/':
            return x / y;
        case '%':
            return x % y;
        case '**':
            return x ** y;
        case '<':
            return x < y;
        case '>':
            return x > y;
        case '<=':
            return x <= y;
        case '>=':
            return x >= y;
        case '==':
            return a == b;
        case '!=':
            return a != b;
        case '&':
            return x & y;
        case '|':
            return x | y;
        case '^':
            return x ^ y;
        case '<<':
            return x << y;
        case '>>':
            return x >> y;
        case '>>>':
            return x >>> y;
        default:
            return new Unknown(`operator ${op}`);
    }
}
export function unary(op, a) {
    if (op === 'void')
        return undefined;
    if (a instanceof Unknown)
        return a;
    if (op === 'typeof')
        return Array.isArray(a) || a === null
            ? 'object'
            : a instanceof Closure || a instanceof NativeFn
                ? 'function'
                : typeof a;
    if (!isPrim(a))
        return op === '!' ? false : new Unknown(`operator ${op}`);
    switch (op) {
        case '-':
            return -a;
        case '+':
            return +a;
        case '!':
            return !a;
        case '~':
            return ~a;
        default:
            return new Unknown(`operator ${op}`);
    }
}
