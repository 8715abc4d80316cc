// The only importer of the Python parser: parses source text and lowers it to the IR.
import { parser } from '@lezer/python';
import type { Module } from './ir';
import { children } from './cursor';
import { StmtLowerer } from './lowerStmt';

export function parsePython(source: string): Module {
  const tree = parser.parse(source);
  const lowerer = new StmtLowerer(source);
  const body = lowerer.block(children(tree.topNode));
  return { body, syntaxErrors: lowerer.syntaxErrors };
}
