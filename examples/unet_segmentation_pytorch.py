# A small U-Net, in PyTorch: it labels every pixel of a 1×32×32 image as figure or
# background. The encoder halves the size twice; the decoder doubles it back with
# transposed convolutions and concatenates the encoder's maps of the same size (the skip
# connections), so the output keeps the input's 32×32 with one score per class.
# ConvLab follows the blocks and the torch.cat skips: Visualize shows the maps shrink and
# grow again, and Train teaches it to find the strokes of procedural shapes under noise.
import torch
import torch.nn as nn


class DoubleConv(nn.Module):
    """Two 3×3 convolutions, each followed by batch norm and ReLU: U-Net's basic block."""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.block = nn.Sequential(
            nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True),
        )

    def forward(self, x):
        return self.block(x)


class SmallUNet(nn.Module):
    def __init__(self, in_channels=1, classes=2, width=8):
        super().__init__()
        self.down1 = DoubleConv(in_channels, width)
        self.down2 = DoubleConv(width, 2 * width)
        self.pool = nn.MaxPool2d(2)
        self.bottom = DoubleConv(2 * width, 4 * width)
        self.up2 = nn.ConvTranspose2d(4 * width, 2 * width, kernel_size=2, stride=2)
        self.merge2 = DoubleConv(4 * width, 2 * width)
        self.up1 = nn.ConvTranspose2d(2 * width, width, kernel_size=2, stride=2)
        self.merge1 = DoubleConv(2 * width, width)
        self.head = nn.Conv2d(width, classes, kernel_size=1)

    def forward(self, x):
        d1 = self.down1(x)                        # 8×32×32
        d2 = self.down2(self.pool(d1))            # 16×16×16
        b = self.bottom(self.pool(d2))            # 32×8×8
        u2 = self.merge2(torch.cat([self.up2(b), d2], dim=1))   # up to 16×16, skip from d2
        u1 = self.merge1(torch.cat([self.up1(u2), d1], dim=1))  # up to 32×32, skip from d1
        return self.head(u1)                      # one score per class and pixel


model = SmallUNet()
scores = model(torch.randn(1, 1, 32, 32))
