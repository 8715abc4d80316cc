// Which front end reads a document: one answer for every host, from a VS Code language id or a file name.
export const languages = ['python', 'tsjs'];
const byLanguageId = {
    python: 'python',
    typescript: 'tsjs',
    javascript: 'tsjs',
};
/** The front end of a VS Code language id (`python`, `typescript`, ...) or a path (`model.py`, `x.ipynb`, `net.ts`). */
export function languageOf(idOrPath) {
    if (typeof idOrPath !== 'string')
        return undefined; // a host's malformed document (never throw on a language id)
    if (Object.hasOwn(byLanguageId, idOrPath))
        return byLanguageId[idOrPath];
    if (/\.(py|pyi|ipynb)$/i.test(idOrPath))
        return 'python';
    if (/\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/i.test(idOrPath))
        return 'tsjs';
    return undefined;
}
