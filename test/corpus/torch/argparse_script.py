"""A training script: the model sized by argparse options, built under __main__."""
import argparse
import torch.nn as nn

parser = argparse.ArgumentParser(description="CIFAR training")
parser.add_argument("--lr", default=0.1, type=float)
parser.add_argument("--num-classes", type=int, default=100)
parser.add_argument("--width", dest="width", type=int, default=32)
parser.add_argument("--bn", action="store_true")
args = parser.parse_args()


class Net(nn.Module):
    def __init__(self, width, num_classes, bn=False):
        super().__init__()
        layers = [nn.Conv2d(3, width, 3, padding=1)]
        if bn:
            layers.append(nn.BatchNorm2d(width))
        layers += [nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, num_classes)]
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x)


if __name__ == "__main__":
    net = Net(args.width, args.num_classes, bn=args.bn)
