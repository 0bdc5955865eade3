#!/usr/bin/python3
"""Reference training step of a small convolutional network, for side-by-side benchmarks.

Network (the digits CNN): input 8 x 8 x 1; conv 8 filters 3 x 3, pad 1, relu; maxpool 2;
conv 16 filters 3 x 3, pad 1, relu; maxpool 2; flatten (2 x 2 x 16 = 64); dense 10 softmax;
categorical cross-entropy, mean over the batch; plain gradient descent, float64.

Usage: cnn_ref.py torch|numpy BATCH STEPS   (prints one JSON line, like mlp_ref.py)
Data: seeded random images and one-hot labels; the figure of interest is examples/s.
"""
import json
import sys
import time

import numpy as np


def threads_used():
    """The threads the implementation computes with: PyTorch's intra-op threads, or numpy's BLAS threads."""
    if impl == "torch":
        import torch
        return torch.get_num_threads()
    import threadpoolctl
    return max((i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"), default=1)

impl, batch, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(0)
X = rng.standard_normal((batch, 1, 8, 8))
labels = rng.integers(0, 10, batch)
W1 = rng.standard_normal((8, 1, 3, 3)) * np.sqrt(2 / 9)
b1 = np.zeros(8)
W2 = rng.standard_normal((16, 8, 3, 3)) * np.sqrt(2 / 72)
b2 = np.zeros(16)
W3 = rng.standard_normal((10, 64)) * np.sqrt(1 / 64)
b3 = np.zeros(10)
lr = 0.01
# multiply-adds per example: conv1 8*8*8*9, conv2 4*4*16*72, dense 64*10; x2 flops, x3 fwd+bwd
flops_per_example = 6 * (8 * 8 * 8 * 9 + 4 * 4 * 16 * 72 + 64 * 10)

if impl == "torch":
    import torch
    import torch.nn.functional as F
    import os
    # Every core unless TORCH_THREADS says otherwise (the default may be fewer, as mlp_ref.py).
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", os.cpu_count())))
    torch.set_default_dtype(torch.float64)
    p = [torch.tensor(a, requires_grad=True) for a in (W1, b1, W2, b2, W3, b3)]
    x = torch.tensor(X)
    y = torch.tensor(labels)

    def step():
        a = F.max_pool2d(F.relu(F.conv2d(x, p[0], p[1], padding=1)), 2)
        a = F.max_pool2d(F.relu(F.conv2d(a, p[2], p[3], padding=1)), 2)
        z = a.reshape(batch, -1) @ p[4].T + p[5]
        loss = F.cross_entropy(z, y)
        for q in p:
            q.grad = None
        loss.backward()
        with torch.no_grad():
            for q in p:
                q -= lr * q.grad
        return float(loss)
else:
    from numpy.lib.stride_tricks import sliding_window_view

    Y = np.eye(10)[labels]
    P = [W1, b1, W2, b2, W3, b3]

    def conv(a, w, b):                      # a: m, c, h, w (pad 1, stride 1, 3 x 3)
        ap = np.pad(a, ((0, 0), (0, 0), (1, 1), (1, 1)))
        cols = sliding_window_view(ap, (3, 3), axis=(2, 3))        # m, c, h, w, 3, 3
        z = np.einsum("mchwij,ocij->mohw", cols, w, optimize=True) + b[None, :, None, None]
        return z, cols

    def conv_back(dz, cols, w, shape, input_gradient=True):
        """The filters' and biases' gradients, and the image's unless input_gradient is False (the first
        layer's: the network's input needs none, which netgrad and PyTorch do not compute either)."""
        dw = np.einsum("mohw,mchwij->ocij", dz, cols, optimize=True)
        db = dz.sum(axis=(0, 2, 3))
        if not input_gradient:
            return None, dw, db
        m, c, h, wd = shape
        dap = np.zeros((m, c, h + 2, wd + 2))
        g = np.einsum("mohw,ocij->mchwij", dz, w, optimize=True)
        for i in range(3):
            for j in range(3):
                dap[:, :, i:i + h, j:j + wd] += g[..., i, j]
        return dap[:, :, 1:-1, 1:-1], dw, db

    def pool(a):
        m, c, h, w = a.shape
        r = a.reshape(m, c, h // 2, 2, w // 2, 2)
        out = r.max(axis=(3, 5))
        mask = r == out[:, :, :, None, :, None]
        return out, mask

    def pool_back(d, mask):
        m, c, h2, _, w2, _ = mask.shape
        return (mask * d[:, :, :, None, :, None]).reshape(m, c, h2 * 2, w2 * 2)

    def step():
        W1, b1, W2, b2, W3, b3 = P
        z1, c1 = conv(X, W1, b1); a1 = np.maximum(z1, 0); p1, k1 = pool(a1)
        z2, c2 = conv(p1, W2, b2); a2 = np.maximum(z2, 0); p2, k2 = pool(a2)
        f = p2.reshape(batch, -1)
        z3 = f @ W3.T + b3
        z3 = z3 - z3.max(axis=1, keepdims=True)
        e = np.exp(z3); a3 = e / e.sum(axis=1, keepdims=True)
        loss = -np.mean(np.log(a3[np.arange(batch), labels]))
        dz3 = (a3 - Y) / batch
        dW3 = dz3.T @ f; db3 = dz3.sum(axis=0)
        dp2 = (dz3 @ W3).reshape(p2.shape)
        dz2 = pool_back(dp2, k2) * (z2 > 0)
        dp1, dW2, db2 = conv_back(dz2, c2, W2, p1.shape)
        dz1 = pool_back(dp1, k1) * (z1 > 0)
        _, dW1, db1 = conv_back(dz1, c1, W1, X.shape, input_gradient=False)
        for q, g in zip(P, (dW1, db1, dW2, db2, dW3, db3)):
            q -= lr * g
        return float(loss)

for _ in range(max(5, steps // 10)):        # warm-up
    step()
t = time.perf_counter()
for _ in range(steps):
    last = step()
dt = time.perf_counter() - t
print(json.dumps({"impl": impl, "threads": threads_used(), "network": "digits-cnn", "batch": batch, "steps": steps, "seconds": dt,
                  "examples_per_s": batch * steps / dt, "gflops": flops_per_example * batch * steps / dt / 1e9,
                  "last_cost": last}))
