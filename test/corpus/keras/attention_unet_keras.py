"""A small attention U-Net gate in Keras: the gating signal and the skip are added,
squashed to one channel, and multiply the skip."""
import keras
from keras import layers


def attention_gate(skip, gating, inter_channels):
    theta = layers.Conv2D(inter_channels, 1, strides=2, padding="same")(skip)
    phi = layers.Conv2D(inter_channels, 1, padding="same")(gating)
    f = layers.Activation("relu")(layers.add([theta, phi]))
    psi = layers.Conv2D(1, 1, padding="same", activation="sigmoid")(f)
    psi = layers.UpSampling2D(size=(2, 2))(psi)
    return layers.multiply([skip, psi])


def build(input_shape=(64, 64, 1)):
    inputs = keras.Input(input_shape)
    c1 = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    p1 = layers.MaxPooling2D()(c1)
    c2 = layers.Conv2D(32, 3, padding="same", activation="relu")(p1)
    gated = attention_gate(c1, c2, 8)
    u1 = layers.Conv2DTranspose(16, 2, strides=2, padding="same")(c2)
    m = layers.concatenate([u1, gated])
    c3 = layers.Conv2D(16, 3, padding="same", activation="relu")(m)
    outputs = layers.Conv2D(1, 1, activation="sigmoid")(c3)
    return keras.Model(inputs, outputs, name="attention_unet")
