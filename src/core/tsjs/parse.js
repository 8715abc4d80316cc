// The only importer of typescript-estree: parses TS/JS with locations, recovering a prefix of the file after a syntax error.
// It uses the converter directly (TypeScript's createSourceFile + astConverter) because the package's `parse` entry pulls in
// node:fs/node:path (project services, tsconfig lookup); esbuild.mjs stubs those Node modules in the tsjs bundles.
import * as ts from 'typescript';
import { astConverter } from '@typescript-eslint/typescript-estree/use-at-your-own-risk';
function scriptKind(path) {
    if (/\.tsx$/i.test(path))
        return ts.ScriptKind.TSX;
    if (/\.jsx$/i.test(path))
        return ts.ScriptKind.JSX;
    if (/\.[cm]?js$/i.test(path))
        return ts.ScriptKind.JS;
    return ts.ScriptKind.TS;
}
const settings = {
    loc: true,
    range: true,
    tokens: false,
    comment: false,
    errorOnUnknownASTType: false,
    allowInvalidAST: false,
    suppressDeprecatedPropertyWarnings: true,
};
function tryParse(text, path) {
    try {
        const sf = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, scriptKind(path));
        // The converter's settings type is internal; these are the fields it reads.
        const { estree } = astConverter(sf, settings, false);
        return { program: estree };
    }
    catch (e) {
        const err = e;
        return { error: { index: err.index ?? 0, line: err.lineNumber ?? 1, message: String(err.message ?? e) } };
    }
}
/** Start line of the last line before `line` (1-based) that starts at column 0 with code (a likely top-level statement). */
function topLevelCut(lines, line) {
    for (let l = line - 1; l >= 1; l--)
        if (/^[A-Za-z_$@]/.test(lines[l - 1]) && !/^(else|catch|finally)\b/.test(lines[l - 1]))
            return l;
    return 1;
}
/** Parses `source`; on a syntax error, retries on shorter prefixes (cut at line starts) so the code before the error is still analyzed. */
export function parseSource(source, path) {
    const first = tryParse(source, path);
    if (first.program)
        return first;
    const error = first.error;
    const lines = source.split('\n');
    let cutLine = error.line;
    for (let attempt = 0; attempt < 12 && cutLine > 1; attempt++) {
        const r = tryParse(lines.slice(0, cutLine - 1).join('\n'), path);
        if (r.program)
            return { program: r.program, error };
        const bad = Math.min(r.error.line, cutLine - 1);
        const next = attempt < 4 ? bad : topLevelCut(lines, bad);
        cutLine = next >= cutLine ? cutLine - 1 : next;
    }
    return { error };
}
/** Parses a single expression (an entry like `build(tf)`); undefined when it is not one. */
export function parseExpression(text) {
    const r = tryParse(`(${text});`, 'entry.ts');
    const s = r.program?.body[0];
    return s && s.type === 'ExpressionStatement' ? s.expression : undefined;
}
