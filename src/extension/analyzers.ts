// Picks the analyzer for a document: core's Python analyze() (bundled), or the TS/JS one loaded once on first use.
import type * as vscode from 'vscode';
import { analyze, Engine, languageOf } from '../core';
import type { Analyzer, Platform } from './platform';

export class Analyzers {
  private tsjs?: Promise<Analyzer>;
  /** The engine of analyses on the host's thread (the web host; the desktop's fallback when no worker starts). */
  private readonly engine = new Engine();

  constructor(
    private readonly platform: Platform,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** Rejects when the TS/JS bundle cannot be loaded; the next call tries again. */
  async for(languageId: string): Promise<Analyzer> {
    if (languageOf(languageId) === 'python') return (source, options) => analyze(source, options, this.engine);
    this.tsjs ??= this.platform.loadTsJs(this.extensionUri);
    try {
      return await this.tsjs;
    } catch (error) {
      this.tsjs = undefined;
      throw error;
    }
  }
}
