"""A subclassed Keras model with its layers made in __init__ and joined in call."""
import keras
from keras import layers


class ConvClassifier(keras.Model):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = layers.Conv2D(32, 3, padding="same")
        self.act1 = layers.LeakyReLU(negative_slope=0.1)
        self.norm1 = layers.GroupNormalization(groups=8)
        self.conv2 = layers.Conv2D(32, 3, padding="same")
        self.norm2 = layers.LayerNormalization()
        self.pool = layers.GlobalMaxPooling2D()
        self.head = layers.Dense(num_classes)

    def call(self, inputs):
        x = self.norm1(self.act1(self.conv1(inputs)))
        y = self.norm2(self.conv2(x))
        x = layers.add([x, y])
        return self.head(self.pool(x))
