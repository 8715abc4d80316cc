"""A small MLP classifier for MNIST-sized inputs: the example `npm start` reports on."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class MLP(nn.Module):
    def __init__(self, in_features: int = 784, hidden: int = 256, num_classes: int = 10):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.head = nn.Linear(hidden, num_classes)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = self.dropout(F.relu(self.fc2(x)))
        return self.head(x)


x = torch.randn(32, 784)
w = torch.randn(784, 256)
y = x @ w

if __name__ == "__main__":
    model = MLP()
    logits = model(x)
    probs = logits.softmax(dim=-1)
