"""A convolutional autoencoder for MNIST: an encoder and a decoder as Sequential models,
chained into one."""
import keras
from keras import layers

encoder = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(16, 3, activation="relu", padding="same"),
        layers.MaxPooling2D(2, padding="same"),
        layers.Conv2D(8, 3, activation="relu", padding="same"),
        layers.MaxPooling2D(2, padding="same"),
    ],
    name="encoder",
)

decoder = keras.Sequential(
    [
        keras.Input(shape=(7, 7, 8)),
        layers.Conv2DTranspose(8, 3, strides=2, activation="relu", padding="same"),
        layers.Conv2DTranspose(16, 3, strides=2, activation="relu", padding="same"),
        layers.Conv2D(1, 3, activation="sigmoid", padding="same"),
    ],
    name="decoder",
)

inputs = keras.Input(shape=(28, 28, 1))
outputs = decoder(encoder(inputs))
autoencoder = keras.Model(inputs, outputs, name="autoencoder")
autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
