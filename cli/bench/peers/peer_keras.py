"""Keras 3 on TensorFlow (CPU) as a benchmark peer; peer_bench.py drives it.

Each figure goes through the route a Keras user takes: train_on_batch and predict_on_batch
(Keras' compiled train and predict functions) for the teaching CNN, model.fit for the depth
epoch. The big convolution and the dense step are tf.functions around Keras layers: the
first so that a 2 ms convolution is not measured with predict's per-call bookkeeping, the
second because the input's gradient must be asked for explicitly (see dense_step).
"""

import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # no oneDNN banners on stderr

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import peer_bench as spec  # noqa: E402


class KerasPeer:
    def __init__(self, one_thread):
        if one_thread:
            # Must come before TensorFlow runs its first op; the Node side also sets
            # OMP_NUM_THREADS=1 so that oneDNN's own pool stays at one thread.
            tf.config.threading.set_intra_op_parallelism_threads(1)
            tf.config.threading.set_inter_op_parallelism_threads(1)
        import keras

        self.keras = keras
        threads = "1 thread" if one_thread else f"all threads ({os.cpu_count()} cores)"
        self.note = f"Keras {keras.__version__} on TensorFlow {tf.__version__} CPU, {threads}"

    def setup(self, seed):
        keras, layers = self.keras, self.keras.layers
        keras.utils.set_random_seed(seed)
        rng = np.random.default_rng(seed)
        self.x = tf.constant(rng.random((spec.BATCH, spec.IMAGE, spec.IMAGE, 1), dtype=np.float32))
        self.y = tf.constant(rng.integers(0, spec.CLASSES, spec.BATCH), dtype=tf.int32)
        self.cnn = keras.Sequential([
            keras.Input((spec.IMAGE, spec.IMAGE, 1)),
            layers.Conv2D(8, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(16, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Flatten(),
            layers.Dense(spec.CLASSES),
        ])
        self.cnn.compile(optimizer=keras.optimizers.SGD(spec.SGD_STEP),
                         loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))

        b = spec.BIG
        self.big_x = tf.constant(rng.standard_normal((1, b["height"], b["width"], b["in_channels"]), dtype=np.float32))
        conv = layers.Conv2D(b["filters"], b["kernel"], padding="same", use_bias=False)
        conv.build((1, b["height"], b["width"], b["in_channels"]))
        self.big = tf.function(lambda x: conv(x))

        self.dense_x = tf.constant(rng.random((spec.DENSE_BATCH, spec.DENSE_UNITS), dtype=np.float32))
        self.dense_target = tf.constant(rng.random((spec.DENSE_BATCH, spec.DENSE_UNITS), dtype=np.float32))
        dense = layers.Dense(spec.DENSE_UNITS, activation="elu")
        dense.build((spec.DENSE_BATCH, spec.DENSE_UNITS))
        optimizer = keras.optimizers.Adam()
        optimizer.build(dense.trainable_variables)

        @tf.function
        def dense_step(x, target):
            with tf.GradientTape() as tape:
                tape.watch(x)
                loss = tf.reduce_mean(tf.square(dense(x) - target))
            grads = tape.gradient(loss, [x] + dense.trainable_variables)
            optimizer.apply(grads[1:], dense.trainable_variables)
            # Returned so that TensorFlow cannot prune the input's gradient: the step then
            # does the three products of a hidden layer, as ConvLab's and PyTorch's do.
            return grads[0]

        self.dense_step_fn = dense_step

    def forward(self):
        self.cnn.predict_on_batch(self.x)

    def train(self):
        self.cnn.train_on_batch(self.x, self.y)

    def big_conv(self):
        self.big(self.big_x)

    def dense_step(self):
        self.dense_step_fn(self.dense_x, self.dense_target)

    def depth_epoch(self, depth, train_count, valid_count, seed):
        """One epoch of the lecture's model.fit at this depth; seconds, after a warm-up fit."""
        keras, layers = self.keras, self.keras.layers
        keras.utils.set_random_seed(seed)
        rng = np.random.default_rng(seed)
        x = rng.random((train_count, spec.IMAGE, spec.IMAGE), dtype=np.float32)
        y = keras.utils.to_categorical(rng.integers(0, spec.CLASSES, train_count), spec.CLASSES)
        xv = rng.random((valid_count, spec.IMAGE, spec.IMAGE), dtype=np.float32)
        yv = keras.utils.to_categorical(rng.integers(0, spec.CLASSES, valid_count), spec.CLASSES)
        model = keras.Sequential([keras.Input((spec.IMAGE, spec.IMAGE)), layers.Flatten()]
                                 + [layers.Dense(spec.DEPTH_UNITS, activation="elu") for _ in range(depth)]
                                 + [layers.Dense(spec.CLASSES, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
        # The first fit traces the train and test functions, for a full batch and for the
        # epoch's smaller last batch (a new shape retraces); the timed fit then reuses them,
        # as every epoch after the first of the lecture's fit does.
        warm = spec.DEPTH_BATCH + train_count % spec.DEPTH_BATCH
        warm_valid = spec.DEPTH_BATCH + valid_count % spec.DEPTH_BATCH
        model.fit(x[:warm], y[:warm], batch_size=spec.DEPTH_BATCH, epochs=1, verbose=0,
                  validation_data=(xv[:warm_valid], yv[:warm_valid]))
        start = time.perf_counter()
        model.fit(x, y, batch_size=spec.DEPTH_BATCH, epochs=1, verbose=0, validation_data=(xv, yv))
        return time.perf_counter() - start

