// Picks the analyzer for a document: core's Python analyze() (bundled), or the TS/JS one loaded once on first use.
import type * as vscode from 'vscode';
import { analyze, languageOf } from '../core';
import type { Analyzer, Platform } from './platform';

export class Analyzers {
  private tsjs?: Promise<Analyzer>;

  constructor(
    private readonly platform: Platform,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** Rejects when the TS/JS bundle cannot be loaded; the next call tries again. */
  async for(languageId: string): Promise<Analyzer> {
    if (languageOf(languageId) === 'python') return analyze;
    this.tsjs ??= this.platform.loadTsJs(this.extensionUri);
    try {
      return await this.tsjs;
    } catch (error) {
      this.tsjs = undefined;
      throw error;
    }
  }
}
