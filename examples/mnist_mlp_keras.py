# A classifier with no convolution: the 28×28 image flattened into 784 numbers, one dense
# hidden layer, dropout, ten class scores. Open it with ConvLab and visualize it: each
# hidden unit's 784 weights, folded back to 28×28, show the stroke pattern it looks for —
# train it on MNIST and watch these "templates" form.
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Flatten(),
    layers.Dense(32, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(10, activation="softmax"),
])
