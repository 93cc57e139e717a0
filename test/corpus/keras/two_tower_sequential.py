"""Sequential models used as layers of a functional model: a shared feature extractor on
one input, a head on top."""
import tensorflow as tf
from tensorflow.keras import layers

base = tf.keras.Sequential(
    [
        layers.Rescaling(1.0 / 255),
        layers.Conv2D(16, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(32, 3, activation="relu"),
        layers.GlobalAveragePooling2D(),
    ],
    name="base",
)

inputs = tf.keras.Input(shape=(48, 48, 3))
features = base(inputs)
hidden = layers.Dense(64, activation="relu")(features)
outputs = layers.Dense(5)(layers.Dropout(0.2)(hidden))
classifier = tf.keras.Model(inputs, outputs, name="classifier")
