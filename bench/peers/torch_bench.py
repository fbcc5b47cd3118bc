#!/usr/bin/python3
"""PyTorch CPU peer of nnplay-bench: same workloads, same JSON lines.

Run by scripts/bench as /usr/bin/python3 with LD_LIBRARY_PATH pointing at
Debian's libopenblas0-openmp (its libblas.so.3 replaces the reference BLAS
that python3-torch links by default, about 15x slower), one thread.

Workloads mirror bench/nnplay_bench.cpp: GEMM (MxKxN, three forms), MLP
784-128-64-10 ReLU train (CE, SGD lr 0.01, batch 64, uint8 data scaled per
batch), 2-8-8-1 tanh train (BCE-with-logits, SGD, batch 10), MLP inference
(batch 64, no_grad), LeNet-5 train/inference (batch 64), and the zoo's
ResNet-20 (train, inference) and MobileNet v2 (train) on 1x28x28, batch 64,
written here layer for layer as src/nn/zoo.cpp builds them; each model row
prints its parameter count, which must equal nnplay-bench's.
usage: torch_bench.py [--only a,b] [--reps N] [--min-time S] [--warmup S]
"""
import argparse
import ctypes
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def blas_name():
    # Which libblas.so.3 did the dynamic loader pick?
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line}
        return ", ".join(sorted(os.path.basename(p) for p in libs)) or "unknown"
    except OSError:
        return "unknown"


def measure(body, work, opt):
    t0 = time.perf_counter()
    calls = 0
    while True:
        body()
        calls += 1
        warm = time.perf_counter() - t0
        if warm >= opt.warmup and calls >= 3:
            break
    per_rep = max(1, int(calls / warm * opt.min_time))
    rates = []
    for _ in range(opt.reps):
        a = time.perf_counter()
        n = 0
        while True:
            for _ in range(per_rep):
                body()
            n += per_rep
            dt = time.perf_counter() - a
            if dt >= opt.min_time:
                break
        rates.append(work * n / dt)
        per_rep = max(1, int(n / dt * opt.min_time))
    rates.sort()
    return {"value": rates[len(rates) // 2], "min": rates[0], "max": rates[-1], "reps": len(rates)}


def emit(fields, unit, stats):
    print(json.dumps({**fields, "unit": unit, **stats}), flush=True)


def bench_gemm(opt):
    g = torch.Generator().manual_seed(7)
    for (M, K, N) in [(256, 256, 256), (64, 784, 128), (784, 64, 128)]:
        gflop = 2e-9 * M * N * K
        A = torch.rand(M, K, generator=g) * 2 - 1
        B = torch.rand(K, N, generator=g) * 2 - 1
        Bt = B.t().contiguous()   # stored (N, K)
        At = A.t().contiguous()   # stored (K, M)
        C = torch.empty(M, N)
        forms = {
            "nn": lambda: torch.mm(A, B, out=C),
            "nt": lambda: torch.mm(A, Bt.t(), out=C),
            "tn": lambda: torch.mm(At.t(), B, out=C),
        }
        for form, fn in forms.items():
            emit({"kind": "gemm", "form": form, "shape": f"{M}x{K}x{N}"}, "GFLOP/s", measure(fn, gflop, opt))


def synthetic_images(n):
    g = torch.Generator().manual_seed(11)
    x = torch.randint(0, 256, (n, 784), generator=g, dtype=torch.uint8)
    y = torch.randint(0, 10, (n,), generator=g)
    return x, y


def mlp():
    return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


class ResBlock(nn.Module):
    """Basic block of zoo.cpp's resnet_like: conv-BN-ReLU-conv-BN, + shortcut
    (1x1 projection + BN when the shape changes, option B), ReLU."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
            nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.proj = None
        if stride != 1 or cin != cout:
            self.proj = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, 0, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        return F.relu(self.body(x) + (self.proj(x) if self.proj is not None else x))


def resnet20(width=16, classes=10):
    """zoo: resnet(depth=20, width=16): stem conv3x3-BN-ReLU, 3 stages of 3 blocks."""
    layers = [nn.Conv2d(1, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU()]
    cin = width
    for s in range(3):
        cout = width << s
        for k in range(3):
            layers.append(ResBlock(cin, cout, 2 if s > 0 and k == 0 else 1))
            cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes)]
    return nn.Sequential(*layers)


class InvertedResidual(nn.Module):
    """zoo: mobilenetv2 block: expand 1x1-BN-ReLU, depthwise 3x3-BN-ReLU,
    project 1x1-BN (linear bottleneck), + input when stride 1 and same width."""

    def __init__(self, cin, cout, stride, t):
        super().__init__()
        hidden = cin * t
        self.body = nn.Sequential(
            nn.Conv2d(cin, hidden, 1, bias=False), nn.BatchNorm2d(hidden), nn.ReLU(),
            nn.Conv2d(hidden, hidden, 3, stride, 1, groups=hidden, bias=False), nn.BatchNorm2d(hidden), nn.ReLU(),
            nn.Conv2d(hidden, cout, 1, bias=False), nn.BatchNorm2d(cout))
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        y = self.body(x)
        return y + x if self.residual else y


def mobilenetv2(t=6, classes=10):
    layers = [nn.Conv2d(1, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU()]
    cin = 16
    for cout, stride in [(16, 1), (24, 2), (24, 1), (32, 2), (32, 1), (64, 1)]:
        layers.append(InvertedResidual(cin, cout, stride, t))
        cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes)]
    return nn.Sequential(*layers)


def params(model):
    return sum(p.numel() for p in model.parameters())


def bench_train(kind, model, x_u8, y, batch, shape, opt):
    sgd = torch.optim.SGD(model.parameters(), lr=0.01)
    n = x_u8.shape[0]
    perm = torch.randperm(n)
    state = {"cursor": n}

    def step():
        if state["cursor"] + batch > n:
            perm.copy_(torch.randperm(n))
            state["cursor"] = 0
        idx = perm[state["cursor"]:state["cursor"] + batch]
        state["cursor"] += batch
        xb = x_u8[idx].float().div_(255.0).view(batch, *shape)
        loss = F.cross_entropy(model(xb), y[idx])
        sgd.zero_grad()
        loss.backward()
        sgd.step()

    emit({"kind": kind, "batch": batch, "params": params(model)}, "samples/s", measure(step, batch, opt))


def bench_tiny(opt):
    g = torch.Generator().manual_seed(1)
    x = torch.rand(500, 2, generator=g) * 12 - 6
    y = ((x[:, 0] * x[:, 1]) >= 0).float().unsqueeze(1)
    model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 1))
    sgd = torch.optim.SGD(model.parameters(), lr=0.03)
    loss_fn = nn.BCEWithLogitsLoss()
    state = {"cursor": 0}

    def step():
        c = state["cursor"]
        xb, yb = x[c:c + 10], y[c:c + 10]
        state["cursor"] = (c + 10) % 500
        loss = loss_fn(model(xb), yb)
        sgd.zero_grad()
        loss.backward()
        sgd.step()

    emit({"kind": "tiny_train", "batch": 10}, "steps/s", measure(step, 1, opt))


def bench_infer(kind, model, x_u8, batch, shape, opt):
    model.eval()
    xb = x_u8[:batch].float().div_(255.0).view(batch, *shape)

    def fwd():
        with torch.no_grad():
            model(xb)

    emit({"kind": kind, "batch": batch, "params": params(model)}, "samples/s", measure(fwd, batch, opt))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--only", default="")
    p.add_argument("--reps", type=int, default=7)
    p.add_argument("--min-time", type=float, default=0.25)
    p.add_argument("--warmup", type=float, default=0.6)
    opt = p.parse_args()
    only = set(filter(None, opt.only.split(",")))
    wanted = lambda k: not only or k in only
    torch.set_num_threads(1)
    torch.manual_seed(1)
    print(json.dumps({"kind": "info", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "blas": blas_name(), "ld_library_path": os.environ.get("LD_LIBRARY_PATH", "")}), flush=True)
    if wanted("gemm"):
        bench_gemm(opt)
    x, y = synthetic_images(6400)
    if wanted("mlp_train"):
        bench_train("mlp_train", mlp(), x, y, 64, (784,), opt)
    if wanted("tiny_train"):
        bench_tiny(opt)
    if wanted("mlp_infer"):
        bench_infer("mlp_infer", mlp(), x, 64, (784,), opt)
    if wanted("lenet_train"):
        bench_train("lenet_train", lenet(), x, y, 64, (1, 28, 28), opt)
    if wanted("lenet_infer"):
        bench_infer("lenet_infer", lenet(), x, 64, (1, 28, 28), opt)
    if wanted("resnet20_train"):
        bench_train("resnet20_train", resnet20(), x, y, 64, (1, 28, 28), opt)
    if wanted("resnet20_infer"):
        bench_infer("resnet20_infer", resnet20(), x, 64, (1, 28, 28), opt)
    if wanted("mobilenetv2_train"):
        bench_train("mobilenetv2_train", mobilenetv2(), x, y, 64, (1, 28, 28), opt)


if __name__ == "__main__":
    main()
