// Hover over a costed line: shapes, dtype, MACs, FLOPs fwd/bwd/train, formulas and rules, memory, params, calls, share.
import * as vscode from 'vscode';
import type { AnalysisResult, LineCost, OpRecord } from '../core/api/result';
import {
  flopUnit,
  formatBytesExact,
  formatCount,
  formatCountExact,
  formatExact,
  formatShare,
} from '../protocol/format';
import { isPartial, partialText } from '../protocol/partial';
import { selector, type Deps } from './deps';
import { toLine } from './typeConverters';
import { lineShapes } from '../protocol/shapeText';
import { librarySources, shortPath } from '../protocol/librarySources';
import { classSummary, type ClassSummary } from '../protocol/classSummary';

function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  return `${ticks}${text}${ticks}`;
}

/** Escapes Markdown punctuation in plain text (rules, messages) so `a*b` stays literal. */
function plain(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

/** One op: its formula for one call; `× N calls` only where the op ran a different number of times than its line. */
function opLine(op: OpRecord, lineCalls: number): string {
  const perCall = op.calls > 0 ? op.flops / BigInt(op.calls) : op.flops;
  const value = `${formatExact(perCall)} FLOPs${perCall >= 1000n ? ` (${formatCount(perCall)})` : ''}`;
  const formula = op.formula && op.formula !== perCall.toString() ? `${op.formula} = ${value}` : value;
  const symbolic = op.symbolicFormula ? ` (symbolic ${code(op.symbolicFormula)})` : '';
  const calls = op.calls > 1 && op.calls !== lineCalls ? ` × ${op.calls} calls` : '';
  const unknown = op.known ? '' : ' — *unknown op, not counted*';
  // What autograd keeps for this op's backward (storages not already kept by an earlier op).
  const saves = op.savedBytes > 0n ? ` · saves ${formatBytesExact(op.savedBytes)} for backward` : '';
  return `- ${code(op.op)} → ${code(op.shape)} ${op.dtype}: ${code(formula)}${symbolic}${calls}${unknown}${saves}  \n  rule: ${plain(op.rule || 'n/a')}`;
}

/** The one sentence that says how a line run several times is counted (said once, not per op). */
export function multiCallRule(calls: number): string {
  return `*Runs ${calls} times: each formula is for one call; the figures below sum all ${calls} calls.*`;
}

/** The hover text for one line, as Markdown (code-derived text always inside code spans). */
export function hoverMarkdown(line: LineCost, result: AnalysisResult): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  const shapes = line.shapes.length
    ? `→ ${lineShapes(line).map(code).join(', ')} ${[...new Set(line.dtypes)].join(', ')}`
    : '';
  md.appendMarkdown(`**flopscope** · line ${line.line}${shapes ? `: ${shapes}` : ''}\n\n`);
  if (line.calls > 1) md.appendMarkdown(`${multiCallRule(line.calls)}\n\n`);
  if (line.ops.length)
    md.appendMarkdown(
      line.ops
        .slice(0, 8)
        .map((op) => opLine(op, line.calls))
        .join('\n') +
        (line.ops.length > 8 ? `\n- … ${line.ops.length - 8} more ops` : '') +
        '\n\n',
    );
  const unit = flopUnit(result.convention);
  librarySection(md, line, unit);
  const computes = line.macs > 0n || line.flops > 0n || line.inclusive.flops > 0n || line.activationBytes > 0n;
  const rows: [string, string][] = computes
    ? [
        ['MACs', formatCountExact(line.macs, 'MACs')],
        [`${unit} forward`, formatCountExact(line.flops, unit)],
        [`${unit} backward`, formatCountExact(line.backwardFlops, unit)],
        [`${unit} training (fwd + bwd)`, formatCountExact(line.flops + line.backwardFlops, unit)],
        ['Activations', formatBytesExact(line.activationBytes)],
        ['Saved for backward', formatBytesExact(line.ops.reduce((a, o) => a + o.savedBytes, 0n))],
        ['Backward MACs', formatCountExact(line.backwardMacs, 'MACs')],
      ]
    : [];
  if (line.params > 0n)
    rows.push(['Params created', `${formatExact(line.params)} (${formatBytesExact(line.paramBytes)})`]);
  if (line.valueParams !== undefined && line.valueParams !== line.params)
    rows.push(['Params of the module bound here', formatExact(line.valueParams)]);
  rows.push(['Calls', String(line.calls)]);
  if (computes) rows.push([`Share of forward ${unit}`, formatShare(line.flops, result.totals.flops)]);
  if (line.inclusive.flops !== line.flops)
    rows.push([`Inclusive ${unit} (callees)`, formatCountExact(line.inclusive.flops, unit)]);
  md.appendMarkdown('| | |\n|---|---:|\n' + rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n') + '\n\n');
  if (line.formula && line.ops.length !== 1)
    md.appendMarkdown(`Line formula: ${code(`${line.formula} = ${formatCount(line.flops, unit)}`)}\n\n`);
  md.appendMarkdown(`*${plain(result.convention)} convention · ${plain(result.precision)}*`);
  const here = result.coverage.unknown.filter((u) => u.line === line.line);
  if (here.length)
    md.appendMarkdown(
      `\n\n⚠ not costed on this line: ${here.map((u) => code(u.name)).join(', ')}; its figures are lower bounds`,
    );
  partialNote(md, result);
  return md;
}

/** A line that calls into a library: the library places its cost came from, each a link that opens the file there. */
function librarySection(md: vscode.MarkdownString, line: LineCost, unit: string): void {
  const sources = librarySources(line);
  if (sources.length === 0) return;
  const items = sources.map((s) => {
    const uri = vscode.Uri.file(s.file).with({ fragment: `L${s.line}` });
    const share = line.flops > 0n ? ` (${formatShare(s.flops, line.flops)})` : '';
    return `- [${plain(shortPath(s.file))}:${s.line}](${uri.toString()}) — ${formatCount(s.flops, unit)}${share}`;
  });
  md.appendMarkdown(`From library code:\n${items.join('\n')}\n\n`);
}

/** The partial mark of hover totals: shares and totals are lower bounds when some code was not costed. */
function partialNote(md: vscode.MarkdownString, result: AnalysisResult): void {
  if (isPartial(result)) md.appendMarkdown(`\n\n⚠ ${plain(partialText(result))}: totals and shares are lower bounds`);
}

/** The hover on `class X(nn.Module):` — every instance of the class in the analyzed model. */
export function classMarkdown(s: ClassSummary, result: AnalysisResult): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  const unit = flopUnit(result.convention);
  md.appendMarkdown(
    `**flopscope** · class ${code(s.className)}: ${s.instances} instance${s.instances === 1 ? '' : 's'} in the model, called ${s.calls} time${s.calls === 1 ? '' : 's'}\n\n`,
  );
  const rows: [string, string][] = [
    ['Params (all instances)', formatCountExact(s.params)],
    ['MACs (inclusive)', formatCountExact(s.macs, 'MACs')],
    [`${unit} forward (inclusive)`, formatCountExact(s.flops, unit)],
    [`Share of forward ${unit}`, formatShare(s.flops, result.totals.flops)],
  ];
  md.appendMarkdown('| | |\n|---|---:|\n' + rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n'));
  partialNote(md, result);
  return md;
}

export function register(deps: Deps): vscode.Disposable {
  return vscode.languages.registerHoverProvider(selector, {
    async provideHover(document, position, token) {
      const result = await deps.cache.get(document);
      if (!result || token.isCancellationRequested) return undefined;
      const line = result.lines.find((l) => l.line === toLine(position));
      const text = document.lineAt(position.line);
      if (!line) {
        const cls = /^\s*class\s+([A-Za-z_]\w*)/.exec(text.text)?.[1];
        const summary = cls ? classSummary(result, cls) : undefined;
        return summary ? new vscode.Hover(classMarkdown(summary, result), text.range) : undefined;
      }
      return new vscode.Hover(hoverMarkdown(line, result), text.range);
    },
  });
}
