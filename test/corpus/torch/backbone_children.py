"""A feature extractor from a torchvision backbone without its head
(nn.Sequential(*list(resnet.children())[:-1])), wrapped for devices."""
import torch
import torch.nn as nn
from torchvision import models


class FeatureNet(nn.Module):
    def __init__(self, num_classes=5):
        super().__init__()
        resnet = models.resnet34(weights=models.ResNet34_Weights.DEFAULT)
        self.backbone = nn.Sequential(*list(resnet.children())[:-1])
        self.head = nn.Linear(resnet.fc.in_features, num_classes)

    def forward(self, x):
        x = self.backbone(x)
        x = torch.flatten(x, 1)
        return self.head(x)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = FeatureNet().to(device)
model = nn.DataParallel(model)
