"""A functional model whose blocks are small Sequential models, reused with a skip."""
import keras
from keras import layers


def make_block(filters):
    return keras.Sequential([
        layers.Conv2D(filters, 3, padding="same", use_bias=False),
        layers.BatchNormalization(),
        layers.ReLU(),
        layers.Conv2D(filters, 3, padding="same", use_bias=False),
        layers.BatchNormalization(),
    ])


inputs = keras.Input(shape=(32, 32, 16))
y = make_block(16)(inputs)
x = layers.ReLU()(layers.Add()([inputs, y]))
x = layers.Conv2D(32, 3, strides=2, padding="same")(x)
y = make_block(32)(x)
x = layers.ReLU()(layers.Add()([x, y]))
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs, name="seq_blocks")
