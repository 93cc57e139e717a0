"""Inception-style blocks in the Keras functional API, joined with layers.concatenate."""
from tensorflow import keras
from tensorflow.keras import layers


def conv2d_bn(x, filters, num_row, num_col, padding="same", strides=(1, 1), name=None):
    x = layers.Conv2D(filters, (num_row, num_col), strides=strides, padding=padding, use_bias=False)(x)
    x = layers.BatchNormalization(axis=3, scale=False)(x)
    x = layers.Activation("relu")(x)
    return x


def inception_block(x, n):
    branch1x1 = conv2d_bn(x, n, 1, 1)
    branch5x5 = conv2d_bn(x, n // 2, 1, 1)
    branch5x5 = conv2d_bn(branch5x5, n, 5, 5)
    branch3x3dbl = conv2d_bn(x, n, 1, 1)
    branch3x3dbl = conv2d_bn(branch3x3dbl, n, 3, 3)
    branch3x3dbl = conv2d_bn(branch3x3dbl, n, 3, 3)
    branch_pool = layers.AveragePooling2D((3, 3), strides=(1, 1), padding="same")(x)
    branch_pool = conv2d_bn(branch_pool, n // 2, 1, 1)
    return layers.concatenate([branch1x1, branch5x5, branch3x3dbl, branch_pool], axis=3)


def InceptionLite(input_shape=(32, 32, 3), classes=10):
    img_input = layers.Input(shape=input_shape)
    x = conv2d_bn(img_input, 32, 3, 3, strides=(2, 2), padding="valid")
    x = inception_block(x, 16)
    x = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    x = inception_block(x, 32)
    x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    x = layers.Dense(classes, activation="softmax", name="predictions")(x)
    return keras.Model(img_input, x, name="inception_lite")
