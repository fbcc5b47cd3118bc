#!/usr/bin/python3
"""PyTorch goldens for the layers of src/nn/. Writes layers_<family>.json
beside this script; tests/reference/layers_reference_test.cpp runs every case
through the engine's op-case runner (src/nn/op_case.h), the same code as the
nnplay-op CLI, so each case is also a valid nnplay-op input (docs/nnplay-op.md).

Run with Debian's interpreter and python3-torch:
    /usr/bin/python3 tests/reference/gen_layers.py

Each case: {"name", "op", "args" (LayerArgs names, as text), "mode", "seed",
"inputs", "params", "buffers" (initial), "grad_output", "expected": {"outputs",
"grad_inputs", "grad_params", "buffers"}}, optionally "tolerance": {"atol",
"rtol"}. Parameters are PyTorch's default initialisation under a fixed seed,
reshaped to nnplay's layout where it differs (SqueezeExcitation's 1x1
convolutions are nnplay Linear weights). The upstream gradient is Gaussian,
never all-ones. Dropout with p > 0 in train mode has no golden: PyTorch's mask
comes from its own generator (its expectation and gradients are tested in
tests/nn/dropout_test.cpp).
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


def t(x):
    x = x.detach().to(torch.float32)
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


def randn(*shape, scale=1.0):
    return torch.randn(*shape) * scale


class Case:
    """Builds one golden case from a forward function over torch tensors."""

    def __init__(self, name, op, args, mode="train", seed=0, tolerance=None):
        self.name, self.op, self.args, self.mode, self.seed = name, op, args, mode, seed
        self.tolerance = tolerance

    def run(self, forward, inputs, params=None, buffers=None, ours=None):
        """forward(inputs, params) -> output. params: {our_name: torch Parameter};
        `ours` maps our name -> function giving our layout of a torch tensor."""
        params = params or {}
        buffers = buffers or {}
        ours = ours or {}
        layout = lambda name, x: ours[name](x) if name in ours else x
        xs = [x.clone().requires_grad_(True) for x in inputs]
        case = {"name": self.name, "op": self.op, "args": self.args, "mode": self.mode, "seed": self.seed,
                "inputs": [t(x) for x in xs],
                "params": {k: t(layout(k, p)) for k, p in params.items()},
                "buffers": {k: t(b()) for k, b in buffers.items()}}
        y = forward(xs)
        g = torch.randn(y.shape)
        for p in params.values():
            p.grad = None
        y.backward(g)
        case["grad_output"] = t(g)
        case["expected"] = {
            "outputs": [t(y)],
            "grad_inputs": [t(x.grad) for x in xs],
            "grad_params": {k: t(layout(k, p.grad)) for k, p in params.items()},
            "buffers": {k: t(b()) for k, b in buffers.items()},
        }
        if self.tolerance:
            case["tolerance"] = self.tolerance
        return case


def module_case(name, op, args, module, inputs, mode="train", seed=0, tolerance=None, buffer_init=None):
    """A case for a torch module whose parameter and buffer names are ours."""
    module.train(mode == "train")
    if buffer_init:
        with torch.no_grad():
            for k, v in buffer_init.items():
                getattr(module, k).copy_(v)
    params = dict(module.named_parameters())
    buffers = {k: (lambda k=k: getattr(module, k)) for k, _ in module.named_buffers()}
    return Case(name, op, args, mode, seed, tolerance).run(lambda xs: module(*xs), inputs, params, buffers)


def fn_case(name, op, args, f, inputs, mode="train", tolerance=None):
    return Case(name, op, args, mode, 0, tolerance).run(lambda xs: f(*xs), inputs)


# ------------------------------------------------------------------ conv


class TfSameConv2d(nn.Conv2d):
    """padding='same' at any stride, TensorFlow's rule (PyTorch refuses stride > 1): out = ceil(in / s),
    total = max((out - 1) s + d (k - 1) + 1 - in, 0), the extra row and column after."""
    def forward(self, x):
        pads = []
        for i in (1, 0):  # F.pad: last axis first
            n, k, s, d = x.shape[2 + i], self.kernel_size[i], self.stride[i], self.dilation[i]
            total = max((-(-n // s) - 1) * s + d * (k - 1) + 1 - n, 0)
            pads += [total // 2, total - total // 2]
        return super().forward(F.pad(x, pads))


def conv_cases():
    torch.manual_seed(1)
    c = []
    c.append(module_case("conv2d_stride_dilation_per_axis", "Conv2d",
                         {"out_channels": "4", "kernel_size": "3,2", "stride": "2,1", "padding": "1,0",
                          "dilation": "1,2"},
                         nn.Conv2d(3, 4, (3, 2), stride=(2, 1), padding=(1, 0), dilation=(1, 2)),
                         [randn(2, 3, 7, 6)]))
    c.append(module_case("conv2d_same_even_kernel", "Conv2d",
                         {"out_channels": "3", "kernel_size": "4,3", "padding": "same", "dilation": "2,1"},
                         nn.Conv2d(2, 3, (4, 3), padding="same", dilation=(2, 1)), [randn(2, 2, 5, 6)]))
    c.append(module_case("conv2d_groups_no_bias", "Conv2d",
                         {"out_channels": "6", "kernel_size": "3", "groups": "2", "padding": "2", "stride": "3",
                          "bias": "false"},
                         nn.Conv2d(4, 6, 3, groups=2, padding=2, stride=3, bias=False), [randn(1, 4, 5, 8)]))
    c.append(module_case("conv2d_depthwise", "Conv2d",
                         {"out_channels": "6", "kernel_size": "3", "groups": "3", "padding": "1"},
                         nn.Conv2d(3, 6, 3, groups=3, padding=1), [randn(2, 3, 4, 5)]))
    c.append(module_case("conv2d_pointwise_batch1", "Conv2d", {"out_channels": "5", "kernel_size": "1"},
                         nn.Conv2d(3, 5, 1), [randn(1, 3, 3, 4)]))
    c.append(module_case("conv_transpose2d_stride_output_padding", "ConvTranspose2d",
                         {"out_channels": "3", "kernel_size": "3,2", "stride": "2,3", "padding": "1,0",
                          "output_padding": "1,2"},
                         nn.ConvTranspose2d(2, 3, (3, 2), stride=(2, 3), padding=(1, 0), output_padding=(1, 2)),
                         [randn(2, 2, 3, 4)]))
    c.append(module_case("conv_transpose2d_groups_dilation", "ConvTranspose2d",
                         {"out_channels": "4", "kernel_size": "2", "dilation": "2,1", "groups": "2"},
                         nn.ConvTranspose2d(4, 4, 2, dilation=(2, 1), groups=2), [randn(2, 4, 3, 3)]))
    c.append(module_case("conv3d_clip", "Conv3d",
                         {"out_channels": "3", "kernel_size": "3,2,2", "stride": "2,1,2", "padding": "1,0,1",
                          "dilation": "1,2,1"},
                         nn.Conv3d(2, 3, (3, 2, 2), stride=(2, 1, 2), padding=(1, 0, 1), dilation=(1, 2, 1)),
                         [randn(2, 2, 5, 4, 5)]))
    c.append(module_case("conv3d_same_groups", "Conv3d",
                         {"out_channels": "4", "kernel_size": "3,1,3", "padding": "same", "groups": "2"},
                         nn.Conv3d(2, 4, (3, 1, 3), padding="same", groups=2), [randn(1, 2, 3, 2, 4)]))
    # TensorFlow's 'same' at stride 2: H 7 -> 4 (pads 1, 1), W 6 -> 3 (pads 0, 1: the extra after).
    c.append(module_case("conv2d_same_stride2", "Conv2d",
                         {"out_channels": "3", "kernel_size": "3", "stride": "2", "padding": "same"},
                         TfSameConv2d(2, 3, 3, stride=2), [randn(2, 2, 7, 6)]))
    c.append(module_case("conv2d_same_stride_per_axis_dilation", "Conv2d",
                         {"out_channels": "2", "kernel_size": "4,3", "stride": "2,3", "padding": "same",
                          "dilation": "1,2", "groups": "2"},
                         TfSameConv2d(2, 2, (4, 3), stride=(2, 3), dilation=(1, 2), groups=2), [randn(1, 2, 9, 8)]))
    return c


# ------------------------------------------------------------------ pooling, resampling


def pool_cases():
    torch.manual_seed(2)
    c = []
    c.append(fn_case("max_pool2d_stride_padding", "MaxPool2d", {"kernel_size": "3,2", "stride": "2,1", "padding": "1"},
                     lambda x: F.max_pool2d(x, (3, 2), stride=(2, 1), padding=1), [randn(2, 3, 7, 5)]))
    c.append(fn_case("max_pool2d_dilation", "MaxPool2d", {"kernel_size": "2", "stride": "3,2", "dilation": "2,1"},
                     lambda x: F.max_pool2d(x, 2, stride=(3, 2), dilation=(2, 1)), [randn(1, 2, 8, 5)]))
    c.append(fn_case("avg_pool2d_count_include_pad", "AvgPool2d", {"kernel_size": "3", "stride": "2", "padding": "1"},
                     lambda x: F.avg_pool2d(x, 3, stride=2, padding=1), [randn(2, 2, 6, 5)]))
    c.append(fn_case("avg_pool2d_exclude_pad", "AvgPool2d",
                     {"kernel_size": "3,2", "stride": "2,1", "padding": "1", "count_include_pad": "false"},
                     lambda x: F.avg_pool2d(x, (3, 2), stride=(2, 1), padding=1, count_include_pad=False),
                     [randn(1, 3, 5, 4)]))
    c.append(fn_case("adaptive_avg_pool2d_global", "AdaptiveAvgPool2d", {"output_size": "1"},
                     lambda x: F.adaptive_avg_pool2d(x, 1), [randn(2, 3, 5, 7)]))
    c.append(fn_case("adaptive_avg_pool2d_overlapping", "AdaptiveAvgPool2d", {"output_size": "3,2"},
                     lambda x: F.adaptive_avg_pool2d(x, (3, 2)), [randn(2, 2, 5, 7)]))
    c.append(fn_case("flatten", "Flatten", {}, lambda x: torch.flatten(x, 1), [randn(2, 3, 2, 2)]))
    c.append(fn_case("upsample_nearest", "Upsample", {"scale_factor": "2,3"},
                     lambda x: F.interpolate(x, scale_factor=(2, 3), mode="nearest"), [randn(2, 2, 3, 2)]))
    c.append(fn_case("upsample_nearest_fractional", "Upsample", {"scale_factor": "1.5"},
                     lambda x: F.interpolate(x, scale_factor=1.5, mode="nearest"), [randn(1, 2, 3, 5)]))
    c.append(fn_case("upsample_bilinear", "Upsample", {"scale_factor": "2", "mode": "bilinear"},
                     lambda x: F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False),
                     [randn(2, 2, 3, 4)]))
    c.append(fn_case("upsample_bilinear_align_corners", "Upsample",
                     {"scale_factor": "2,1.5", "mode": "bilinear", "align_corners": "true"},
                     lambda x: F.interpolate(x, scale_factor=(2, 1.5), mode="bilinear", align_corners=True),
                     [randn(1, 2, 3, 4)]))
    c.append(fn_case("max_pool2d_ceil_mode", "MaxPool2d",
                     {"kernel_size": "3", "stride": "2", "padding": "1", "ceil_mode": "true"},
                     lambda x: F.max_pool2d(x, 3, stride=2, padding=1, ceil_mode=True), [randn(1, 2, 6, 5)]))
    # H = 5: ceil gives 4 windows, but the 4th would start in the padding, so 3 (PyTorch's rule).
    c.append(fn_case("max_pool2d_ceil_mode_window_dropped", "MaxPool2d",
                     {"kernel_size": "2", "stride": "2", "padding": "1", "ceil_mode": "true"},
                     lambda x: F.max_pool2d(x, 2, stride=2, padding=1, ceil_mode=True), [randn(2, 1, 5, 4)]))
    return c


# ------------------------------------------------------------------ normalisation, dropout


def norm_cases():
    torch.manual_seed(3)
    c = []

    def affine(m):
        with torch.no_grad():  # non-trivial γ, β so their gradients matter
            m.weight.copy_(1 + 0.5 * torch.randn(m.weight.shape))
            m.bias.copy_(0.5 * torch.randn(m.bias.shape))
        return m

    # BatchNorm in train mode: batch statistics, then the running statistics
    # after the step (momentum 0.1, unbiased running_var, num_batches_tracked 1).
    c.append(module_case("batch_norm1d_train", "BatchNorm1d", {}, affine(nn.BatchNorm1d(3)), [randn(5, 3) * 2 + 1]))
    c.append(module_case("batch_norm1d_ncl_train", "BatchNorm1d", {}, affine(nn.BatchNorm1d(2)),
                         [randn(3, 2, 4) + 0.5]))
    c.append(module_case("batch_norm2d_train", "BatchNorm2d", {}, affine(nn.BatchNorm2d(3)),
                         [randn(2, 3, 3, 2) * 3 - 1]))
    c.append(module_case("batch_norm2d_train_momentum_from_running", "BatchNorm2d", {"momentum": "0.3"},
                         affine(nn.BatchNorm2d(2, momentum=0.3)), [randn(3, 2, 2, 2)],
                         buffer_init={"running_mean": torch.tensor([0.5, -0.25]),
                                      "running_var": torch.tensor([2.0, 0.5]),
                                      "num_batches_tracked": torch.tensor(4)}))
    c.append(module_case("batch_norm2d_eval", "BatchNorm2d", {}, affine(nn.BatchNorm2d(3)), [randn(2, 3, 2, 3)],
                         mode="eval",
                         buffer_init={"running_mean": torch.tensor([0.3, -1.0, 2.0]),
                                      "running_var": torch.tensor([0.5, 2.0, 1.5])}))
    c.append(module_case("batch_norm1d_eval", "BatchNorm1d", {"eps": "0.001"}, affine(nn.BatchNorm1d(4, eps=1e-3)),
                         [randn(3, 4)], mode="eval",
                         buffer_init={"running_mean": torch.tensor([0.1, 0.2, -0.3, 0.0]),
                                      "running_var": torch.tensor([1.0, 0.25, 4.0, 0.8])}))
    c.append(module_case("layer_norm_all_dims", "LayerNorm", {}, affine(nn.LayerNorm([2, 3, 2])),
                         [randn(3, 2, 3, 2) * 2]))
    c.append(module_case("layer_norm_last_dim", "LayerNorm", {"normalized_shape": "5"}, affine(nn.LayerNorm(5)),
                         [randn(2, 3, 5)]))
    c.append(module_case("group_norm", "GroupNorm", {"num_groups": "2"}, affine(nn.GroupNorm(2, 4)),
                         [randn(2, 4, 3, 2) + 1]))
    c.append(module_case("instance_norm2d_default", "InstanceNorm2d", {}, nn.InstanceNorm2d(3), [randn(2, 3, 3, 4)]))
    c.append(module_case("instance_norm2d_tracked_train", "InstanceNorm2d",
                         {"affine": "true", "track_running_stats": "true"},
                         affine(nn.InstanceNorm2d(2, affine=True, track_running_stats=True)), [randn(2, 2, 3, 3)]))
    c.append(module_case("instance_norm2d_tracked_eval", "InstanceNorm2d",
                         {"affine": "true", "track_running_stats": "true"},
                         affine(nn.InstanceNorm2d(2, affine=True, track_running_stats=True)), [randn(2, 2, 2, 3)],
                         mode="eval", buffer_init={"running_mean": torch.tensor([0.5, -0.5]),
                                                   "running_var": torch.tensor([2.0, 0.5])}))
    c.append(module_case("dropout_eval_identity", "Dropout", {"p": "0.5"}, nn.Dropout(0.5), [randn(2, 5)],
                         mode="eval"))
    c.append(module_case("dropout_p0_train", "Dropout", {"p": "0"}, nn.Dropout(0.0), [randn(2, 5)]))
    return c


# ------------------------------------------------------------------ activations


def act_cases():
    torch.manual_seed(4)
    c = []
    x = lambda: randn(3, 7, scale=2.0)
    c.append(fn_case("leaky_relu_default", "LeakyReLU", {}, lambda v: F.leaky_relu(v), [x()]))
    c.append(fn_case("leaky_relu_slope", "LeakyReLU", {"negative_slope": "0.2"},
                     lambda v: F.leaky_relu(v, 0.2), [randn(2, 2, 2, 3, scale=2.0)]))
    c.append(fn_case("elu", "ELU", {}, lambda v: F.elu(v), [x()]))
    c.append(fn_case("elu_alpha", "ELU", {"alpha": "0.5"}, lambda v: F.elu(v, 0.5), [x()]))
    c.append(fn_case("gelu_exact", "GELU", {}, lambda v: F.gelu(v), [x()]))
    c.append(fn_case("gelu_tanh", "GELU", {"approximate": "tanh"}, lambda v: F.gelu(v, approximate="tanh"), [x()]))
    c.append(fn_case("softmax_dim1", "Softmax", {}, lambda v: F.softmax(v, dim=1), [randn(3, 5, scale=3.0)]))
    c.append(fn_case("softmax_channels", "Softmax", {"dim": "1"}, lambda v: F.softmax(v, dim=1),
                     [randn(2, 4, 2, 3)]))
    c.append(fn_case("softmax_last", "Softmax", {"dim": "-1"}, lambda v: F.softmax(v, dim=-1), [randn(2, 3, 4)]))
    return c


# ------------------------------------------------------------------ graph joints, attention


class SqueezeExcitation(nn.Module):
    """Hu et al. 2018 as torchvision.ops.SqueezeExcitation (1x1 convs as the FCs)."""

    def __init__(self, channels, squeeze):
        super().__init__()
        self.fc1 = nn.Conv2d(channels, squeeze, 1)
        self.fc2 = nn.Conv2d(squeeze, channels, 1)

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        return x * torch.sigmoid(self.fc2(F.relu(self.fc1(s))))


class CBAM(nn.Module):
    """Woo et al. 2018, equations 2 and 3: shared MLP over avg/max pooled
    channels, then a k x k conv (no bias, 'same' padding) over the channel-wise
    avg/max maps."""

    def __init__(self, channels, reduction, k):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.fc1 = nn.Linear(channels, hidden)
        self.fc2 = nn.Linear(hidden, channels)
        self.spatial = nn.Conv2d(2, 1, k, padding="same", bias=False)

    def forward(self, x):
        mlp = lambda v: self.fc2(F.relu(self.fc1(v)))
        mc = torch.sigmoid(mlp(x.mean((2, 3))) + mlp(x.amax((2, 3))))
        f = x * mc[:, :, None, None]
        pooled = torch.cat([f.mean(1, keepdim=True), f.amax(1, keepdim=True)], 1)
        return f * torch.sigmoid(self.spatial(pooled))


def graph_cases():
    torch.manual_seed(5)
    c = []
    c.append(fn_case("add", "Add", {}, lambda a, b: a + b, [randn(2, 3, 2, 2), randn(2, 3, 2, 2)]))
    c.append(fn_case("mul", "Mul", {}, lambda a, b: a * b, [randn(2, 5), randn(2, 5)]))
    c.append(fn_case("concat_three", "Concat", {}, lambda a, b, d: torch.cat([a, b, d], 1),
                     [randn(2, 1, 2, 3), randn(2, 3, 2, 3), randn(2, 2, 2, 3)]))
    c.append(fn_case("concat_last_dim", "Concat", {"dim": "-1"}, lambda a, b: torch.cat([a, b], -1),
                     [randn(2, 2, 1), randn(2, 2, 3)]))
    se = SqueezeExcitation(6, 2)
    with torch.no_grad():
        se.fc2.bias.add_(0.5)
    flat = lambda p: p.reshape(p.shape[0], p.shape[1])
    params = {"fc1.weight": se.fc1.weight, "fc1.bias": se.fc1.bias, "fc2.weight": se.fc2.weight,
              "fc2.bias": se.fc2.bias}
    c.append(Case("squeeze_excitation", "SqueezeExcitation", {"reduction": "3"}).run(
        lambda xs: se(xs[0]), [randn(2, 6, 3, 2)], params, ours={"fc1.weight": flat, "fc2.weight": flat}))
    cbam = CBAM(4, 2, 3)
    params = {"channel.fc1.weight": cbam.fc1.weight, "channel.fc1.bias": cbam.fc1.bias,
              "channel.fc2.weight": cbam.fc2.weight, "channel.fc2.bias": cbam.fc2.bias,
              "spatial.weight": cbam.spatial.weight}
    c.append(Case("cbam", "CBAM", {"reduction": "2", "kernel_size": "3"}).run(
        lambda xs: cbam(xs[0]), [randn(2, 4, 3, 4)], params))
    cbam7 = CBAM(8, 16, 7)
    params = {"channel.fc1.weight": cbam7.fc1.weight, "channel.fc1.bias": cbam7.fc1.bias,
              "channel.fc2.weight": cbam7.fc2.weight, "channel.fc2.bias": cbam7.fc2.bias,
              "spatial.weight": cbam7.spatial.weight}
    c.append(Case("cbam_defaults", "CBAM", {}).run(lambda xs: cbam7(xs[0]), [randn(1, 8, 5, 6)], params))
    return c


# ------------------------------------------------------------------ sequences


class Seq(nn.Module):
    """nn.RNN/nn.LSTM returning only the output sequence (N, T, H)."""

    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, x):
        return self.m(x)[0]


def rnn_cases():
    torch.manual_seed(6)
    c = []
    c.append(seq_case("rnn_tanh", "RNN", {"hidden_size": "4"}, Seq(nn.RNN(3, 4, batch_first=True)),
                      [randn(2, 5, 3)]))
    c.append(seq_case("rnn_relu_no_bias", "RNN", {"hidden_size": "3", "nonlinearity": "relu", "bias": "false"},
                      Seq(nn.RNN(2, 3, batch_first=True, nonlinearity="relu", bias=False)), [randn(3, 4, 2)]))
    c.append(seq_case("lstm", "LSTM", {"hidden_size": "4"}, Seq(nn.LSTM(3, 4, batch_first=True)), [randn(2, 6, 3)]))
    c.append(seq_case("lstm_batch1_one_step", "LSTM", {"hidden_size": "2"}, Seq(nn.LSTM(2, 2, batch_first=True)),
                      [randn(1, 1, 2)]))
    c.append(fn_case("select_last", "SelectLast", {}, lambda x: x[:, -1], [randn(2, 4, 3)]))
    c.append(fn_case("select_frame", "Select", {"dim": "2", "index": "1"}, lambda x: torch.select(x, 2, 1),
                     [randn(2, 2, 3, 3, 4)]))
    c.append(fn_case("select_negative", "Select", {"dim": "-1", "index": "-2"}, lambda x: torch.select(x, -1, -2),
                     [randn(2, 3, 4)]))
    return c


def seq_case(name, op, args, module, inputs):
    params = {k[len("m."):]: p for k, p in module.named_parameters()}
    return Case(name, op, args).run(lambda xs: module(xs[0]), inputs, params)


def main():
    families = {"conv": conv_cases, "pool": pool_cases, "norm": norm_cases, "act": act_cases, "graph": graph_cases,
                "rnn": rnn_cases}
    for family, make in families.items():
        out = {"magic": "nnplay-golden", "version": 1, "generator": "tests/reference/gen_layers.py",
               "torch": torch.__version__, "cases": make()}
        path = os.path.join(HERE, "layers_%s.json" % family)
        with open(path, "w") as f:
            json.dump(out, f, indent=None, separators=(",", ":"))
            f.write("\n")
        print("wrote", path, len(out["cases"]), "cases,", os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
