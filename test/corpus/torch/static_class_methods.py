"""Blocks from a @staticmethod and a head from a @classmethod, a ModuleList grown by
append, a stem Sequential defined at module level, residual adds in the loop."""
import torch
import torch.nn as nn
import torch.nn.functional as F

STEM = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU())


class Plain(nn.Module):
    def __init__(self, depth=3, width=8, num_classes=10):
        super().__init__()
        self.stem = STEM
        self.layers = nn.ModuleList()
        for _ in range(depth):
            self.layers.append(self._block(width))
        self.head = self.make_head(width, num_classes)

    @staticmethod
    def _block(c):
        return nn.Sequential(nn.Conv2d(c, c, 3, padding=1, bias=False), nn.BatchNorm2d(c), nn.ReLU(inplace=True))

    @classmethod
    def make_head(cls, c, n):
        return nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c, n))

    def forward(self, x):
        x = self.stem(x)
        for layer in self.layers:
            x = layer(x) + x
        return self.head(x)
