"""Oracle for core/analysis on graph models and the layer kinds added with them.

Builds small Keras models (a residual block with a projection shortcut, an Inception-style
concatenation, a decoder with Conv2DTranspose / UpSampling2D, MobileNet-style depthwise and
separable convolutions, normalisations, PReLU, padding and cropping) and writes each
layer's parameter count and output shape, and the model's totals, to
test/oracle/graph_layers.expected.json. Run it in a venv with keras and tensorflow-cpu:
    python test/oracle/graph_layers_oracle.py
The unit test test/unit/analysis/graphLayers.test.ts reads the JSON; CI needs no Python.
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
from keras import layers

def residual():
    x_in = keras.Input((16, 16, 8))
    y = layers.Conv2D(16, 3, strides=2, padding="same", name="c1")(x_in)
    y = layers.BatchNormalization(name="bn1")(y)
    y = layers.ReLU(name="r1")(y)
    y = layers.Conv2D(16, 3, padding="same", name="c2")(y)
    s = layers.Conv2D(16, 1, strides=2, name="proj")(x_in)
    out = layers.Add(name="add")([y, s])
    return keras.Model(x_in, out, name="residual")

def inception():
    x_in = keras.Input((12, 12, 6))
    a = layers.Conv2D(4, 1, name="b1")(x_in)
    b = layers.Conv2D(8, 3, padding="same", name="b3")(x_in)
    c = layers.MaxPooling2D(3, strides=1, padding="same", name="pool")(x_in)
    out = layers.Concatenate(name="cat")([a, b, c])
    return keras.Model(x_in, out, name="inception")

def decoder():
    x_in = keras.Input((7, 7, 16))
    y = layers.Conv2DTranspose(8, 3, strides=2, name="t1")(x_in)
    y = layers.Conv2DTranspose(8, 4, strides=2, padding="same", name="t2")(y)
    y = layers.UpSampling2D(2, name="up")(y)
    y = layers.ZeroPadding2D(((1, 2), (3, 4)), name="pad")(y)
    y = layers.Cropping2D(((2, 1), (0, 3)), name="crop")(y)
    return keras.Model(x_in, y, name="decoder")

def mobile():
    x_in = keras.Input((20, 20, 3))
    y = layers.DepthwiseConv2D(3, depth_multiplier=2, padding="same", name="dw")(x_in)
    y = layers.SeparableConv2D(10, 3, strides=2, name="sep")(y)
    y = layers.LayerNormalization(name="ln")(y)
    y = layers.GroupNormalization(groups=5, name="gn")(y)
    y = layers.PReLU(shared_axes=[1, 2], name="prelu")(y)
    y = layers.GlobalMaxPooling2D(name="gmp")(y)
    return keras.Model(x_in, y, name="mobile")

def describe(model):
    out = []
    for l in model.layers:
        if isinstance(l, layers.InputLayer):
            continue
        shape = list(l.output.shape[1:])
        out.append({"name": l.name, "params": l.count_params(), "outputShape": shape})
    trainable = sum(int(w.numpy().size) for w in model.trainable_weights)
    non_trainable = sum(int(w.numpy().size) for w in model.non_trainable_weights)
    return {"layers": out, "trainable": trainable, "nonTrainable": non_trainable, "outputShape": list(model.output.shape[1:])}

if __name__ == "__main__":
    result = {"keras": keras.__version__, "models": {m.name: describe(m) for m in (residual(), inception(), decoder(), mobile())}}
    path = os.path.join(os.path.dirname(__file__), "graph_layers.expected.json")
    with open(path, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(json.dumps({k: (v["trainable"], v["nonTrainable"], v["outputShape"]) for k, v in result["models"].items()}))
