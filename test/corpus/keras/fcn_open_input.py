"""A fully convolutional classifier that takes images of any size: the input leaves its
height and width open, global pooling makes the head independent of them."""
import keras
from keras import layers


def conv_bn(x, filters, kernel=3, strides=1):
    x = layers.Conv2D(filters, kernel, strides=strides, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    return layers.ReLU()(x)


def build(num_classes=5):
    inputs = keras.Input(shape=(None, None, 3))
    x = layers.Rescaling(1.0 / 255)(inputs)
    x = conv_bn(x, 24, strides=2)
    for filters in (32, 48, 64):
        shortcut = layers.Conv2D(filters, 1, strides=2, use_bias=False)(x)
        x = conv_bn(x, filters, strides=2)
        x = layers.SeparableConv2D(filters, 3, padding="same")(x)
        x = layers.add([x, shortcut])
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.2)(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="any_size_classifier")


model = build()
