#!/usr/bin/python3
"""Goldens for ONNX import (train/import_onnx.h): small PyTorch models written
with torch.onnx.export (opset 13) into onnx_import/*.onnx, and their PyTorch
outputs on a fixed batch in onnx_import.json. Models nnplay must refuse (an
operator it lacks, AveragePool with ceil_mode, an LSTM with a learned h0) are
exported the same way.

Run with Debian's interpreter and python3-torch:
  /usr/bin/python3 tests/reference/gen_onnx_import.py
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "onnx_import")


def t(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.detach().reshape(-1).tolist()]}


class Mlp(nn.Module):
    """Gemm, Tanh, BatchNorm1d, LeakyReLU, Sigmoid; 2 inputs, 1 logit (the 2D sets)."""
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 8)
        self.bn = nn.BatchNorm1d(8)
        self.fc2 = nn.Linear(8, 6)
        self.out = nn.Linear(6, 1)

    def forward(self, x):
        y = self.bn(torch.tanh(self.fc1(x)))
        y = torch.sigmoid(F.leaky_relu(self.fc2(y), 0.2))
        return self.out(y)


class MatMulNet(nn.Module):
    """x @ W + b written out: MatMul then Add (not Gemm), then Dropout (gone in eval) and Softmax."""
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(2, 5) * 0.5)
        self.b = nn.Parameter(torch.randn(5) * 0.1)
        self.head = nn.Linear(5, 1)
        self.drop = nn.Dropout(0.3)

    def forward(self, x):
        return self.head(self.drop(torch.relu(x @ self.w + self.b)))


class Cnn(nn.Module):
    """Conv (padding, stride, groups, dilation, no bias), BatchNorm2d after a pool (not fused),
    residual Add, Concat, MaxPool, AvgPool, GlobalAveragePool, Flatten, ELU; 1x28x28 -> 10 logits."""
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.c2 = nn.Conv2d(4, 4, 3, padding=1, groups=2, bias=False)
        self.c3 = nn.Conv2d(4, 4, 3, padding=2, dilation=2)
        self.c4 = nn.Conv2d(8, 6, 3, stride=2, padding=1)
        self.fc = nn.Linear(6, 10)

    def forward(self, x):
        y = F.max_pool2d(torch.relu(self.c1(x)), 2)           # 4x14x14
        y = self.bn1(y)
        r = y + F.elu(self.c2(y))                                # residual Add
        y = torch.cat([r, torch.relu(self.c3(r))], 1)            # 8x14x14
        y = F.avg_pool2d(y, 2, stride=1, padding=1)              # 8x15x15 (count_include_pad)
        y = torch.relu(self.c4(y))                               # 6x8x8
        y = F.adaptive_avg_pool2d(y, 1).flatten(1)
        return self.fc(y)


class ViewNet(nn.Module):
    """x.view(x.size(0), -1) after a conv: a Reshape to (N, -1)."""
    def __init__(self):
        super().__init__()
        self.c = nn.Conv2d(1, 2, 5, stride=3)
        self.fc = nn.Linear(2 * 8 * 8, 10)

    def forward(self, x):
        y = torch.relu(self.c(x))
        return self.fc(y.reshape(-1, 2 * 8 * 8))


class Unsupported(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 1)

    def forward(self, x):
        return self.fc(torch.sin(x))


class CeilPool(nn.Module):
    """MaxPool with ceil_mode (27 -> 14) and with padding (14 -> 8)."""
    def __init__(self):
        super().__init__()
        self.c = nn.Conv2d(1, 2, 2)
        self.fc = nn.Linear(2 * 8 * 8, 10)

    def forward(self, x):
        y = F.max_pool2d(self.c(x), 2, ceil_mode=True)
        y = F.max_pool2d(y, 3, stride=2, padding=1, ceil_mode=True)
        return self.fc(y.flatten(1))


class AvgCeil(nn.Module):
    """AveragePool with ceil_mode: nnplay's average pool has no ceil_mode (refused by name)."""
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(15 * 15, 10)

    def forward(self, x):
        return self.fc(F.avg_pool2d(x, 2, ceil_mode=True).flatten(1))


class SeUp(nn.Module):
    """A squeeze-and-excitation block written out (mean over H, W, fc, ReLU, fc,
    sigmoid, x * s[:, :, None, None]), a ConvTranspose2d (stride 2, padding,
    output_padding) and a global mean as the head (ReduceMean without an excitation)."""
    def __init__(self):
        super().__init__()
        self.c = nn.Conv2d(1, 4, 3, stride=2)
        self.fc1 = nn.Linear(4, 2)
        self.fc2 = nn.Linear(2, 4)
        self.up = nn.ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1)
        self.fc = nn.Linear(6, 3)

    def forward(self, x):
        y = torch.relu(self.c(x))
        s = torch.sigmoid(self.fc2(torch.relu(self.fc1(y.mean((2, 3))))))
        y = self.up(y * s[:, :, None, None])
        return self.fc(y.mean((2, 3)))


class LstmStates(nn.Module):
    """nn.LSTM called with explicit zero states h0, c0 (torch.zeros of the batch size)
    and read through its final hidden state h_n (ONNX's Y_h)."""
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 5, batch_first=True)
        self.fc = nn.Linear(5, 2)

    def forward(self, x):
        h0 = torch.zeros(1, x.size(0), 5)
        c0 = torch.zeros(1, x.size(0), 5)
        _, (h, _) = self.lstm(x, (h0, c0))
        return self.fc(h[-1])


class LstmLearnedH0(nn.Module):
    """An LSTM whose initial state h0 is a learned parameter: nnplay's LSTM starts
    from zeros, so the import refuses it, naming initial_h."""
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 5, batch_first=True)
        self.h0 = nn.Parameter(torch.randn(1, 1, 5))
        self.fc = nn.Linear(5, 2)

    def forward(self, x):
        h0 = self.h0.expand(1, x.size(0), 5).contiguous()
        out, _ = self.lstm(x, (h0, torch.zeros_like(h0)))
        return self.fc(out[:, -1])


def export(model, name, shape):
    model.eval()
    x = torch.randn(*shape)
    path = os.path.join(OUT, name + ".onnx")
    torch.onnx.export(model, x, path, opset_version=13, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}})
    with torch.no_grad():
        y = model(x)
    return {"file": "onnx_import/" + name + ".onnx", "input": t(x), "output": t(y)}


def main():
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)
    mlp = Mlp()
    with torch.no_grad():  # running statistics that are not the defaults
        mlp.bn.running_mean.uniform_(-0.5, 0.5)
        mlp.bn.running_var.uniform_(0.5, 2.0)
    cnn = Cnn()
    with torch.no_grad():
        cnn.bn1.running_mean.uniform_(0.0, 0.3)
        cnn.bn1.running_var.uniform_(0.5, 1.5)
    cases = {
        "mlp": export(mlp, "mlp", (5, 2)),
        "matmul": export(MatMulNet(), "matmul", (4, 2)),
        "cnn": export(cnn, "cnn", (2, 1, 28, 28)),
        "view": export(ViewNet(), "view", (1, 1, 28, 28)),
        "unsupported": export(Unsupported(), "unsupported", (2, 2)),
        "ceil_pool": export(CeilPool(), "ceil_pool", (2, 1, 28, 28)),
        "avg_ceil": export(AvgCeil(), "avg_ceil", (1, 1, 29, 29)),
        "se_up": export(SeUp(), "se_up", (2, 1, 13, 13)),
        "lstm_states": export(LstmStates(), "lstm_states", (4, 7, 3)),
        "lstm_learned_h0": export(LstmLearnedH0(), "lstm_learned_h0", (2, 7, 3)),
    }
    golden = {"magic": "nnplay-golden", "version": 1, "generator": "tests/reference/gen_onnx_import.py",
              "torch": torch.__version__, "cases": cases}
    with open(os.path.join(HERE, "onnx_import.json"), "w") as f:
        json.dump(golden, f, indent=1)


if __name__ == "__main__":
    main()
