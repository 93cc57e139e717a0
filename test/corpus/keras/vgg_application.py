"""A VGG-style builder in the manner of the Keras applications: optional input shape,
a backend query for the data format, blocks, an optional top."""
import keras
from keras import backend
from keras import layers


def VGGLike(include_top=True, input_shape=None, classes=10, pooling=None):
    if input_shape is None:
        input_shape = (32, 32, 3)
    if backend.image_data_format() == "channels_first":
        bn_axis = 1
    else:
        bn_axis = 3
    img_input = layers.Input(shape=input_shape)
    # Block 1
    x = layers.Conv2D(32, (3, 3), activation="relu", padding="same", name="block1_conv1")(img_input)
    x = layers.Conv2D(32, (3, 3), activation="relu", padding="same", name="block1_conv2")(x)
    x = layers.BatchNormalization(axis=bn_axis, name="block1_bn")(x)
    x = layers.MaxPooling2D((2, 2), strides=(2, 2), name="block1_pool")(x)
    # Block 2
    x = layers.Conv2D(64, (3, 3), activation="relu", padding="same", name="block2_conv1")(x)
    x = layers.Conv2D(64, (3, 3), activation="relu", padding="same", name="block2_conv2")(x)
    x = layers.MaxPooling2D((2, 2), strides=(2, 2), name="block2_pool")(x)
    if include_top:
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(256, activation="relu", name="fc1")(x)
        x = layers.Dropout(0.5)(x)
        x = layers.Dense(classes, activation="softmax", name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    model = keras.Model(img_input, x, name="vgg_like")
    return model
