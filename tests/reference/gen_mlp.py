#!/usr/bin/python3
"""PyTorch goldens for the MLP path (Linear, Tanh/ReLU/Sigmoid,
cross-entropy / BCE-with-logits / MSE, SGD with momentum, Adam with L2 on
weights only). Writes mlp.json beside this script.

Run with Debian's interpreter and python3-torch:  /usr/bin/python3 tests/reference/gen_mlp.py
Each case: a 3-4-C network with fixed weights, one batch, then three real
training steps (forward, loss, backward, optimizer step) per optimizer.
"""
import json
import os

import torch
import torch.nn.functional as F


def t(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.detach().reshape(-1).tolist()]}


def loss_fn(kind, logits, target):
    if kind == "cross_entropy" and logits.shape[1] == 1:
        return F.binary_cross_entropy_with_logits(logits[:, 0], target.float())
    if kind == "cross_entropy":
        return F.cross_entropy(logits, target)
    if logits.shape[1] == 1:
        return F.mse_loss(logits[:, 0], target.float())
    return F.mse_loss(logits, F.one_hot(target, logits.shape[1]).float())


def make_case(name, activation, out, kind, seed):
    torch.manual_seed(seed)
    x = torch.randn(5, 3)
    classes = 2 if out == 1 else out
    target = torch.randint(0, classes, (5,))
    l1, l2 = torch.nn.Linear(3, 4), torch.nn.Linear(4, out)
    act = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid}[activation]
    init = [p.detach().clone() for p in (l1.weight, l1.bias, l2.weight, l2.bias)]

    def params():
        return [l1.weight, l1.bias, l2.weight, l2.bias]

    def reset():
        with torch.no_grad():
            for p, v in zip(params(), init):
                p.copy_(v)

    case = {"name": name, "activation": activation, "out_features": out, "loss": kind,
            "x": t(x), "target": target.tolist(), "params": [t(p) for p in init]}
    logits = l2(act(l1(x)))
    loss = loss_fn(kind, logits, target)
    for p in params():
        p.grad = None
    loss.backward()
    case["logits"] = t(logits)
    case["loss_value"] = float(loss)
    case["grads"] = [t(p.grad) for p in params()]

    optimizers = {
        "sgd_momentum": lambda: torch.optim.SGD(params(), lr=0.1, momentum=0.9),
        "sgd_nesterov_wd": lambda: torch.optim.SGD(
            [{"params": [l1.weight, l2.weight], "weight_decay": 0.05}, {"params": [l1.bias, l2.bias], "weight_decay": 0.0}],
            lr=0.1, momentum=0.9, nesterov=True),
        "adam_wd": lambda: torch.optim.Adam(
            [{"params": [l1.weight, l2.weight], "weight_decay": 0.01}, {"params": [l1.bias, l2.bias], "weight_decay": 0.0}],
            lr=0.01, betas=(0.9, 0.999), eps=1e-8),
    }
    case["trajectories"] = {}
    for oname, make in optimizers.items():
        reset()
        opt = make()
        steps = []
        for _ in range(3):
            opt.zero_grad()
            loss_fn(kind, l2(act(l1(x))), target).backward()
            opt.step()
            steps.append([t(p) for p in params()])
        case["trajectories"][oname] = steps
    return case


def main():
    cases = [
        make_case("ce_tanh_3class", "tanh", 3, "cross_entropy", 1),
        make_case("bce_relu_binary", "relu", 1, "cross_entropy", 2),
        make_case("mse_sigmoid_3class", "sigmoid", 3, "mse", 3),
        make_case("mse_tanh_binary", "tanh", 1, "mse", 4),
    ]
    out = {"magic": "nnplay-golden", "version": 1, "generator": "tests/reference/gen_mlp.py",
           "torch": torch.__version__, "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mlp.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
