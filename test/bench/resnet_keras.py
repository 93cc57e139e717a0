"""Residual networks in Keras' functional API, with a small training script.

A benchmark input for `convlab bench-hover`: about 300 lines, as a Keras course project
writes a ResNet — identity and projection ("conv") blocks for the basic and the bottleneck
kind, a stage builder, builder functions for ResNet-18/34/50, a CIFAR stem option, and an
argparse-driven training script with augmentation and callbacks.
"""
import argparse
import math
import os

import keras
from keras import layers
from keras import regularizers

WEIGHT_DECAY = 1e-4
BN_AXIS = 3


def conv_bn(x, filters, kernel_size, strides=1, name=None, activation=True):
    """A convolution without bias, batch normalisation, and optionally a ReLU."""
    x = layers.Conv2D(
        filters,
        kernel_size,
        strides=strides,
        padding="same",
        use_bias=False,
        kernel_initializer="he_normal",
        kernel_regularizer=regularizers.l2(WEIGHT_DECAY),
        name=name + "_conv",
    )(x)
    x = layers.BatchNormalization(axis=BN_AXIS, epsilon=1.001e-5, name=name + "_bn")(x)
    if activation:
        x = layers.Activation("relu", name=name + "_relu")(x)
    return x


def basic_identity_block(x, filters, name):
    """Two 3x3 convolutions; the input is added back unchanged."""
    shortcut = x
    y = conv_bn(x, filters, 3, name=name + "_1")
    y = conv_bn(y, filters, 3, name=name + "_2", activation=False)
    y = layers.Add(name=name + "_add")([shortcut, y])
    return layers.Activation("relu", name=name + "_out")(y)


def basic_conv_block(x, filters, strides, name):
    """Two 3x3 convolutions, the first strided; a 1x1 projection makes the shortcut fit."""
    shortcut = conv_bn(x, filters, 1, strides=strides, name=name + "_0", activation=False)
    y = conv_bn(x, filters, 3, strides=strides, name=name + "_1")
    y = conv_bn(y, filters, 3, name=name + "_2", activation=False)
    y = layers.Add(name=name + "_add")([shortcut, y])
    return layers.Activation("relu", name=name + "_out")(y)


def bottleneck_identity_block(x, filters, name):
    """1x1 reduce, 3x3, 1x1 expand by 4; the input is added back unchanged."""
    shortcut = x
    y = conv_bn(x, filters, 1, name=name + "_1")
    y = conv_bn(y, filters, 3, name=name + "_2")
    y = conv_bn(y, 4 * filters, 1, name=name + "_3", activation=False)
    y = layers.Add(name=name + "_add")([shortcut, y])
    return layers.Activation("relu", name=name + "_out")(y)


def bottleneck_conv_block(x, filters, strides, name):
    """The stage's first bottleneck: strided 3x3 (v1.5) and a projected shortcut."""
    shortcut = conv_bn(x, 4 * filters, 1, strides=strides, name=name + "_0", activation=False)
    y = conv_bn(x, filters, 1, name=name + "_1")
    y = conv_bn(y, filters, 3, strides=strides, name=name + "_2")
    y = conv_bn(y, 4 * filters, 1, name=name + "_3", activation=False)
    y = layers.Add(name=name + "_add")([shortcut, y])
    return layers.Activation("relu", name=name + "_out")(y)


def stage(x, filters, blocks, strides, bottleneck, name):
    """One stage: a projection block, then identity blocks."""
    if bottleneck:
        x = bottleneck_conv_block(x, filters, strides, name=name + "_block1")
        for i in range(2, blocks + 1):
            x = bottleneck_identity_block(x, filters, name=name + "_block" + str(i))
    else:
        if strides != 1:
            x = basic_conv_block(x, filters, strides, name=name + "_block1")
        else:
            x = basic_identity_block(x, filters, name=name + "_block1")
        for i in range(2, blocks + 1):
            x = basic_identity_block(x, filters, name=name + "_block" + str(i))
    return x


def stem(inputs, cifar):
    """ImageNet: 7x7 stride 2 and a max pooling; CIFAR: one 3x3 at stride 1, no pooling."""
    if cifar:
        return conv_bn(inputs, 64, 3, name="stem")
    x = layers.ZeroPadding2D(padding=3, name="stem_pad")(inputs)
    x = layers.Conv2D(64, 7, strides=2, use_bias=False, name="stem_conv")(x)
    x = layers.BatchNormalization(axis=BN_AXIS, epsilon=1.001e-5, name="stem_bn")(x)
    x = layers.Activation("relu", name="stem_relu")(x)
    x = layers.ZeroPadding2D(padding=1, name="pool1_pad")(x)
    return layers.MaxPooling2D(3, strides=2, name="pool1")(x)


def build_resnet(blocks, bottleneck, input_shape, num_classes, cifar, dropout, name):
    inputs = keras.Input(shape=input_shape, name="image")
    x = stem(inputs, cifar)
    x = stage(x, 64, blocks[0], 1, bottleneck, name="conv2")
    x = stage(x, 128, blocks[1], 2, bottleneck, name="conv3")
    x = stage(x, 256, blocks[2], 2, bottleneck, name="conv4")
    x = stage(x, 512, blocks[3], 2, bottleneck, name="conv5")
    x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    if dropout > 0:
        x = layers.Dropout(dropout, name="top_dropout")(x)
    outputs = layers.Dense(num_classes, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name=name)


def resnet18(input_shape=(224, 224, 3), num_classes=1000, cifar=False, dropout=0.0):
    return build_resnet([2, 2, 2, 2], False, input_shape, num_classes, cifar, dropout, "resnet18")


def resnet34(input_shape=(224, 224, 3), num_classes=1000, cifar=False, dropout=0.0):
    return build_resnet([3, 4, 6, 3], False, input_shape, num_classes, cifar, dropout, "resnet34")


def resnet50(input_shape=(224, 224, 3), num_classes=1000, cifar=False, dropout=0.0):
    return build_resnet([3, 4, 6, 3], True, input_shape, num_classes, cifar, dropout, "resnet50")


def resnet101(input_shape=(224, 224, 3), num_classes=1000, cifar=False, dropout=0.0):
    return build_resnet([3, 4, 23, 3], True, input_shape, num_classes, cifar, dropout, "resnet101")


def cifar_resnet18(num_classes=10, dropout=0.0):
    return resnet18(input_shape=(32, 32, 3), num_classes=num_classes, cifar=True, dropout=dropout)


model = cifar_resnet18(dropout=0.2)


def augment():
    """Random crops after 4-pixel padding and horizontal flips, as for CIFAR."""
    return keras.Sequential(
        [
            layers.ZeroPadding2D(4),
            layers.RandomCrop(32, 32),
            layers.RandomFlip("horizontal"),
        ],
        name="augment",
    )


def load_cifar10():
    (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
    x_train = x_train.astype("float32") / 255.0
    x_test = x_test.astype("float32") / 255.0
    mean = x_train.mean(axis=(0, 1, 2), keepdims=True)
    std = x_train.std(axis=(0, 1, 2), keepdims=True)
    x_train = (x_train - mean) / std
    x_test = (x_test - mean) / std
    return (x_train, y_train), (x_test, y_test)


class WarmupCosine(keras.optimizers.schedules.LearningRateSchedule):
    """A linear warm-up for `warmup` steps, then a cosine decay to zero."""

    def __init__(self, base_lr, total_steps, warmup):
        super().__init__()
        self.base_lr = base_lr
        self.total_steps = total_steps
        self.warmup = warmup

    def __call__(self, step):
        step = keras.ops.cast(step, "float32")
        warm = self.base_lr * step / self.warmup
        progress = (step - self.warmup) / max(self.total_steps - self.warmup, 1)
        cosine = 0.5 * self.base_lr * (1.0 + keras.ops.cos(math.pi * progress))
        return keras.ops.where(step < self.warmup, warm, cosine)

    def get_config(self):
        return {"base_lr": self.base_lr, "total_steps": self.total_steps, "warmup": self.warmup}


def plot_history(history, path):
    """Loss and accuracy curves of a run, saved beside its checkpoints."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4))
    for key, ax in (("loss", ax_loss), ("accuracy", ax_acc)):
        ax.plot(history.history[key], label="train")
        ax.plot(history.history["val_" + key], label="test")
        ax.set_xlabel("epoch")
        ax.set_ylabel(key)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def evaluate_with_flips(net, x, y, batch_size=256):
    """Test-time augmentation: the mean of the predictions on the image and its mirror."""
    probs = net.predict(x, batch_size=batch_size, verbose=0)
    probs += net.predict(x[:, :, ::-1, :], batch_size=batch_size, verbose=0)
    correct = (probs.argmax(axis=1) == y.argmax(axis=1)).mean()
    return float(correct)


def parse_args():
    parser = argparse.ArgumentParser(description="Train a Keras ResNet on CIFAR-10")
    parser.add_argument("--arch", choices=["resnet18", "resnet34", "resnet50", "resnet101"], default="resnet18")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--warmup-epochs", type=int, default=2)
    parser.add_argument("--dropout", type=float, default=0.0)
    parser.add_argument("--label-smoothing", type=float, default=0.1)
    parser.add_argument("--out", default="checkpoints")
    parser.add_argument("--plot", action="store_true", help="save the training curves as a PNG")
    parser.add_argument("--tta", action="store_true", help="also report accuracy with flipped test images")
    return parser.parse_args()


def main():
    args = parse_args()
    builders = {"resnet18": resnet18, "resnet34": resnet34, "resnet50": resnet50, "resnet101": resnet101}
    net = builders[args.arch](input_shape=(32, 32, 3), num_classes=10, cifar=True, dropout=args.dropout)
    net.summary()

    (x_train, y_train), (x_test, y_test) = load_cifar10()
    y_train = keras.utils.to_categorical(y_train, 10)
    y_test = keras.utils.to_categorical(y_test, 10)

    steps_per_epoch = len(x_train) // args.batch_size
    schedule = WarmupCosine(args.lr, steps_per_epoch * args.epochs, steps_per_epoch * args.warmup_epochs)
    optimizer = keras.optimizers.SGD(learning_rate=schedule, momentum=args.momentum, nesterov=True)
    net.compile(
        optimizer=optimizer,
        loss=keras.losses.CategoricalCrossentropy(label_smoothing=args.label_smoothing),
        metrics=["accuracy"],
    )

    inputs = keras.Input(shape=(32, 32, 3))
    trainer = keras.Model(inputs, net(augment()(inputs)), name="trainer")
    trainer.compile(optimizer=optimizer, loss=net.loss, metrics=["accuracy"])

    os.makedirs(args.out, exist_ok=True)
    callbacks = [
        keras.callbacks.ModelCheckpoint(
            os.path.join(args.out, "best.keras"), monitor="val_accuracy", save_best_only=True
        ),
        keras.callbacks.CSVLogger(os.path.join(args.out, "log.csv")),
        keras.callbacks.TerminateOnNaN(),
    ]
    history = trainer.fit(
        x_train,
        y_train,
        batch_size=args.batch_size,
        epochs=args.epochs,
        validation_data=(x_test, y_test),
        callbacks=callbacks,
        verbose=2,
    )
    best = max(history.history["val_accuracy"])
    print(f"best test accuracy {best:.3f}")
    loss, acc = net.evaluate(x_test, y_test, verbose=0)
    print(f"final test loss {loss:.3f}, accuracy {acc:.3f}")
    if args.tta:
        print(f"with flips: accuracy {evaluate_with_flips(net, x_test, y_test):.3f}")
    if args.plot:
        plot_history(history, os.path.join(args.out, "curves.png"))
    net.save(os.path.join(args.out, "final.keras"))


if __name__ == "__main__":
    main()
