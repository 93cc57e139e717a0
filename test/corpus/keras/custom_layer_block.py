"""A Keras layer subclass used as a block inside a functional model."""
import keras
from keras import layers


class ConvBlock(layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(filters, 3, padding="same", use_bias=False)
        self.bn = layers.BatchNormalization()
        self.act = layers.Activation("swish")

    def call(self, x, training=False):
        return self.act(self.bn(self.conv(x), training=training))


inputs = keras.Input(shape=(32, 32, 3))
x = ConvBlock(32)(inputs)
x = layers.MaxPooling2D()(x)
x = ConvBlock(64)(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs=inputs, outputs=outputs, name="blocks")
