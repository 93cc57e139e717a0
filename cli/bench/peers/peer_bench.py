"""The benchmark's peers: Keras (on TensorFlow, CPU) and PyTorch (CPU), driven by
`convlab bench` (cli/bench/peerSystem.ts) as a child process.

Why a long-lived child that times its own loops: importing TensorFlow takes seconds, and a
pipe round trip per training step would be counted as the peer's time. So the Node side
starts one process per peer, sends one JSON request per line on stdin, and this script
runs the same warm-up-then-time loop as cli/bench/timing.ts and answers one JSON line on
stdout. The Node side asks the systems in turn (ConvLab, Keras, PyTorch, ...), so the
measurements are interleaved; this process is idle between requests.

The models and settings are those of cli/bench/system.ts and core/lessons/depthExperiment.ts:
  - the teaching CNN, batch 64: conv 3x3x8 ReLU, maxpool 2, conv 3x3x16 ReLU, maxpool 2,
    dense 10 as logits, softmax cross-entropy, plain SGD with step 0.3;
  - the big convolution: one 64x64x32 image, 3x3, 64 filters, 'same', no bias;
  - the dense step: Dense(512 -> 512, ELU) at batch 256, mean squared error, Adam, with
    the input's gradient computed too (as for every hidden layer of the depth model);
  - the depth experiment: Flatten, depth x Dense(512, elu), Dense(10, softmax), Adam
    (Keras' defaults), categorical cross-entropy, batch 256, one epoch of fit with
    validation data, as the lecture's loop runs it.
Inputs are random with the same distributions as ConvLab's (speed does not depend on the
values); every system gets the same shapes and settings.

Usage: peer_bench.py --probe            prints one JSON line: which frameworks import
       peer_bench.py keras|torch --threads 1|all   serves requests on stdin
"""

import argparse
import importlib.metadata
import importlib.util
import json
import os
import sys
import time

BATCH = 64
IMAGE = 28
CLASSES = 10
SGD_STEP = 0.3
BIG = dict(height=64, width=64, in_channels=32, kernel=3, filters=64)
DENSE_BATCH = 256
DENSE_UNITS = 512
DEPTH_BATCH = 256
DEPTH_UNITS = 512


def probe():
    """Which frameworks this Python has, without importing them (TensorFlow takes seconds)."""
    found = {"python": sys.version.split()[0]}
    for module, dist in (("tensorflow", "tensorflow"), ("keras", "keras"), ("torch", "torch")):
        if importlib.util.find_spec(module) is None:
            found[module] = None
            continue
        try:
            found[module] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            # tensorflow-cpu installs the module "tensorflow" under another distribution name.
            try:
                found[module] = importlib.metadata.version(dist + "-cpu")
            except importlib.metadata.PackageNotFoundError:
                found[module] = "unknown version"
    return found


def time_calls(work, budget):
    """cli/bench/timing.ts's loop: warm up, then repeat until the time and the count are spent."""

    def run(min_seconds, min_calls):
        start = time.perf_counter()
        calls = 0
        elapsed = 0.0
        while calls < min_calls or elapsed < min_seconds:
            work()
            calls += 1
            elapsed = time.perf_counter() - start
        return calls, elapsed

    if budget["warmupCalls"] > 0 or budget["warmupSeconds"] > 0:
        run(budget["warmupSeconds"], budget["warmupCalls"])
    calls, elapsed = run(budget["seconds"], budget["minCalls"])
    return {"calls": calls, "seconds": elapsed, "callsPerSecond": calls / elapsed}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("framework", nargs="?", choices=["keras", "torch"])
    parser.add_argument("--threads", default="1", help="1, or 'all' for the framework's default")
    parser.add_argument("--probe", action="store_true")
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe()), flush=True)
        return
    if args.framework is None:
        parser.error("name a framework (keras or torch) or pass --probe")
    one_thread = args.threads == "1"
    # Both modules import their framework only here, after the thread settings are known.
    if args.framework == "keras":
        from peer_keras import KerasPeer as Peer
    else:
        from peer_torch import TorchPeer as Peer
    peer = Peer(one_thread)
    print(json.dumps({"ready": True, "note": peer.note}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            reply = {"ok": True, **serve(peer, request)}
        except Exception as error:  # the Node side reports it; the process stays usable
            reply = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        print(json.dumps(reply), flush=True)
        if request.get("type") == "quit":
            break


def serve(peer, request):
    kind = request["type"]
    if kind == "setup":
        peer.setup(request["seed"])
        return {}
    if kind == "time":
        work = {"forward": peer.forward, "train": peer.train, "bigConv": peer.big_conv, "denseStep": peer.dense_step}[request["figure"]]
        return time_calls(work, request["budget"])
    if kind == "depthEpoch":
        return {"seconds": peer.depth_epoch(request["depth"], request["trainCount"], request["validCount"], request["seed"])}
    if kind == "quit":
        return {}
    raise ValueError(f"unknown request type {kind!r}")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
