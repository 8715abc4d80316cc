// Reads the `flopscope.*` settings into analysis options and view preferences.
import * as vscode from 'vscode';
import { conventionNamed, conventions, optimizers, precisions, type AnalyzeOptions } from '../core/api/options';
import { clampMemory, clampSteps } from '../protocol/analysisLimits';

import { annotationFields, costFreeModes, type AnnotationField, type CostFreeLines } from '../protocol/annotationText';

export { conventions, precisions };

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/**
 * A restricted setting (package.json's `restrictedConfigurations`): in Restricted Mode a workspace's own value is
 * ignored (VS Code applies that too; this is the same rule in code). Read again when the workspace becomes trusted.
 */
function trustedValue(c: vscode.WorkspaceConfiguration, key: string): unknown {
  if (vscode.workspace.isTrusted) return c.get<unknown>(key);
  const info = c.inspect<unknown>(key);
  return info?.globalValue ?? info?.defaultValue;
}

/** The analysis process's heap cap in MB (desktop), clamped to its bounds. */
export function memoryLimitMb(): number {
  return clampMemory(trustedValue(vscode.workspace.getConfiguration('flopscope.analysis'), 'memoryLimitMb'));
}

/** Settings-derived analysis options (the per-file entry and inputs are merged in by the cache). */
export function analysisOptions(): Partial<AnalyzeOptions> {
  const c = vscode.workspace.getConfiguration('flopscope.analysis');
  const dims: Record<string, number> = {};
  for (const [name, value] of Object.entries(c.get<Record<string, unknown>>('dims') ?? {})) {
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) dims[name] = value;
  }
  return {
    dims,
    convention: conventionNamed(c.get('convention')) ?? 'full', // `seed`: the old name of `full`
    precision: pick(c.get('precision'), precisions, 'fp32'),
    optimizer: pick(c.get('optimizer'), optimizers, 'adam'),
    maxSteps: clampSteps(trustedValue(c, 'maxSteps')),
  };
}

export function analysisDelay(): number {
  return Math.max(0, vscode.workspace.getConfiguration('flopscope.analysis').get<number>('debounceMs') ?? 150);
}

export interface AnnotationConfig {
  readonly enabled: boolean;
  readonly fields: readonly AnnotationField[];
  readonly costFree: CostFreeLines;
}

export function annotationConfig(): AnnotationConfig {
  const c = vscode.workspace.getConfiguration('flopscope.annotations');
  const fields = (c.get<unknown[]>('show') ?? ['shape', 'flops', 'memory', 'params']).filter(
    (f): f is AnnotationField => annotationFields.includes(f as AnnotationField),
  );
  return {
    enabled: c.get<boolean>('enabled') ?? true,
    fields,
    costFree: pick(c.get('costFreeLines'), costFreeModes, 'shape'),
  };
}

/** Where setting changes are written: the workspace when one is open, else the user settings. */
export function settingsTarget(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
}
