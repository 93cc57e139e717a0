"""PyTorch (CPU) as a benchmark peer; peer_bench.py drives it.

Written as a PyTorch user writes it: nn.Sequential models, the optimiser's zero_grad,
backward and step, inference under torch.inference_mode, and for the depth epoch the usual
loop over shuffled index batches followed by a validation pass. Adam gets Keras' epsilon
(1e-7) so that both peers run the lecture's optimiser; that does not change its speed.
"""

import time

import torch
from torch import nn
import torch.nn.functional as F

import peer_bench as spec


class TorchPeer:
    def __init__(self, one_thread):
        if one_thread:
            torch.set_num_threads(1)
            torch.set_num_interop_threads(1)
        self.note = f"PyTorch {torch.__version__} CPU, {torch.get_num_threads()} thread{'s' if torch.get_num_threads() > 1 else ''}"

    def setup(self, seed):
        g = torch.Generator().manual_seed(seed)
        torch.manual_seed(seed)
        self.x = torch.rand((spec.BATCH, 1, spec.IMAGE, spec.IMAGE), generator=g)
        self.y = torch.randint(0, spec.CLASSES, (spec.BATCH,), generator=g)
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(16 * 5 * 5, spec.CLASSES),
        )
        self.cnn_opt = torch.optim.SGD(self.cnn.parameters(), lr=spec.SGD_STEP)

        b = spec.BIG
        self.big_x = torch.randn((1, b["in_channels"], b["height"], b["width"]), generator=g)
        self.big = nn.Conv2d(b["in_channels"], b["filters"], b["kernel"], padding="same", bias=False)

        # requires_grad on the input: the step computes dL/dx as a hidden layer's does.
        self.dense_x = torch.rand((spec.DENSE_BATCH, spec.DENSE_UNITS), generator=g).requires_grad_()
        self.dense_target = torch.rand((spec.DENSE_BATCH, spec.DENSE_UNITS), generator=g)
        self.dense = nn.Linear(spec.DENSE_UNITS, spec.DENSE_UNITS)
        self.dense_opt = torch.optim.Adam(self.dense.parameters(), lr=1e-3, eps=1e-7)

    def forward(self):
        with torch.inference_mode():
            self.cnn(self.x)

    def train(self):
        self.cnn_opt.zero_grad()
        F.cross_entropy(self.cnn(self.x), self.y).backward()
        self.cnn_opt.step()

    def big_conv(self):
        with torch.inference_mode():
            self.big(self.big_x)

    def dense_step(self):
        self.dense_opt.zero_grad()
        self.dense_x.grad = None
        F.mse_loss(F.elu(self.dense(self.dense_x)), self.dense_target).backward()
        self.dense_opt.step()

    def depth_epoch(self, depth, train_count, valid_count, seed):
        """One epoch at this depth (training, then validation), in seconds, after a warm-up batch."""
        g = torch.Generator().manual_seed(seed)
        torch.manual_seed(seed)
        x = torch.rand((train_count, spec.IMAGE, spec.IMAGE), generator=g)
        y = torch.randint(0, spec.CLASSES, (train_count,), generator=g)
        xv = torch.rand((valid_count, spec.IMAGE, spec.IMAGE), generator=g)
        yv = torch.randint(0, spec.CLASSES, (valid_count,), generator=g)
        layers = [nn.Flatten()]
        width = spec.IMAGE * spec.IMAGE
        for _ in range(depth):
            layers += [nn.Linear(width, spec.DEPTH_UNITS), nn.ELU()]
            width = spec.DEPTH_UNITS
        # Logits: cross_entropy applies the softmax, as Keras' softmax + categorical_crossentropy.
        model = nn.Sequential(*layers, nn.Linear(width, spec.CLASSES))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)

        def epoch(xs, ys, xvs, yvs):
            model.train()
            order = torch.randperm(len(xs), generator=g)
            total = 0.0
            for start in range(0, len(xs), spec.DEPTH_BATCH):
                idx = order[start:start + spec.DEPTH_BATCH]
                opt.zero_grad()
                loss = F.cross_entropy(model(xs[idx]), ys[idx])
                loss.backward()
                opt.step()
                total += loss.item() * len(idx)
            model.eval()
            correct = 0
            with torch.inference_mode():
                for start in range(0, len(xvs), spec.DEPTH_BATCH):
                    out = model(xvs[start:start + spec.DEPTH_BATCH])
                    correct += (out.argmax(1) == yvs[start:start + spec.DEPTH_BATCH]).sum().item()
            return total, correct

        warm = 2 * spec.DEPTH_BATCH
        epoch(x[:warm], y[:warm], xv[:warm], yv[:warm])
        start = time.perf_counter()
        epoch(x, y, xv, yv)
        return time.perf_counter() - start
