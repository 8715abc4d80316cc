// The CLI's cache folder: one per user in the OS temp folder, private (0700) and checked before anything is read from it.
import { mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `<tmp>/flopscope-<uid>/<name>`, created if needed; undefined when caching is off or the folder is not ours alone. */
export function cacheDir(name: string): string | undefined {
  if (process.env.FLOPSCOPE_NO_CACHE) return undefined;
  const uid = process.getuid?.();
  const root = join(tmpdir(), `flopscope-${uid ?? 'user'}`);
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    const st = statSync(root);
    // Another user's folder (or one others can write) could hold planted files: never read from it.
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) return undefined;
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  } catch {
    return undefined;
  }
}
