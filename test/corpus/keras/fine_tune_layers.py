"""Fine-tuning the top of a MobileNetV2: its first 100 layers frozen through .layers."""
import keras
from keras import layers

base_model = keras.applications.MobileNetV2(input_shape=(96, 96, 3), include_top=False, weights="imagenet")
base_model.trainable = True
for layer in base_model.layers[:100]:
    layer.trainable = False
inputs = keras.Input(shape=(96, 96, 3))
x = base_model(inputs, training=False)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs, name="fine_tuned")
