"""Fine-tuning torchvision models: a frozen ResNet-18 with a new head, a VGG16 whose
last classifier layer is replaced, a MobileNetV2 built for seven classes."""
import torch.nn as nn
from torchvision import models

# convlab: input 3x224x224
model = models.resnet18(weights="IMAGENET1K_V1")
for param in model.parameters():
    param.requires_grad = False
model.fc = nn.Linear(model.fc.in_features, 10)

vgg = models.vgg16(pretrained=True)
vgg.classifier[6] = nn.Linear(4096, 5)

mb = models.mobilenet_v2(num_classes=7)
