"""The real frameworks' figures for the model corpus (test/corpus): for each entry of
manifest.json, run the file, build the model as the entry says, and record its parameter
counts as the framework gives them (Keras: trainable and non-trainable weights, batch
norm's moving statistics among the latter; PyTorch: model.parameters(), which leaves
out buffers such as batch norm's running statistics) and output shapes.

Run from the repository root, in a venv with the frameworks:
    python3 -m venv venv && venv/bin/pip install tensorflow-cpu keras "torch==2.13.0+cpu"
    venv/bin/python test/oracle/corpus_oracle.py
It writes test/corpus/expected.json, which test/unit/corpus.test.ts compares ConvLab to.
Output shapes are written in ConvLab's order: no batch, channels first.
"""
import json
import os
import runpy
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = os.path.join(os.path.dirname(__file__), "..", "corpus")


def core_order(shape, framework):
    dims = list(shape)[1:]
    if framework == "keras" and len(dims) == 3:
        return [dims[2], dims[0], dims[1]]
    return dims


def torch_figures(ns, entry):
    import torch
    model = eval(entry["build"], ns)
    model.eval()
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    # Buffers (batch norm's running statistics) are not parameters in PyTorch's count.
    running = sum(p.numel() for p in model.parameters() if not p.requires_grad)
    with torch.no_grad():
        out = model(torch.zeros(1, *entry["input"]))
    outs = out if isinstance(out, (tuple, list)) else [out]
    return trainable, running, [core_order(o.shape, "pytorch") for o in outs]


def keras_figures(ns, entry):
    import numpy as np
    model = eval(entry["build"], ns)
    if "input" in entry:
        c, h, w = entry["input"]
        out = model(np.zeros((1, h, w, c), dtype="float32"))
        outs = out if isinstance(out, (tuple, list)) else [out]
        shapes = [tuple(o.shape) for o in outs]
    else:
        shapes = [tuple(o.shape) for o in model.outputs]
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    frozen = sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)
    return trainable, frozen, [core_order(s, "keras") for s in shapes]


def offline_datasets():
    """Model files that load a dataset first (cifar10.load_data()) run offline: the
    figures depend on the model, not the data, so zeros of the dataset's shape stand in."""
    try:
        import numpy as np
        import keras
    except ImportError:
        return
    def fake(shape, classes):
        def load_data(*args, **kwargs):
            x = np.zeros((8,) + shape, dtype="uint8")
            y = np.zeros((8, 1), dtype="uint8")
            return (x, y), (x, y)
        return load_data
    keras.datasets.cifar10.load_data = fake((32, 32, 3), 10)
    keras.datasets.mnist.load_data = fake((28, 28), 10)
    # Pretrained weights are never downloaded: the figures are the architecture's.
    modules = [keras.applications]
    try:
        import importlib
        modules.append(importlib.import_module("tensorflow.keras.applications"))
    except ImportError:
        pass
    for module in modules:
        for name in [n for n in dir(module) if n[:1].isupper()]:
            build = getattr(module, name)
            setattr(module, name, lambda *a, _b=build, **k: _b(*a, **{**k, "weights": None}))
    try:
        import torch.library
        # torchvision's wheel may be built for a newer torch: its C++ ops are not needed.
        torch.library.register_fake = lambda *a, **k: (lambda f: f)
        import torchvision.models as tv
        for name in dir(tv):
            fn = getattr(tv, name)
            if callable(fn) and name[:1].islower() and not name.startswith("_") and name != "get_model":
                setattr(tv, name, lambda *a, _f=fn, **k: _f(*a, **{key: v for key, v in k.items() if key not in ("weights", "pretrained")}))
    except ImportError:
        pass


def main():
    offline_datasets()
    with open(os.path.join(ROOT, "manifest.json")) as f:
        manifest = json.load(f)
    results = []
    for entry in manifest["models"]:
        path = os.path.join(ROOT, entry["file"])
        framework = "keras" if entry["file"].startswith("keras/") else "pytorch"
        ns = runpy.run_path(path, run_name="corpus")
        trainable, frozen, outputs = (keras_figures if framework == "keras" else torch_figures)(ns, entry)
        results.append({
            "file": entry["file"], "model": entry["model"], "framework": framework,
            "params": trainable + frozen, "trainableParams": trainable, "nonTrainableParams": frozen, "outputShapes": outputs,
        })
        print(f"{entry['file']:32} {entry['model']:18} {trainable + frozen:>10,} {outputs}", file=sys.stderr)
    with open(os.path.join(ROOT, "expected.json"), "w") as f:
        json.dump({"generatedBy": "test/oracle/corpus_oracle.py", "models": results}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
