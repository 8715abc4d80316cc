// Posix path normalization shared by the extension's file cache and the analysis worker (no Node `path` in a web worker).

/** Resolves `.` and `..` segments of a posix path. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return `/${out.join('/')}`;
}
