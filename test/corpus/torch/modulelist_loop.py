"""Blocks kept in a ModuleList and run in a loop, with pooling every other block, and a
feature-pyramid-style top-down path that upsamples and adds."""
import torch.nn as nn
import torch.nn.functional as F


class PlainNet(nn.Module):
    def __init__(self, channels=(3, 16, 32, 32, 64), num_classes=10):
        super().__init__()
        self.convs = nn.ModuleList(
            [nn.Conv2d(channels[i], channels[i + 1], 3, padding=1) for i in range(len(channels) - 1)]
        )
        self.norms = nn.ModuleList([nn.BatchNorm2d(c) for c in channels[1:]])
        self.lateral = nn.Conv2d(32, 64, 1)
        self.head = nn.Linear(64, num_classes)

    def forward(self, x):
        feats = []
        for i, (conv, norm) in enumerate(zip(self.convs, self.norms)):
            x = F.relu(norm(conv(x)))
            if i % 2 == 1:
                feats.append(x)
                x = F.max_pool2d(x, 2)
        top = F.interpolate(x, scale_factor=2, mode="nearest")
        top = top + self.lateral(F.max_pool2d(feats[0], 2))
        out = F.adaptive_avg_pool2d(top, 1).flatten(1)
        return self.head(out)
