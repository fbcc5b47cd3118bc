#!/usr/bin/python3
"""PyTorch goldens for the initialisation schemes of src/nn/init.h.

Writes init.json beside this script. For weight shapes of Linear, Conv2d
(incl. depthwise) and Conv3d, and for each scheme, torch.nn.init's own
numbers: fan_in/fan_out (torch.nn.init._calculate_fan_in_and_fan_out, so the
conv kernel's receptive field is counted as torch counts it), and the
standard deviation, mean and largest |w| of about 2^20 draws of the scheme
(the init is repeated on the shape until that many values are drawn). The
"default" rows are what torch.nn.Linear / Conv2d / Conv3d leave in weight
and bias after construction (kaiming_uniform_(a=sqrt(5)) and a bias bound of
1/sqrt(fan_in)).

nnplay's test (init_reference_test.cpp) draws the same amount from its own
generator and compares: fans equal, std within 1% (about ten standard
errors), |mean| small, and for bounded (uniform) schemes the same largest
|w| within 0.5%.

Run with Debian's interpreter and python3-torch:  /usr/bin/python3 tests/reference/gen_init.py
"""
import json
import math
import os

import torch

TARGET = 1 << 20
SHAPES = [
    ("Linear", [128, 784]),
    ("Linear", [10, 64]),
    ("Conv2d", [16, 6, 5, 5]),
    ("Conv2d", [64, 32, 3, 3]),
    ("Conv2d", [32, 1, 3, 3]),  # depthwise: groups = 32
    ("Conv3d", [8, 4, 3, 3, 3]),
]
I = torch.nn.init
SCHEMES = {
    "xavier_uniform": (lambda t: I.xavier_uniform_(t), True),
    "xavier_normal": (lambda t: I.xavier_normal_(t), False),
    "kaiming_uniform": (lambda t: I.kaiming_uniform_(t, nonlinearity="relu"), True),
    "kaiming_normal": (lambda t: I.kaiming_normal_(t, nonlinearity="relu"), False),
    "normal": (lambda t: I.normal_(t, 0.0, 0.01), False),
    "uniform": (lambda t: I.uniform_(t, -0.01, 0.01), True),
    "constant": (lambda t: I.constant_(t, 0.01), True),
    "zeros": (lambda t: I.zeros_(t), True),
}


def stats(draw, numel):
    reps = max(1, math.ceil(TARGET / numel))
    vals = torch.cat([draw().reshape(-1) for _ in range(reps)]).double()
    return {"count": vals.numel(), "mean": vals.mean().item(), "std": vals.std(unbiased=False).item(),
            "maxabs": vals.abs().max().item()}


def module(kind, shape):
    out, inp, k = shape[0], shape[1], shape[2:]
    if kind == "Linear":
        return torch.nn.Linear(inp, out)
    groups = out if inp == 1 and out > 1 else 1
    cls = torch.nn.Conv2d if kind == "Conv2d" else torch.nn.Conv3d
    return cls(inp * groups, out, tuple(k), groups=groups)


def main():
    torch.manual_seed(7)
    rows = []
    for kind, shape in SHAPES:
        t = torch.empty(shape)
        fan_in, fan_out = I._calculate_fan_in_and_fan_out(t)
        for name, (fn, bounded) in SCHEMES.items():
            rows.append({"layer": kind, "shape": shape, "scheme": name, "fan_in": fan_in, "fan_out": fan_out,
                         "bounded": bounded, "weight": stats(lambda: fn(torch.empty(shape)), t.numel())})
        m = module(kind, shape)
        assert list(m.weight.shape) == shape, (m.weight.shape, shape)
        w = stats(lambda: module(kind, shape).weight.detach(), t.numel())
        b = stats(lambda: module(kind, shape).bias.detach(), shape[0])
        rows.append({"layer": kind, "shape": shape, "scheme": "default", "fan_in": fan_in, "fan_out": fan_out,
                     "bounded": True, "weight": w, "bias": b, "groups": m.groups if kind != "Linear" else 1})
    out = {"magic": "nnplay-golden", "version": 1, "generator": "tests/reference/gen_init.py",
           "torch": torch.__version__, "cases": rows}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "init.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    print(f"wrote {path}: {len(rows)} cases")


if __name__ == "__main__":
    main()
