"""Residual networks for CIFAR-10 and ImageNet-sized inputs, with a small training script.

A benchmark input for `convlab bench-hover`: about 300 lines, written the way a course
project grows — two block kinds with projection shortcuts, a network class that stacks them
with _make_layer, builder functions, a CIFAR stem option, and an argparse-driven loop.
"""
import argparse
import math
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader


def conv3x3(in_channels, out_channels, stride=1, groups=1, dilation=1):
    """A 3x3 convolution whose padding keeps the size at stride 1."""
    return nn.Conv2d(
        in_channels,
        out_channels,
        kernel_size=3,
        stride=stride,
        padding=dilation,
        groups=groups,
        dilation=dilation,
        bias=False,
    )


def conv1x1(in_channels, out_channels, stride=1):
    """A 1x1 convolution: mixes channels, or projects a shortcut."""
    return nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=stride, bias=False)


class BasicBlock(nn.Module):
    """Two 3x3 convolutions and a shortcut; the shortcut projects when the shape changes."""

    expansion = 1

    def __init__(self, in_channels, channels, stride=1, projection=None, drop_rate=0.0):
        super().__init__()
        self.conv1 = conv3x3(in_channels, channels, stride)
        self.bn1 = nn.BatchNorm2d(channels)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(channels, channels)
        self.bn2 = nn.BatchNorm2d(channels)
        self.projection = projection
        self.drop_rate = drop_rate
        self.stride = stride

    def forward(self, x):
        shortcut = x
        out = self.conv1(x)
        out = self.bn1(out)
        out = self.relu(out)
        if self.drop_rate > 0:
            out = F.dropout(out, p=self.drop_rate, training=self.training)
        out = self.conv2(out)
        out = self.bn2(out)
        if self.projection is not None:
            shortcut = self.projection(x)
        out = out + shortcut
        return self.relu(out)


class Bottleneck(nn.Module):
    """1x1 reduce, 3x3, 1x1 expand (by 4); the stride sits on the 3x3 as in ResNet v1.5."""

    expansion = 4

    def __init__(self, in_channels, channels, stride=1, projection=None, groups=1, base_width=64):
        super().__init__()
        width = int(channels * (base_width / 64.0)) * groups
        self.conv1 = conv1x1(in_channels, width)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = conv3x3(width, width, stride, groups)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = conv1x1(width, channels * self.expansion)
        self.bn3 = nn.BatchNorm2d(channels * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.projection = projection
        self.stride = stride

    def forward(self, x):
        shortcut = x

        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))

        if self.projection is not None:
            shortcut = self.projection(x)

        out += shortcut
        out = self.relu(out)
        return out


class ResNet(nn.Module):
    """A stem, four stages of residual blocks, global average pooling and a classifier.

    With cifar_stem=True the 7x7 stride-2 convolution and the max pooling are replaced by
    one 3x3 stride-1 convolution, so that a 32x32 image is not shrunk to 8x8 at once.
    """

    def __init__(self, block, layers, num_classes=1000, cifar_stem=False, width=64, dropout=0.0):
        super().__init__()
        self.in_channels = width
        if cifar_stem:
            self.conv1 = nn.Conv2d(3, width, kernel_size=3, stride=1, padding=1, bias=False)
            self.maxpool = nn.Identity()
        else:
            self.conv1 = nn.Conv2d(3, width, kernel_size=7, stride=2, padding=3, bias=False)
            self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)

        self.layer1 = self._make_layer(block, width, layers[0])
        self.layer2 = self._make_layer(block, width * 2, layers[1], stride=2)
        self.layer3 = self._make_layer(block, width * 4, layers[2], stride=2)
        self.layer4 = self._make_layer(block, width * 8, layers[3], stride=2)

        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(p=dropout)
        self.fc = nn.Linear(width * 8 * block.expansion, num_classes)

        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)

    def _make_layer(self, block, channels, blocks, stride=1):
        projection = None
        if stride != 1 or self.in_channels != channels * block.expansion:
            projection = nn.Sequential(
                conv1x1(self.in_channels, channels * block.expansion, stride),
                nn.BatchNorm2d(channels * block.expansion),
            )
        stage = [block(self.in_channels, channels, stride, projection)]
        self.in_channels = channels * block.expansion
        for _ in range(1, blocks):
            stage.append(block(self.in_channels, channels))
        return nn.Sequential(*stage)

    def features(self, x):
        x = self.conv1(x)
        x = self.bn1(x)
        x = self.relu(x)
        x = self.maxpool(x)
        x = self.layer1(x)
        x = self.layer2(x)
        x = self.layer3(x)
        x = self.layer4(x)
        return x

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        x = self.dropout(x)
        return self.fc(x)


def resnet18(num_classes=1000, **kwargs):
    return ResNet(BasicBlock, [2, 2, 2, 2], num_classes=num_classes, **kwargs)


def resnet34(num_classes=1000, **kwargs):
    return ResNet(BasicBlock, [3, 4, 6, 3], num_classes=num_classes, **kwargs)


def resnet50(num_classes=1000, **kwargs):
    return ResNet(Bottleneck, [3, 4, 6, 3], num_classes=num_classes, **kwargs)


def cifar_resnet18(num_classes=10):
    return resnet18(num_classes=num_classes, cifar_stem=True)


# convlab: input 3x32x32
model = cifar_resnet18()

# convlab: input 3x224x224
imagenet_model = resnet50(num_classes=1000, dropout=0.2)


class AverageMeter:
    """Keeps a running mean of a loss or an accuracy over one epoch."""

    def __init__(self):
        self.total = 0.0
        self.count = 0

    def update(self, value, n=1):
        self.total += value * n
        self.count += n

    @property
    def mean(self):
        return self.total / max(self.count, 1)


def accuracy(logits, targets):
    predictions = logits.argmax(dim=1)
    return (predictions == targets).float().mean().item()


def cosine_lr(optimizer, epoch, step, steps_per_epoch, base_lr, epochs, warmup_epochs=1):
    """A linear warm-up, then a cosine decay to zero, set per step."""
    t = epoch + step / steps_per_epoch
    if t < warmup_epochs:
        lr = base_lr * t / warmup_epochs
    else:
        progress = (t - warmup_epochs) / max(epochs - warmup_epochs, 1)
        lr = 0.5 * base_lr * (1 + math.cos(math.pi * progress))
    for group in optimizer.param_groups:
        group["lr"] = lr
    return lr


def train_one_epoch(net, loader, optimizer, epoch, args, device):
    net.train()
    losses, accs = AverageMeter(), AverageMeter()
    for step, (images, targets) in enumerate(loader):
        images, targets = images.to(device), targets.to(device)
        cosine_lr(optimizer, epoch, step, len(loader), args.lr, args.epochs)
        logits = net(images)
        loss = F.cross_entropy(logits, targets, label_smoothing=args.label_smoothing)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        losses.update(loss.item(), images.size(0))
        accs.update(accuracy(logits, targets), images.size(0))
        if step % args.log_every == 0:
            print(f"epoch {epoch} step {step}/{len(loader)} loss {losses.mean:.4f} acc {accs.mean:.3f}")
    return losses.mean, accs.mean


@torch.no_grad()
def evaluate(net, loader, device):
    net.eval()
    losses, accs = AverageMeter(), AverageMeter()
    for images, targets in loader:
        images, targets = images.to(device), targets.to(device)
        logits = net(images)
        losses.update(F.cross_entropy(logits, targets).item(), images.size(0))
        accs.update(accuracy(logits, targets), images.size(0))
    return losses.mean, accs.mean


def cifar_loaders(root, batch_size, workers):
    import torchvision
    import torchvision.transforms as T

    mean, std = (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)
    train_tf = T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize(mean, std)])
    test_tf = T.Compose([T.ToTensor(), T.Normalize(mean, std)])
    train_set = torchvision.datasets.CIFAR10(root, train=True, download=True, transform=train_tf)
    test_set = torchvision.datasets.CIFAR10(root, train=False, download=True, transform=test_tf)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, num_workers=workers, drop_last=True)
    test_loader = DataLoader(test_set, batch_size=256, shuffle=False, num_workers=workers)
    return train_loader, test_loader


def parse_args():
    parser = argparse.ArgumentParser(description="Train a ResNet on CIFAR-10")
    parser.add_argument("--arch", choices=["resnet18", "resnet34", "resnet50"], default="resnet18")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--weight-decay", type=float, default=5e-4)
    parser.add_argument("--label-smoothing", type=float, default=0.1)
    parser.add_argument("--dropout", type=float, default=0.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--log-every", type=int, default=50)
    parser.add_argument("--data", default=os.path.expanduser("~/data"))
    parser.add_argument("--out", default="checkpoints")
    return parser.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    builders = {"resnet18": resnet18, "resnet34": resnet34, "resnet50": resnet50}
    net = builders[args.arch](num_classes=10, cifar_stem=True, dropout=args.dropout).to(device)
    print(f"{args.arch}: {sum(p.numel() for p in net.parameters()) / 1e6:.2f} M parameters")

    # No weight decay on BatchNorm scales and biases, as is usual for ResNets.
    decay, no_decay = [], []
    for name, p in net.named_parameters():
        (no_decay if p.ndim <= 1 else decay).append(p)
    optimizer = torch.optim.SGD(
        [{"params": decay, "weight_decay": args.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=args.lr,
        momentum=args.momentum,
        nesterov=True,
    )

    train_loader, test_loader = cifar_loaders(args.data, args.batch_size, args.workers)
    os.makedirs(args.out, exist_ok=True)
    best = 0.0
    for epoch in range(args.epochs):
        start = time.time()
        train_loss, train_acc = train_one_epoch(net, train_loader, optimizer, epoch, args, device)
        test_loss, test_acc = evaluate(net, test_loader, device)
        print(
            f"epoch {epoch}: train {train_loss:.3f}/{train_acc:.3f} "
            f"test {test_loss:.3f}/{test_acc:.3f} ({time.time() - start:.0f} s)"
        )
        if test_acc > best:
            best = test_acc
            torch.save({"epoch": epoch, "model": net.state_dict(), "acc": test_acc}, os.path.join(args.out, "best.pt"))
    print(f"best test accuracy {best:.3f}")


if __name__ == "__main__":
    main()
