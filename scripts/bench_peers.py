"""The peers' baselines for scripts/bench, on the same workloads as bench_numpy.py (same data, same batch plan
kind, update steps only, median over repetitions after a warm-up). Prints one JSON line per run:

  numpy-tutorial  the tutorial's own NumPy loop: the bias inside theta (a ones column), one gather of the
                  shuffled rows per epoch, then per batch theta -= lr * X.T @ (X @ theta - y) / m
  pytorch-cpu     PyTorch on the CPU (Debian's python3-torch): nn.Linear + SGD, the loss's backward() per batch
  pytorch-cuda    the same on the GPU (scripts/bench --gpu): the rows copied to the GPU once, the batch gathered
                  there, nothing copied back per step; timed to a torch.cuda.synchronize() at each epoch's end.
                  Adds gpu_memory_mb (torch.cuda.max_memory_allocated) and the GPU's name.

Usage: bench_peers.py WORKLOAD REPS TRAINER [EPOCHS]"""
import json
import resource
import sys
import time

import numpy as np

from bench_numpy import CLASSES, HIDDEN, LEARNING_RATE, WORKLOADS, data


def tutorial(name, reps, epochs):
    rows, features, batch, _, dtype, loss = WORKLOADS[name]
    X, y, data_seconds = data(name)
    Xb = np.hstack([np.ones((rows, 1), dtype=dtype), X])       # the tutorial's X_b: bias first
    scale = dtype(1.0 if loss == "half_mse" else 2.0)           # mse's gradient is twice half-mse's
    lr = dtype(0.01)
    times = []
    steps = 0
    for rep in range(reps + 1):
        theta = np.zeros((features + 1, 1), dtype=dtype)
        order_rng = np.random.RandomState(0)
        steps = 0
        elapsed = 0.0
        for _ in range(epochs):
            s = time.perf_counter()                              # the epoch's order timed, as minibatch's
            perm = order_rng.permutation(rows)
            Xs, ys = Xb[perm], y[perm]                          # one gather per epoch, timed with the steps
            for start in range(0, rows, batch):
                xi, yi = Xs[start:start + batch], ys[start:start + batch]
                theta -= lr * scale * xi.T @ (xi @ theta - yi) / len(xi)
                steps += 1
            elapsed += time.perf_counter() - s
        if rep > 0:
            times.append(elapsed * 1e6 / steps)
    return times, steps, data_seconds


def pytorch(name, reps, epochs, device="cpu"):
    import torch
    rows, features, batch, _, dtype, loss = WORKLOADS[name]
    X, y, data_seconds = data(name)
    tx, ty = torch.from_numpy(X).to(device), torch.from_numpy(y).to(device)
    del X, y
    sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    times = []
    steps = 0
    for rep in range(reps + 1):
        if name in HIDDEN:   # a network: Linear + ReLU per hidden layer (glorot-uniform weights, zero biases)
            sizes = [features] + HIDDEN[name] + [1]
            parts = []
            for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
                lin = torch.nn.Linear(n_in, n_out)
                torch.nn.init.xavier_uniform_(lin.weight)
                torch.nn.init.zeros_(lin.bias)
                parts += [lin] + ([torch.nn.ReLU()] if i < len(sizes) - 2 else [])
            model = torch.nn.Sequential(*parts).to(device=device, dtype=tx.dtype)
        else:   # the linear model, or softmax regression (k outputs; CrossEntropyLoss applies the softmax)
            model = torch.nn.Linear(features, CLASSES.get(name, 1)).to(device=device, dtype=tx.dtype)
            torch.nn.init.zeros_(model.weight)
            torch.nn.init.zeros_(model.bias)
        xent = torch.nn.CrossEntropyLoss()
        labels = ty[:, 0].long() if name in CLASSES else None
        opt = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE.get(name, 0.01))
        gen = torch.Generator().manual_seed(0)
        steps = 0
        elapsed = 0.0
        for _ in range(epochs):
            sync()
            s = time.perf_counter()                              # the epoch's order timed, as minibatch's
            order = torch.randperm(rows, generator=gen).to(device)
            for start in range(0, rows, batch):
                idx = order[start:start + batch]
                if labels is not None:
                    cost = xent(model(tx[idx]), labels[idx])
                else:
                    err = model(tx[idx]) - ty[idx]
                    cost = (err * err).mean() * (0.5 if loss == "half_mse" else 1.0)
                opt.zero_grad(set_to_none=True)
                cost.backward()
                opt.step()
                steps += 1
            sync()
            elapsed += time.perf_counter() - s
        if rep > 0:
            times.append(elapsed * 1e6 / steps)
    return times, steps, data_seconds


if __name__ == "__main__":
    workload, reps, trainer = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    epochs = int(sys.argv[4]) if len(sys.argv) > 4 else WORKLOADS[workload][3]
    extra = {}
    if trainer == "numpy-tutorial":
        times, steps, data_seconds = tutorial(workload, reps, epochs)
        engine = "NumPy, the tutorial's loop (one gather per epoch)"
    elif trainer == "pytorch-cuda":
        import torch
        times, steps, data_seconds = pytorch(workload, reps, epochs, "cuda")
        engine = "PyTorch " + torch.__version__ + " on " + torch.cuda.get_device_name(0) + ", " + (
            "nn.Sequential of Linear + ReLU" if workload in HIDDEN else "nn.Linear") + (
            " + CrossEntropyLoss" if workload in CLASSES else "") + " + SGD"
        extra = {"gpu_memory_mb": torch.cuda.max_memory_allocated() / 1048576.0,
                 "device": torch.cuda.get_device_name(0)}
    else:
        times, steps, data_seconds = pytorch(workload, reps, epochs)
        engine = "PyTorch " + __import__("torch").__version__ + " on the CPU, " + (
            "nn.Sequential of Linear + ReLU" if workload in HIDDEN else "nn.Linear") + (
            " + CrossEntropyLoss" if workload in CLASSES else "") + " + SGD"
    med = float(np.median(times))
    batch = WORKLOADS[workload][2]
    print(json.dumps({"workload": workload, "trainer": trainer, "us_per_step": med,
                      "samples_per_s": batch * 1e6 / med,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, "steps": steps,
                      "reps": len(times), "us_per_step_all": times, "data_seconds": data_seconds,
                      "engine": engine, **extra}))
