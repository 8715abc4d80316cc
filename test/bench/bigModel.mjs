// Generates a realistic ~1,000-line PyTorch model file (many blocks, helpers, configs) for the re-analysis benchmark.
export function bigModelFile() {
  const parts = [
    'import math',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    '',
    'hidden = 256',
    '',
  ];
  for (let i = 0; i < 40; i++) {
    parts.push(
      `class Block${i}(nn.Module):`,
      `    """Residual block ${i}: conv, norm, activation, and a small MLP."""`,
      '',
      '    def __init__(self, channels=hidden, expansion=2):',
      '        super().__init__()',
      '        inner = channels * expansion',
      '        self.conv1 = nn.Conv2d(channels, inner, kernel_size=3, padding=1, bias=False)',
      '        self.bn1 = nn.BatchNorm2d(inner)',
      '        self.conv2 = nn.Conv2d(inner, channels, kernel_size=1, bias=False)',
      '        self.bn2 = nn.BatchNorm2d(channels)',
      '        self.fc1 = nn.Linear(channels, channels // 4)',
      '        self.fc2 = nn.Linear(channels // 4, channels)',
      '',
      '    def forward(self, x):',
      '        identity = x',
      '        out = F.relu(self.bn1(self.conv1(x)))',
      '        out = self.bn2(self.conv2(out))',
      '        scale = out.mean(dim=(2, 3))',
      '        scale = torch.sigmoid(self.fc2(F.relu(self.fc1(scale))))',
      '        out = out * scale[:, :, None, None]',
      '        return F.relu(out + identity)',
      '',
      '',
    );
  }
  parts.push(
    'class BigNet(nn.Module):',
    '    def __init__(self, num_classes=1000):',
    '        super().__init__()',
    '        self.stem = nn.Conv2d(3, hidden, kernel_size=3, stride=2, padding=1)',
  );
  parts.push(`        self.blocks = nn.Sequential(${Array.from({ length: 40 }, (_, i) => `Block${i}()`).join(', ')})`);
  parts.push(
    '        self.head = nn.Linear(hidden, num_classes)',
    '',
    '    def forward(self, x):',
    '        x = self.blocks(F.relu(self.stem(x)))',
    '        return self.head(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))',
    '',
    '',
  );
  parts.push(
    'if __name__ == "__main__":',
    '    model = BigNet()',
    '    images = torch.randn(8, 3, 64, 64)',
    '    logits = model(images)',
  );
  return parts.join('\n') + '\n';
}
