// Reads sibling files for imports from the real file system (core receives it as an injected reader).
import { readFileSync } from 'node:fs';
import type { FileReader } from '../core/api/options';

export function fileReader(): FileReader {
  return (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
}
