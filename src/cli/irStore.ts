// A disk cache of lowered Python IR for the CLI (in the OS temp folder, keyed by the file's text), so repeated runs skip parsing.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IrStore } from '../core/api/options';
import { IR_VERSION } from '../core';
import { cacheDir } from './cacheDir';

/** Undefined when caching is off (FLOPSCOPE_NO_CACHE) or the cache folder is unusable. */
export function diskIrStore(version: string): IrStore | undefined {
  const dir = cacheDir(`ir-${version}-v${IR_VERSION}`);
  if (!dir) return undefined;
  const file = (text: string) => join(dir, createHash('sha1').update(text).digest('hex') + '.json');
  return {
    load(_path, text) {
      try {
        return JSON.parse(readFileSync(file(text), 'utf8'));
      } catch {
        return undefined;
      }
    },
    save(_path, text, ir) {
      try {
        const target = file(text);
        const tmp = `${target}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(ir));
        renameSync(tmp, target);
      } catch {
        // A cache that cannot be written only costs speed.
      }
    },
  };
}
