# A small residual network for 32×32 colour images (CIFAR-10), in PyTorch.
# Each block adds its input back to its output (out += self.shortcut(x)); where the
# block halves the size or changes the channels, the shortcut is a 1×1 convolution.
# ConvLab follows the blocks, the builder function and the residual adds: hover a
# layer for its shape and parameters, and see the graph in the ConvLab side view.
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                nn.BatchNorm2d(out_channels),
            )

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += self.shortcut(x)
        return F.relu(out)


# convlab: input 3x32x32
class SmallResNet(nn.Module):
    def __init__(self, widths=(16, 32, 64), num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, widths[0], 3, padding=1, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU())
        blocks = []
        in_channels = widths[0]
        for i, width in enumerate(widths):
            blocks.append(ResidualBlock(in_channels, width, stride=1 if i == 0 else 2))
            in_channels = width
        self.blocks = nn.Sequential(*blocks)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(in_channels, num_classes)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        x = torch_flatten(self.pool(x))
        return self.fc(x)


def torch_flatten(x):
    return x.view(x.size(0), -1)
