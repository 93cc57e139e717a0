import torch
import torch.nn as nn
import torch.nn.functional as F
class A(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.blocks = nn.ModuleList([nn.Conv2d(16, 16, 3, padding=1) for _ in range(2)])
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = self.conv1(x)
        for block in self.blocks:
            x = block(x)
        x = x.permute(0, 2, 3, 1)
        return self.fc(x)
