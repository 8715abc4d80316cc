// The CLI's cache folder: one per user in the OS temp folder, private (0700) and checked with lstat before anything is read from it.
import { chmodSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A folder we can trust: a real folder (not a symlink), owned by us, writable by nobody else. One of ours with a loose
 * mode is tightened; anything else (a planted symlink or file, another user's folder) makes caching off.
 */
function privateFolder(path: string, uid: number | undefined): boolean {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  let st = lstatSync(path);
  if (uid !== undefined && st.uid !== uid) return false;
  if (!st.isDirectory()) {
    // Ours but not a folder (a symlink we made, a stray file): replace it.
    rmSync(path, { force: true });
    mkdirSync(path, { mode: 0o700 });
    st = lstatSync(path);
    if (!st.isDirectory()) return false;
  }
  if ((st.mode & 0o077) !== 0) chmodSync(path, 0o700);
  return true;
}

/** `<tmp>/flopscope-<uid>`, created if needed; undefined when caching is off or the folder is not ours alone. */
export function cacheRoot(): string | undefined {
  if (process.env.FLOPSCOPE_NO_CACHE) return undefined;
  const uid = process.getuid?.();
  const root = join(tmpdir(), `flopscope-${uid ?? 'user'}`);
  try {
    return privateFolder(root, uid) ? root : undefined;
  } catch {
    return undefined;
  }
}

/** `<tmp>/flopscope-<uid>/<name>`, created if needed, with the same checks; undefined when unusable. */
export function cacheDir(name: string, root = cacheRoot()): string | undefined {
  if (!root) return undefined;
  const dir = join(root, name);
  try {
    return privateFolder(dir, process.getuid?.()) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a cache file whole or not at all (a temp file, then rename); a cache that cannot be written only costs speed. */
export function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}
