// The input-shapes box shared by Set Entry and the entry code lens: validated as typed, parsed once on accept.
import * as vscode from 'vscode';
import type { InputOption } from '../core/api/options';
import { formatInputs, parseInputs, type FileInputs } from '../protocol/inputs';

/** Asks for input shapes (`[1, 3, 224, 224] float32; ...`); undefined when dismissed. */
export async function askInputs(
  title: string,
  prompt: string,
  placeHolder: string,
  stored: FileInputs | undefined,
): Promise<InputOption[] | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt,
    value: stored ? formatInputs(stored.inputs) : '',
    placeHolder,
    validateInput: (value) => {
      const parsed = parseInputs(value);
      return typeof parsed === 'string' ? parsed : undefined;
    },
  });
  if (text === undefined) return undefined;
  const inputs = parseInputs(text);
  return typeof inputs === 'string' ? undefined : inputs;
}
