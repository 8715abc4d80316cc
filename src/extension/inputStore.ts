// Per-file entry and input shapes, remembered in workspaceState and announced on change.
import * as vscode from 'vscode';
import type { FileInputs } from '../protocol/inputs';

export class InputStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly state: vscode.Memento) {}

  private key(uri: vscode.Uri): string {
    return `flopscope.inputs:${uri.toString()}`;
  }

  get(uri: vscode.Uri): FileInputs | undefined {
    return this.state.get<FileInputs>(this.key(uri));
  }

  async set(uri: vscode.Uri, value: FileInputs | undefined): Promise<void> {
    await this.state.update(this.key(uri), value);
    this.emitter.fire(uri);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
