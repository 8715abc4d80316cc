// Reads source files for the CLI, sandboxed: only regular files under allowed roots, no devices, FIFOs or escapes, capped in size.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { FileReader } from '../core/api/options';

/** The largest file read (the analyzed one or an import): model files are 10-500 KB. */
export const maxFileBytes = 16 * 1024 * 1024;

const openErrors: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'a folder, not a file',
  ENXIO: 'not a regular file (a device, FIFO or socket)',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
};

/** Why a path cannot be read, or its text. */
export type ReadOutcome = { text: string } | { error: string };

/** True when `path` is `root` or below it (both resolved). */
function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Reads one regular file: opened non-blocking (a FIFO never blocks), checked with fstat on the open descriptor (no
 * device, socket or FIFO, at most `maxFileBytes`), decoded as UTF-8.
 */
export function readRegularFile(path: string, maxBytes = maxFileBytes): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: openErrors[code ?? ''] ?? `cannot open (${code})` };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { error: 'a folder, not a file' };
    if (!st.isFile()) return { error: 'not a regular file (a device, FIFO or socket)' };
    if (st.size > maxBytes) return { error: `too large (${st.size} bytes; the limit is ${maxBytes})` };
    const buffer = Buffer.alloc(st.size);
    let read = 0;
    while (read < st.size) {
      const n = readSync(fd, buffer, read, st.size - read, read);
      if (n === 0) break;
      read += n;
    }
    const text = buffer.toString('utf8', 0, read);
    // A UTF-8 byte order mark is not part of the program (Python and TypeScript both skip it).
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? 'unreadable' };
  } finally {
    closeSync(fd);
  }
}

/** The allow-list of folders imports may be read from; `add` takes extra roots (e.g. configured import paths). */
export class ReadRoots {
  /** Each root as given (resolved) and through its symlinks. */
  private readonly roots: { given: string; real: string }[] = [];

  constructor(roots: readonly string[] = []) {
    for (const r of roots) this.add(r);
  }

  /** Adds a folder (resolved through its symlinks); a folder that does not exist is ignored. */
  add(root: string): void {
    try {
      const given = resolve(root);
      this.roots.push({ given, real: realpathSync(given) });
    } catch {
      // Nothing to read there.
    }
  }

  /**
   * The real path of `path` when it lies under a root both as written (`..` resolved; nothing outside is even looked
   * at) and after following symlinks (a link cannot lead out); undefined otherwise.
   */
  allowed(path: string): string | undefined {
    if (!isAbsolute(path)) return undefined;
    const lexical = resolve(path);
    if (!this.roots.some((r) => within(r.given, lexical) || within(r.real, lexical))) return undefined;
    let real: string;
    try {
      real = realpathSync(lexical);
    } catch {
      return undefined;
    }
    return this.roots.some((r) => within(r.real, real)) ? real : undefined;
  }

  list(): readonly string[] {
    return this.roots.map((r) => r.given);
  }
}

/** The injected reader for core's imports: files outside the roots, irregular files and oversized files read as absent. */
export function fileReader(roots: ReadRoots): FileReader {
  return (path) => {
    const real = roots.allowed(path);
    if (real === undefined) return undefined;
    const out = readRegularFile(real);
    return 'text' in out ? out.text : undefined;
  };
}
