// The analyzed file's project root: the folder the CLI may read sibling and imported files from.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Files that mark a project's top folder. */
const markers = ['pyproject.toml', 'setup.py', 'setup.cfg', '.git', 'package.json'];

/**
 * The nearest ancestor of `file` holding a project marker (pyproject.toml, setup.py, .git, package.json), else the
 * file's folder; widened to the folder of the top Python package when the file sits in a package whose top is higher
 * (`torchvision/models/resnet.py` imports `..ops`: the root is `torchvision/`).
 */
export function projectRoot(file: string): string {
  const folder = dirname(file);
  let marked: string | undefined;
  for (let d = folder; ; d = dirname(d)) {
    if (markers.some((m) => existsSync(join(d, m)))) {
      marked = d;
      break;
    }
    if (dirname(d) === d) break;
  }
  let top = folder;
  while (existsSync(join(top, '__init__.py')) && dirname(top) !== top) top = dirname(top);
  // `top` is now the first folder above the package chain; the package's own folder is the one below it.
  const pkg = top === folder ? folder : childOn(top, folder);
  const root = marked ?? folder;
  return pkg.length < root.length ? pkg : root;
}

/** The child of `ancestor` on the way down to `descendant`. */
function childOn(ancestor: string, descendant: string): string {
  let d = descendant;
  while (dirname(d) !== ancestor && dirname(d) !== d) d = dirname(d);
  return d;
}
