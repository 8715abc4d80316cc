// `flopscope ops`: the supported ops and layers, read from the engine's own registry (the README's list is generated from it).
import { supportedOps } from '../core';

export function renderOpsList(format: 'text' | 'markdown'): string {
  const s = supportedOps();
  const groups: [string, string[]][] = [
    ['torch.nn layers', s.layers],
    ['torch.* functions', s.torchFunctions],
    ['torch.linalg', s.linalg],
    ['torch.nn.functional', s.functional],
    ['Tensor methods', s.tensorMethods],
    ['torch.fft', s.fft],
  ];
  if (format === 'markdown') {
    return (
      groups
        .map(([title, names]) => `**${title}** (${names.length}): ${names.map((n) => `\`${n}\``).join(', ')}`)
        .join('\n\n') + '\n'
    );
  }
  return groups.map(([title, names]) => `${title} (${names.length}):\n  ${names.join(', ')}`).join('\n\n') + '\n';
}
