"""Transfer learning with keras.applications: a frozen MobileNetV2 base under a new
head, and a VGG16 built for 32x32 images and ten classes."""
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.applications import MobileNetV2

base_model = MobileNetV2(input_shape=(160, 160, 3), include_top=False, weights="imagenet")
base_model.trainable = False
inputs = keras.Input(shape=(160, 160, 3))
x = base_model(inputs, training=False)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.2)(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs, name="transfer")

vgg = tf.keras.applications.VGG16(weights=None, include_top=True, classes=10, input_shape=(32, 32, 3))
