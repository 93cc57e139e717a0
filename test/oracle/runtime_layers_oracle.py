"""Oracle for the runtime's layers of real models (core/layers: transposed and separable
convolutions, upsampling, padding, cropping, resizing, adaptive and ceil-mode pooling,
normalisations, PReLU, the activations beyond the lecture's six).

Each case runs one layer in PyTorch or Keras on a seeded input with seeded weights and writes
the IR spec, the input, the weights in the core's layout ([C, H, W] maps, PyTorch's kernel
layouts) and the framework's output to test/oracle/runtime_layers.expected.json. The unit
test test/unit/layers/runtimeLayers.test.ts builds the same layer in ConvLab, loads the
weights and compares; CI needs no Python. Run in a venv with torch, keras, tensorflow-cpu:
    python test/oracle/runtime_layers_oracle.py
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import keras
from keras import layers

BATCH = 2
rng = np.random.default_rng(20261204)
cases = []


def values(a):
    return [float("%.7g" % v) for v in np.asarray(a, dtype=np.float32).reshape(-1)]


def tensor(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "values": values(a)}


def seeded(*shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def torch_case(name, spec, module, in_shape, weights=None, scale=1.0):
    """weights: core name -> the module's parameter (PyTorch's layout is the core's)."""
    x = seeded(BATCH, *in_shape, scale=scale)
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.from_numpy(seeded(*p.shape, scale=0.5)))
        module.eval()
        y = module(torch.from_numpy(x)).numpy()
    w = {k: tensor(getattr(module, v).detach().numpy()) for k, v in (weights or {}).items()}
    cases.append({"name": name, "framework": "pytorch", "spec": spec, "input": tensor(x), "weights": w, "output": tensor(y)})


def to_core(a):
    """NHWC → NCHW for maps; vectors pass."""
    return np.transpose(a, (0, 3, 1, 2)) if a.ndim == 4 else a


def keras_case(name, spec, layer, in_shape, weights=None, scale=1.0):
    """in_shape in the core's [C, H, W]; weights: core name -> (keras weight index, to-core function)."""
    x = seeded(BATCH, *in_shape, scale=scale)
    x_keras = np.transpose(x, (0, 2, 3, 1)) if x.ndim == 4 else x
    layer.build(x_keras.shape)
    layer.set_weights([seeded(*w.shape, scale=0.5) for w in layer.get_weights()])
    y = np.asarray(layer(x_keras, training=False))
    got = layer.get_weights()
    w = {k: tensor(convert(got[i])) for k, (i, convert) in (weights or {}).items()}
    cases.append({"name": name, "framework": "keras", "spec": spec, "input": tensor(x), "weights": w, "output": tensor(to_core(y))})


def conv_t(f, k, s, pad, op=(0, 0), d=(1, 1), groups=1, bias=True):
    return {"kind": "conv2dTranspose", "filters": f, "kernelSize": [k, k], "strides": [s, s], "padding": pad,
            "outputPadding": list(op), "dilation": list(d), "groups": groups, "useBias": bias, "activation": "linear"}


# Transposed convolutions, PyTorch: explicit padding, output_padding, groups, dilation.
torch_case("ConvTranspose2d k3 s2 p1 op1", conv_t(4, 3, 2, [1, 1], (1, 1)), nn.ConvTranspose2d(3, 4, 3, stride=2, padding=1, output_padding=1), [3, 5, 5], {"kernel": "weight", "bias": "bias"})
torch_case("ConvTranspose2d k2 s2 groups 2", conv_t(6, 2, 2, [0, 0], groups=2, bias=False), nn.ConvTranspose2d(4, 6, 2, stride=2, groups=2, bias=False), [4, 3, 4], {"kernel": "weight"})
torch_case("ConvTranspose2d k3 d2 p2", conv_t(3, 3, 1, [2, 2], d=(2, 2)), nn.ConvTranspose2d(2, 3, 3, padding=2, dilation=2), [2, 4, 4], {"kernel": "weight", "bias": "bias"})

# Transposed convolutions, Keras: kernel [kh, kw, F, C] → [C, F, kh, kw].
kt = lambda k: np.transpose(k, (3, 2, 0, 1))
ident = lambda a: a
keras_case("Conv2DTranspose k3 s2 same", conv_t(4, 3, 2, "same"), layers.Conv2DTranspose(4, 3, strides=2, padding="same"), [3, 5, 5], {"kernel": (0, kt), "bias": (1, ident)})
keras_case("Conv2DTranspose k4 s2 same", conv_t(2, 4, 2, "same"), layers.Conv2DTranspose(2, 4, strides=2, padding="same"), [3, 4, 3], {"kernel": (0, kt), "bias": (1, ident)})
keras_case("Conv2DTranspose k3 s2 valid", conv_t(3, 3, 2, "valid"), layers.Conv2DTranspose(3, 3, strides=2), [2, 4, 4], {"kernel": (0, kt), "bias": (1, ident)})
keras_case("Conv2DTranspose k1 s2 valid", conv_t(3, 1, 2, "valid"), layers.Conv2DTranspose(3, 1, strides=2), [2, 3, 3], {"kernel": (0, kt), "bias": (1, ident)})

# Depthwise and separable, Keras: depthwise [kh, kw, C, m] → [C·m, 1, kh, kw]; pointwise [1, 1, C·m, F] → [F, C·m, 1, 1].
def dw_core(k):
    kh, kw, c, m = k.shape
    return np.transpose(k.reshape(kh, kw, c * m), (2, 0, 1))[:, None, :, :]
pw_core = lambda k: np.transpose(k, (3, 2, 0, 1))
dw_spec = {"kind": "depthwiseConv2d", "depthMultiplier": 2, "kernelSize": [3, 3], "strides": [1, 1], "padding": "valid", "dilation": [1, 1], "useBias": True, "activation": "linear"}
keras_case("DepthwiseConv2D m2", dw_spec, layers.DepthwiseConv2D(3, depth_multiplier=2), [3, 6, 5], {"kernel": (0, dw_core), "bias": (1, ident)})
sep_spec = {"kind": "separableConv2d", "filters": 5, "depthMultiplier": 2, "kernelSize": [3, 3], "strides": [2, 2], "padding": "same", "dilation": [1, 1], "useBias": True, "activation": "relu"}
keras_case("SeparableConv2D s2 same relu", sep_spec, layers.SeparableConv2D(5, 3, strides=2, padding="same", depth_multiplier=2, activation="relu"), [3, 7, 6],
           {"depthwiseKernel": (0, dw_core), "pointwiseKernel": (1, pw_core), "bias": (2, ident)})

# Upsampling.
up = lambda interp, scale=None, size=None, align=None: {k: v for k, v in {"kind": "upSampling2d", "scale": scale, "size": size, "interpolation": interp, "alignCorners": align}.items() if v is not None}
torch_case("Upsample nearest ×2", up("nearest", [2, 2]), nn.Upsample(scale_factor=2), [2, 3, 4])
torch_case("Upsample bilinear ×2", up("bilinear", [2, 2]), nn.Upsample(scale_factor=2, mode="bilinear"), [2, 3, 4])
torch_case("Upsample bilinear ×2 corners", up("bilinear", [2, 2], align=True), nn.Upsample(scale_factor=2, mode="bilinear", align_corners=True), [2, 3, 4])
torch_case("interpolate bilinear to 7×9", up("bilinear", size=[7, 9]), nn.Upsample(size=(7, 9), mode="bilinear"), [2, 4, 5])
torch_case("interpolate nearest to 7×9", up("nearest", size=[7, 9]), nn.Upsample(size=(7, 9)), [2, 4, 5])
keras_case("UpSampling2D bilinear ×2", up("bilinear", [2, 2]), layers.UpSampling2D(2, interpolation="bilinear"), [2, 3, 4])
keras_case("UpSampling2D nearest ×[2,3]", up("nearest", [2, 3]), layers.UpSampling2D((2, 3)), [2, 3, 4])

# Padding (PyTorch's pad order is left, right, top, bottom; the IR's top, bottom, left, right) and cropping.
torch_case("ReflectionPad2d", {"kind": "padding2d", "padding": [2, 1, 1, 2], "mode": "reflect"}, nn.ReflectionPad2d((1, 2, 2, 1)), [2, 4, 5])
torch_case("ReplicationPad2d", {"kind": "padding2d", "padding": [2, 2, 2, 2], "mode": "replicate"}, nn.ReplicationPad2d(2), [2, 3, 4])
torch_case("ConstantPad2d 0.5", {"kind": "padding2d", "padding": [2, 0, 1, 1], "mode": "constant", "value": 0.5}, nn.ConstantPad2d((1, 1, 2, 0), 0.5), [2, 3, 3])
keras_case("ZeroPadding2D", {"kind": "padding2d", "padding": [1, 2, 3, 0], "mode": "zeros"}, layers.ZeroPadding2D(((1, 2), (3, 0))), [2, 3, 3])
keras_case("Cropping2D", {"kind": "cropping2d", "cropping": [1, 2, 0, 1]}, layers.Cropping2D(((1, 2), (0, 1))), [2, 6, 5])
keras_case("Resizing 7×9", {"kind": "resize", "height": 7, "width": 9, "method": "resize"}, layers.Resizing(7, 9), [2, 4, 5])
keras_case("Resizing 3×2 (down)", {"kind": "resize", "height": 3, "width": 2, "method": "resize"}, layers.Resizing(3, 2), [2, 6, 5])
keras_case("CenterCrop 3×4", {"kind": "resize", "height": 3, "width": 4, "method": "centerCrop"}, layers.CenterCrop(3, 4), [2, 6, 7])

# Pooling: adaptive, ceil_mode, count_include_pad, global max.
torch_case("AdaptiveAvgPool2d (3, 2)", {"kind": "adaptivePool2d", "op": "avg", "outputSize": [3, 2]}, nn.AdaptiveAvgPool2d((3, 2)), [2, 7, 5])
torch_case("AdaptiveMaxPool2d (2, 3)", {"kind": "adaptivePool2d", "op": "max", "outputSize": [2, 3]}, nn.AdaptiveMaxPool2d((2, 3)), [2, 5, 7])
torch_case("MaxPool2d 3 s2 ceil", {"kind": "maxPool2d", "poolSize": [3, 3], "strides": [2, 2], "padding": "valid", "ceilMode": True}, nn.MaxPool2d(3, 2, ceil_mode=True), [2, 8, 8])
torch_case("MaxPool2d 3 s2 p1 ceil", {"kind": "maxPool2d", "poolSize": [3, 3], "strides": [2, 2], "padding": [1, 1], "ceilMode": True}, nn.MaxPool2d(3, 2, padding=1, ceil_mode=True), [2, 8, 7])
torch_case("AvgPool2d 3 s2 p1", {"kind": "avgPool2d", "poolSize": [3, 3], "strides": [2, 2], "padding": [1, 1]}, nn.AvgPool2d(3, 2, padding=1), [2, 7, 7])
torch_case("AvgPool2d 2 ceil", {"kind": "avgPool2d", "poolSize": [2, 2], "strides": [2, 2], "padding": "valid", "ceilMode": True}, nn.AvgPool2d(2, ceil_mode=True), [2, 5, 5])
torch_case("AvgPool2d 3 s2 p1 ceil no pad count", {"kind": "avgPool2d", "poolSize": [3, 3], "strides": [2, 2], "padding": [1, 1], "ceilMode": True, "countIncludePad": False},
           nn.AvgPool2d(3, 2, padding=1, ceil_mode=True, count_include_pad=False), [2, 6, 6])
keras_case("GlobalMaxPooling2D", {"kind": "globalMaxPool2d"}, layers.GlobalMaxPooling2D(), [3, 4, 5])

# Normalisations.
torch_case("GroupNorm 2 groups", {"kind": "normalization", "variant": "group", "groups": 2, "epsilon": 1e-5, "affine": True}, nn.GroupNorm(2, 4), [4, 3, 3], {"gamma": "weight", "beta": "bias"}, scale=2.0)
torch_case("InstanceNorm2d affine", {"kind": "normalization", "variant": "instance", "epsilon": 1e-5, "affine": True}, nn.InstanceNorm2d(3, affine=True), [3, 4, 4], {"gamma": "weight", "beta": "bias"}, scale=2.0)
torch_case("InstanceNorm2d", {"kind": "normalization", "variant": "instance", "epsilon": 1e-5, "affine": False}, nn.InstanceNorm2d(3), [3, 4, 4], scale=2.0)
torch_case("LayerNorm [3, 4, 4]", {"kind": "normalization", "variant": "layer", "epsilon": 1e-5, "affine": True, "normalizedShape": [3, 4, 4]}, nn.LayerNorm([3, 4, 4]), [3, 4, 4], {"gamma": "weight", "beta": "bias"})
torch_case("LayerNorm [5] on a vector", {"kind": "normalization", "variant": "layer", "epsilon": 1e-5, "affine": True, "normalizedShape": [5]}, nn.LayerNorm(5), [5], {"gamma": "weight", "beta": "bias"})
keras_case("LayerNormalization (channels)", {"kind": "normalization", "variant": "layer", "epsilon": 1e-3, "affine": True}, layers.LayerNormalization(), [6, 3, 4],
           {"gamma": (0, ident), "beta": (1, ident)}, scale=2.0)

# PReLU: PyTorch's single slope and per channel; Keras' shared over height and width (alpha [H, W, C] → [C, 1, 1]).
torch_case("PReLU one slope", {"kind": "prelu", "sharedAxes": "all"}, nn.PReLU(), [3, 3, 3], {"alpha": "weight"})
prelu_c = nn.PReLU(3)
torch_case("PReLU per channel", {"kind": "prelu", "sharedAxes": [1, 2]}, prelu_c, [3, 3, 3], {"alpha": "weight"})
cases[-1]["weights"]["alpha"]["shape"] = [3, 1, 1]
keras_case("Keras PReLU shared [1, 2]", {"kind": "prelu", "sharedAxes": [1, 2]}, layers.PReLU(shared_axes=[1, 2]), [3, 3, 4], {"alpha": (0, lambda a: np.transpose(a, (2, 0, 1)))})

# Activations, on values from −6 to 6.
act = lambda a, **kw: {"kind": "activation", "activation": a, **kw}
for name, spec, module in [
    ("ReLU6", act("relu6"), nn.ReLU6()),
    ("LeakyReLU 0.1", act("leakyRelu", alpha=0.1), nn.LeakyReLU(0.1)),
    ("ELU 0.5", act("elu", alpha=0.5), nn.ELU(0.5)),
    ("GELU", act("gelu"), nn.GELU()),
    ("GELU tanh", act("gelu", approximate=True), nn.GELU(approximate="tanh")),
    ("SiLU", act("silu"), nn.SiLU()),
    ("Hardswish", act("hardSwish"), nn.Hardswish()),
    ("Hardsigmoid", act("hardSigmoid"), nn.Hardsigmoid()),
    ("Softplus", act("softplus"), nn.Softplus()),
    ("SELU", act("selu"), nn.SELU()),
    ("Mish", act("mish"), nn.Mish()),
]:
    torch_case(name, spec, module, [2, 4, 5], scale=3.0)
keras_case("Keras leaky_relu (0.2)", {"kind": "dense", "units": 4, "useBias": True, "activation": "leakyRelu"}, layers.Dense(4, activation="leaky_relu"), [6],
           {"kernel": (0, lambda k: k.T), "bias": (1, ident)}, scale=2.0)
keras_case("Keras hard_sigmoid", act("hardSigmoid"), layers.Activation("hard_sigmoid"), [2, 3, 3], scale=3.0)
keras_case("Keras gelu", act("gelu"), layers.Activation("gelu"), [2, 3, 3], scale=3.0)

out = os.path.join(os.path.dirname(__file__), "runtime_layers.expected.json")
with open(out, "w") as f:
    json.dump({"generatedBy": "test/oracle/runtime_layers_oracle.py", "torch": torch.__version__, "keras": keras.__version__, "batch": BATCH, "cases": cases}, f)
print(f"{len(cases)} cases → {out}")
