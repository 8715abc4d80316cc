// The extension's log channel; errors are logged and surfaced once, never thrown into the host.
import * as vscode from 'vscode';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('flopscope', { log: true });
  private readonly shown = new Set<string>();

  info(message: string): void {
    this.channel.info(message);
  }

  /** Logs `error` and shows a notification the first time this message appears. */
  error(context: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.channel.error(`${context}: ${error instanceof Error && error.stack ? error.stack : message}`);
    const key = `${context}: ${message}`;
    if (this.shown.has(key)) return;
    this.shown.add(key);
    void vscode.window.showErrorMessage(`flopscope: ${key}`, 'Show Log').then((choice) => {
      if (choice) this.channel.show(true);
    });
  }

  dispose(): void {
    this.channel.dispose();
  }
}
