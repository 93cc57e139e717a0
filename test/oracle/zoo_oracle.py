"""The model zoo's figures from the real libraries: every builder ConvLab ships as Python
(core/parse/zoo/*.ts) is built by torchvision.models or keras.applications itself, with
weights=None, and its parameter count (PyTorch: parameters(); Keras: all weights) and output
shape written to test/corpus/zoo.expected.json for test/unit/parse/zoo.test.ts.

It also runs ConvLab's own Python for each builder with the real framework and checks it
gives the library's count, so the zoo's code is itself checked, not only ConvLab's reading.

    venv/bin/pip install tensorflow-cpu keras "torch==2.13.0+cpu" torchvision pillow
    venv/bin/python test/oracle/zoo_oracle.py
"""
import json
import os
import re
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(__file__)
ZOO = os.path.join(HERE, "..", "..", "core", "parse", "zoo")


def source(ts_file, const):
    text = open(os.path.join(ZOO, ts_file)).read()
    m = re.search(r"export const " + const + r" = String\.raw`(.*?)`;", text, re.S)
    return m.group(1)


def builders(ts_file, const):
    text = open(os.path.join(ZOO, ts_file)).read()
    m = re.search(r"export const " + const + r"[^=]*= [\[{](.*?)[\]}];", text, re.S)
    return re.findall(r"'(\w+)'", m.group(1))


def core_order(shape):
    dims = list(shape)[1:]
    return [dims[2], dims[0], dims[1]] if len(dims) == 3 else dims


def torch_figures():
    import torch
    import torch.library
    # torchvision's wheel may be built for a newer torch: its C++ ops are not needed here.
    torch.library.register_fake = lambda *a, **k: (lambda f: f)
    import torchvision.models as tv
    ours = {}
    exec(source("torchvisionModels.ts", "TORCHVISION_SOURCE"), ours)
    out = {}
    for name in builders("torchvisionModels.ts", "TORCHVISION_BUILDERS"):
        size = 224
        ref = getattr(tv, name)(weights=None).eval()
        mine = ours[name]()
        count = sum(p.numel() for p in ref.parameters())
        assert count == sum(p.numel() for p in mine.parameters()), f"ConvLab's {name} differs from torchvision's"
        with torch.no_grad():
            shape = list(ref(torch.zeros(1, 3, size, size)).shape)[1:]
        out[name] = {"params": count, "input": [3, size, size], "outputShapes": [shape]}
        print(f"torchvision {name:18} {count:>12,} {shape}", file=sys.stderr)
    return out


def keras_figures():
    import keras
    ours = {}
    exec(source("kerasApplications.ts", "KERAS_APPLICATIONS_SOURCE"), ours)
    out = {}
    for name in builders("kerasApplications.ts", "KERAS_APPLICATIONS"):
        if not name[0].isupper():
            continue
        ref = getattr(keras.applications, name)(weights=None)
        mine = ours[name](weights=None)
        assert ref.count_params() == mine.count_params(), f"ConvLab's {name} differs from keras.applications'"
        out[name] = {"params": ref.count_params(), "outputShapes": [core_order(o.shape) for o in ref.outputs]}
        print(f"keras {name:18} {ref.count_params():>12,} {out[name]['outputShapes']}", file=sys.stderr)
    return out


def main():
    result = {"generatedBy": "test/oracle/zoo_oracle.py", "torchvision": torch_figures(), "keras": keras_figures()}
    with open(os.path.join(HERE, "..", "corpus", "zoo.expected.json"), "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
