#!/usr/bin/python3
"""PyTorch goldens for every optimizer and LR schedule of src/optim/.

Writes optim.json beside this script:
  - optimizer trajectories: the same start weights (3x4 weight, 4 bias) and
    the same 25 gradients fed to torch.optim.<X> (p.grad is set, then
    opt.step()), parameters recorded after every step. Weights decay, biases
    do not (a param group with weight_decay 0), as nnplay's ParamRef
    weight_decay_mul does. Cases without a torch optimizer are computed here
    from their formula: the lecture's EMA momentum (v <- lam*v - (1-lam)*g;
    theta <- theta + lr*v) and the L1 penalty (g + l1*sign(theta) before SGD).
    Clipping uses torch.nn.utils.clip_grad_norm_/clip_grad_value_ before SGD.
  - schedules: the learning rate before each of 60 steps from
    torch.optim.lr_scheduler.<X> (ReduceLROnPlateau fed a fixed loss sequence).

Run with Debian's interpreter and python3-torch:  /usr/bin/python3 tests/reference/gen_optim.py
"""
import json
import math
import os

import torch

STEPS = 25


def t(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.detach().reshape(-1).tolist()]}


def start():
    g = torch.Generator().manual_seed(123)
    w = torch.randn(3, 4, generator=g)
    b = torch.randn(4, generator=g)
    grads = [(torch.randn(3, 4, generator=g) * (1 + 0.5 * math.sin(k)), torch.randn(4, generator=g)) for k in range(STEPS)]
    return w, b, grads


def run_torch(make_opt, pre=None):
    w0, b0, grads = start()
    w = w0.clone().requires_grad_(True)
    b = b0.clone().requires_grad_(True)
    opt = make_opt(w, b)
    traj = []
    for gw, gb in grads:
        w.grad = gw.clone()
        b.grad = gb.clone()
        if pre:
            pre(w, b)
        opt.step()
        traj.append([t(w), t(b)])
    return traj


def groups(w, b, wd):
    return [{"params": [w], "weight_decay": wd}, {"params": [b], "weight_decay": 0.0}]


def run_ema_momentum(lr, lam):
    w0, b0, grads = start()
    params = [w0.clone(), b0.clone()]
    vel = [torch.zeros_like(p) for p in params]
    traj = []
    for g in grads:
        for i in range(2):
            vel[i] = lam * vel[i] - (1 - lam) * g[i]
            params[i] = params[i] + lr * vel[i]
        traj.append([t(params[0]), t(params[1])])
    return traj


def l1_pre(l1):
    def pre(w, b):
        with torch.no_grad():
            w.grad += l1 * torch.sign(w)  # biases are not penalised
    return pre


def optimizer_cases():
    O = torch.optim
    cases = []

    def add(name, config, traj):
        cases.append({"name": name, "config": config, "trajectory": traj})

    add("sgd", {"optimizer": "sgd", "lr": 0.1}, run_torch(lambda w, b: O.SGD([w, b], lr=0.1)))
    add("sgd_momentum_dampening", {"optimizer": "sgd", "lr": 0.05, "momentum": 0.9, "dampening": 0.1},
        run_torch(lambda w, b: O.SGD([w, b], lr=0.05, momentum=0.9, dampening=0.1)))
    add("sgd_nesterov_wd", {"optimizer": "sgd", "lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01},
        run_torch(lambda w, b: O.SGD(groups(w, b, 0.01), lr=0.05, momentum=0.9, nesterov=True)))
    add("sgd_l1", {"optimizer": "sgd", "lr": 0.1, "l1": 0.05},
        run_torch(lambda w, b: O.SGD([w, b], lr=0.1), pre=l1_pre(0.05)))
    add("sgd_clip_norm", {"optimizer": "sgd", "lr": 0.1, "clip_norm": 0.5},
        run_torch(lambda w, b: O.SGD([w, b], lr=0.1), pre=lambda w, b: torch.nn.utils.clip_grad_norm_([w, b], 0.5)))
    add("sgd_clip_value", {"optimizer": "sgd", "lr": 0.1, "clip_value": 0.05},
        run_torch(lambda w, b: O.SGD([w, b], lr=0.1), pre=lambda w, b: torch.nn.utils.clip_grad_value_([w, b], 0.05)))
    add("ema_momentum", {"optimizer": "ema_momentum", "lr": 0.5, "momentum": 0.8}, run_ema_momentum(0.5, 0.8))
    add("adagrad", {"optimizer": "adagrad", "lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.1, "eps": 1e-10},
        run_torch(lambda w, b: O.Adagrad([w, b], lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1, eps=1e-10)))
    add("adagrad_wd", {"optimizer": "adagrad", "lr": 0.05, "weight_decay": 0.1, "eps": 1e-10},
        run_torch(lambda w, b: O.Adagrad(groups(w, b, 0.1), lr=0.05, eps=1e-10)))
    add("rmsprop", {"optimizer": "rmsprop", "lr": 0.01, "rho": 0.9, "eps": 1e-8},
        run_torch(lambda w, b: O.RMSprop([w, b], lr=0.01, alpha=0.9, eps=1e-8)))
    add("rmsprop_centered_momentum_wd",
        {"optimizer": "rmsprop", "lr": 0.01, "rho": 0.95, "eps": 1e-6, "momentum": 0.5, "centered": True, "weight_decay": 0.01},
        run_torch(lambda w, b: O.RMSprop(groups(w, b, 0.01), lr=0.01, alpha=0.95, eps=1e-6, momentum=0.5, centered=True)))
    add("adam", {"optimizer": "adam", "lr": 0.01}, run_torch(lambda w, b: O.Adam([w, b], lr=0.01)))
    add("adam_edge_eps_wd", {"optimizer": "adam", "lr": 0.02, "beta1": 0.8, "beta2": 0.99, "eps": 1e-3, "weight_decay": 0.1},
        run_torch(lambda w, b: O.Adam(groups(w, b, 0.1), lr=0.02, betas=(0.8, 0.99), eps=1e-3)))
    add("adamw", {"optimizer": "adamw", "lr": 0.01, "weight_decay": 0.1},
        run_torch(lambda w, b: O.AdamW(groups(w, b, 0.1), lr=0.01)))
    return cases


def schedule_cases():
    S = torch.optim.lr_scheduler
    base = 0.1
    n = 60
    plateau_losses = [1.0, 0.9, 0.85, 0.85, 0.86, 0.85, 0.84, 0.84, 0.85, 0.84] * 6
    cases = []

    def run(text, make, metric=False):
        p = torch.zeros(1, requires_grad=True)
        opt = torch.optim.SGD([p], lr=base)
        sch = make(opt)
        lrs = []
        for k in range(n):
            lrs.append(opt.param_groups[0]["lr"])
            opt.step()
            if metric:
                sch.step(plateau_losses[k])
            else:
                sch.step()
        cases.append({"schedule": text, "lr": base, "lrs": lrs, "metrics": plateau_losses[:n] if metric else None})

    run("Constant", lambda o: S.LambdaLR(o, lambda e: 1.0))
    run("StepLR(step_size=7,gamma=0.5)", lambda o: S.StepLR(o, step_size=7, gamma=0.5))
    run("MultiStepLR(milestones=5,12,40,gamma=0.3)", lambda o: S.MultiStepLR(o, milestones=[5, 12, 40], gamma=0.3))
    run("ExponentialLR(gamma=0.95)", lambda o: S.ExponentialLR(o, gamma=0.95))
    run("InverseTimeLR(k=10)", lambda o: S.LambdaLR(o, lambda e: 10.0 / (10.0 + e)))
    run("CosineAnnealingLR(T_max=25,eta_min=0.01)", lambda o: S.CosineAnnealingLR(o, T_max=25, eta_min=0.01))
    run("CosineAnnealingWarmRestarts(T_0=10,T_mult=1,eta_min=0.001)",
        lambda o: S.CosineAnnealingWarmRestarts(o, T_0=10, T_mult=1, eta_min=0.001))
    run("CosineAnnealingWarmRestarts(T_0=5,T_mult=2)", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=5, T_mult=2))
    run("CyclicLR(max_lr=0.5,step_size_up=8)",
        lambda o: S.CyclicLR(o, base_lr=base, max_lr=0.5, step_size_up=8, cycle_momentum=False))
    run("LinearLR(start_factor=0.1,end_factor=1,total_iters=20)",
        lambda o: S.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=20))
    run("ReduceLROnPlateau(factor=0.5,patience=2,cooldown=1,min_lr=0.01)",
        lambda o: S.ReduceLROnPlateau(o, factor=0.5, patience=2, cooldown=1, min_lr=0.01), metric=True)
    return cases


def main():
    w, b, grads = start()
    out = {"magic": "nnplay-golden", "version": 1, "generator": "tests/reference/gen_optim.py", "torch": torch.__version__,
           "start": [t(w), t(b)], "grads": [[t(gw), t(gb)] for gw, gb in grads],
           "optimizers": optimizer_cases(), "schedules": schedule_cases()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optim.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
