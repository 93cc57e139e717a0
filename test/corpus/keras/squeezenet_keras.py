"""SqueezeNet's fire module in Keras, with named layers built from a module id."""
from keras import layers
from keras.models import Model

sq1x1 = "squeeze1x1"
exp1x1 = "expand1x1"
exp3x3 = "expand3x3"
relu = "relu_"


def fire_module(x, fire_id, squeeze=16, expand=64):
    s_id = "fire" + str(fire_id) + "_"
    x = layers.Convolution2D(squeeze, (1, 1), padding="valid", name=s_id + sq1x1)(x)
    x = layers.Activation("relu", name=s_id + relu + sq1x1)(x)
    left = layers.Convolution2D(expand, (1, 1), padding="valid", name=s_id + exp1x1)(x)
    left = layers.Activation("relu", name=s_id + relu + exp1x1)(left)
    right = layers.Convolution2D(expand, (3, 3), padding="same", name=s_id + exp3x3)(x)
    right = layers.Activation("relu", name=s_id + relu + exp3x3)(right)
    x = layers.concatenate([left, right], axis=-1, name=s_id + "concat")
    return x


def SqueezeNet(input_shape=(64, 64, 3), classes=10):
    img_input = layers.Input(shape=input_shape)
    x = layers.Convolution2D(64, (3, 3), strides=(2, 2), padding="valid", name="conv1")(img_input)
    x = layers.Activation("relu", name="relu_conv1")(x)
    x = layers.MaxPooling2D(pool_size=(3, 3), strides=(2, 2), name="pool1")(x)
    x = fire_module(x, fire_id=2, squeeze=16, expand=64)
    x = fire_module(x, fire_id=3, squeeze=16, expand=64)
    x = layers.MaxPooling2D(pool_size=(3, 3), strides=(2, 2), name="pool3")(x)
    x = fire_module(x, fire_id=4, squeeze=32, expand=128)
    x = layers.Dropout(0.5, name="drop9")(x)
    x = layers.Convolution2D(classes, (1, 1), padding="valid", name="conv10")(x)
    x = layers.Activation("relu", name="relu_conv10")(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Activation("softmax", name="loss")(x)
    return Model(img_input, x, name="squeezenet")
