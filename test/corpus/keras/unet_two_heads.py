"""A small Keras U-Net with augmentation and rescaling in front, separable convolutions,
transposed convolutions, skip connections joined by Concatenate, and two outputs."""
import keras
from keras import layers

data_augmentation = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.1)])


def get_model(img_size=(64, 64), num_classes=3):
    inputs = keras.Input(shape=img_size + (3,))
    x = data_augmentation(inputs)
    x = layers.Rescaling(1.0 / 255)(x)
    x = layers.Conv2D(16, 3, strides=2, padding="same")(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    skips = []
    for filters in [32, 64]:
        skips.append(x)
        x = layers.SeparableConv2D(filters, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)
        x = layers.MaxPooling2D(3, strides=2, padding="same")(x)
    bottleneck = x
    for filters, skip in zip([64, 32], reversed(skips)):
        x = layers.Conv2DTranspose(filters, 3, strides=2, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.Concatenate()([x, skip])
        x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    x = layers.UpSampling2D(2)(x)
    mask = layers.Conv2D(num_classes, 3, activation="softmax", padding="same", name="mask")(x)
    pooled = layers.GlobalAveragePooling2D()(bottleneck)
    label = layers.Dense(num_classes, name="label")(pooled)
    return keras.Model(inputs, [mask, label])


model = get_model()
