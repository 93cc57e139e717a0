"""Keras 2 style: imports from keras.layers and keras.models, Model(inputs=, outputs=),
LeakyReLU(alpha=...), Conv2DTranspose with output_padding, a Cropping2D."""
from keras.layers import BatchNormalization, Conv2D, Conv2DTranspose, Cropping2D, Input, LeakyReLU
from keras.models import Model


def build_autoencoder(shape=(28, 28, 1)):
    inp = Input(shape=shape)
    x = Conv2D(32, (3, 3), strides=2, padding="same")(inp)
    x = LeakyReLU(alpha=0.2)(x)
    x = BatchNormalization(axis=-1)(x)
    x = Conv2D(64, (3, 3), strides=2, padding="same")(x)
    x = LeakyReLU(alpha=0.2)(x)
    x = Conv2DTranspose(32, (3, 3), strides=2, padding="same", output_padding=1)(x)
    x = LeakyReLU(alpha=0.2)(x)
    x = Conv2DTranspose(16, (3, 3), strides=2, padding="valid")(x)
    x = Cropping2D(cropping=((1, 0), (1, 0)))(x)
    out = Conv2D(1, (3, 3), padding="same", activation="sigmoid")(x)
    return Model(inputs=inp, outputs=out)


autoencoder = build_autoencoder()
