// A disk cache of lowered Python IR for the CLI (in the OS temp folder, keyed by the file's text), so repeated runs skip parsing.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { IrStore } from '../core/api/options';
import { IR_VERSION, isIrModule } from '../core';
import { cacheDir, cacheRoot, writeAtomic } from './cacheDir';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * An entry is one header line (producing version, hash of the source text, hash of the IR text) and the IR as JSON.
 * It is used only when the version and both hashes match and the IR passes the schema check for that text; anything
 * else is ignored (and rewritten by the next save).
 */
export function diskIrStore(version: string): IrStore | undefined {
  const name = `ir-${version}-v${IR_VERSION}`;
  const root = cacheRoot();
  const fresh = root !== undefined && !existsSync(join(root, name));
  const dir = cacheDir(name, root);
  if (!dir) return undefined;
  if (fresh) pruneOthers(root!, name);
  const file = (textHash: string) => join(dir, `${textHash}.ir`);
  return {
    load(_path, text) {
      try {
        const textHash = sha256(text);
        const raw = readFileSync(file(textHash), 'utf8');
        const nl = raw.indexOf('\n');
        if (nl < 0) return undefined;
        const header = JSON.parse(raw.slice(0, nl)) as Record<string, unknown>;
        const body = raw.slice(nl + 1);
        if (header.version !== version || header.ir !== IR_VERSION || header.text !== textHash) return undefined;
        if (header.digest !== sha256(body)) return undefined;
        const ir: unknown = JSON.parse(body);
        return isIrModule(ir, text.length) ? ir : undefined;
      } catch {
        return undefined;
      }
    },
    save(_path, text, ir) {
      const textHash = sha256(text);
      const body = JSON.stringify(ir);
      const header = JSON.stringify({ version, ir: IR_VERSION, text: textHash, digest: sha256(body) });
      writeAtomic(file(textHash), `${header}\n${body}`);
    },
  };
}

/** A new build's folder: the IR of other builds is stale, remove it (best effort). */
function pruneOthers(root: string, name: string): void {
  try {
    for (const f of readdirSync(root))
      if (f.startsWith('ir-') && f !== name) rmSync(join(root, f), { recursive: true, force: true });
  } catch {
    // Only disk space.
  }
}
