"""A small CNN built in a loop with nn.Sequential(*layers), with a deliberate shape error to show diagnostics."""
import torch
import torch.nn as nn


def conv_block(cin, cout):
    return [nn.Conv2d(cin, cout, kernel_size=3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True), nn.MaxPool2d(2)]


class ConvNet(nn.Module):
    def __init__(self, widths=(32, 64, 128), num_classes=10):
        super().__init__()
        layers = []
        cin = 3
        for w in widths:
            layers += conv_block(cin, w)
            cin = w
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(cin, num_classes)

    def forward(self, x):
        x = self.features(x)
        x = torch.flatten(self.pool(x), 1)
        return self.classifier(x)


if __name__ == "__main__":
    model = ConvNet()
    images = torch.randn(16, 3, 64, 64)
    logits = model(images)
    wrong = torch.randn(16, 100) @ torch.randn(64, 10)  # a shape error, reported as PyTorch would
