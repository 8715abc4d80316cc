// The typed message protocol between the extension host and the sidebar webview (JSON only, ready handshake).
import type { ViewModel } from './viewModel';

/** Host -> webview. The host sends nothing before the webview's `ready`. */
export type HostMessage =
  | { readonly type: 'update'; readonly model: ViewModel }
  | { readonly type: 'empty'; readonly reason: string }
  | { readonly type: 'inputError'; readonly message: string };

/** Webview -> host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly line: number }
  | { readonly type: 'setInputs'; readonly entry: string; readonly inputs: string; readonly dims: string }
  | {
      readonly type: 'runCommand';
      readonly command:
        'flopscope.showReport' | 'flopscope.exportReport' | 'flopscope.toggleAnnotations' | 'flopscope.pickEntry';
    };

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return true;
    case 'reveal':
      return typeof m.line === 'number';
    case 'setInputs':
      return typeof m.entry === 'string' && typeof m.inputs === 'string' && typeof m.dims === 'string';
    case 'runCommand':
      return (
        m.command === 'flopscope.showReport' ||
        m.command === 'flopscope.exportReport' ||
        m.command === 'flopscope.toggleAnnotations' ||
        m.command === 'flopscope.pickEntry'
      );
    default:
      return false;
  }
}
