"""A MobileNet-style Keras model: depthwise-separable blocks written as depthwise plus
pointwise convolutions, capped ReLU, explicit zero padding before strided convolutions."""
import keras
from keras import layers


def depthwise_block(x, pointwise_filters, strides=(1, 1), block_id=1):
    if strides != (1, 1):
        x = layers.ZeroPadding2D(((0, 1), (0, 1)), name="conv_pad_%d" % block_id)(x)
    x = layers.DepthwiseConv2D((3, 3), padding="same" if strides == (1, 1) else "valid", strides=strides, use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU(6.0)(x)
    x = layers.Conv2D(pointwise_filters, (1, 1), padding="same", use_bias=False, strides=(1, 1))(x)
    x = layers.BatchNormalization()(x)
    return layers.ReLU(6.0)(x)


def MobileNetLike(input_shape=(48, 48, 3), classes=10, dropout=1e-3):
    img_input = layers.Input(shape=input_shape)
    x = layers.Conv2D(16, (3, 3), padding="same", use_bias=False, strides=(2, 2))(img_input)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU(6.0)(x)
    x = depthwise_block(x, 32, block_id=1)
    x = depthwise_block(x, 64, strides=(2, 2), block_id=2)
    x = depthwise_block(x, 64, block_id=3)
    x = layers.GlobalAveragePooling2D(keepdims=True)(x)
    x = layers.Dropout(dropout)(x)
    x = layers.Conv2D(classes, (1, 1), padding="same")(x)
    x = layers.Reshape((classes,))(x)
    x = layers.Activation("softmax")(x)
    return keras.Model(img_input, x, name="mobilenet_like")
