"""NumPy baseline for scripts/bench: the same mini-batch loop as minibatch's trainers on the same workloads
(batch gather, forward, error, batch loss, gradient, update), timed over the update steps only. Prints one JSON
line per workload: median microseconds per step over the repetitions after a warm-up, samples per second, and the
process's peak RSS."""
import json
import resource
import sys
import time

import numpy as np

WORKLOADS = {  # name: rows, features, batch, epochs, dtype, loss
    "seed": (800, 1, 32, 100, np.float64, "half_mse"),
    "mid": (100_000, 100, 256, 5, np.float32, "mse"),
    "large": (1_000_000, 100, 1024, 2, np.float32, "mse"),
    "huge": (10_000_000, 100, 8192, 1, np.float32, "mse"),   # scripts/bench --gpu only
    "mlp": (100_000, 100, 256, 1, np.float32, "mse"),         # a network: the hidden layers below
    "softmax": (100_000, 100, 256, 1, np.float32, "categorical_crossentropy"),   # 10 classes: CLASSES below
}
CLASSES = {"softmax": 10}  # a classifier's classes: the label is the largest of the first k features
HIDDEN = {"mlp": [256, 256]}  # hidden ReLU layers of a workload (none: the linear model)
LEARNING_RATE = {"mlp": 1e-4}  # 0.01 otherwise; a network on these targets (std ~180) needs a smaller step


def glorot(rng, sizes, dtype):
    """Glorot-uniform weights and zero biases, layer by layer (minibatch's xavier_uniform)."""
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        limit = np.sqrt(6.0 / (n_in + n_out))
        layers.append([rng.uniform(-limit, limit, (n_in, n_out)).astype(dtype), np.zeros((1, n_out), dtype=dtype)])
    return layers


def timed(name, reps, epochs_override, init, step):
    """The timing every loop shares: per repetition fresh parameters (init()), one permutation per epoch from
    RandomState(0), then step(state, rows) per batch; the permutation is timed with the steps, as minibatch's
    trainers time drawing their epoch's order (a fair clock: the same work on every side); the first repetition
    warms up.
    Returns the JSON row (median µs per step)."""
    rows, _, batch, epochs, _, _ = WORKLOADS[name]
    epochs = epochs_override or epochs
    times = []
    steps = 0
    cost = None
    for rep in range(reps + 1):
        state = init()
        order_rng = np.random.RandomState(0)
        steps = 0
        elapsed = 0.0
        for _ in range(epochs):
            s = time.perf_counter()
            order = order_rng.permutation(rows)
            for start in range(0, rows, batch):
                cost = step(state, order[start:start + batch])
                steps += 1
            elapsed += time.perf_counter() - s
        if rep > 0:  # repetition 0 warms caches up
            times.append(elapsed * 1e6 / steps)
    med = float(np.median(times))
    return {"workload": name, "trainer": "numpy", "us_per_step": med, "samples_per_s": batch * 1e6 / med,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, "steps": steps,
            "reps": len(times), "us_per_step_all": times, "cost": cost}


def run_mlp(name, reps, epochs_override=None):
    """The same loop for a network of ReLU layers: forward, MSE, backpropagation, SGD."""
    _, features, _, _, dtype, _ = WORKLOADS[name]
    X, y, data_seconds = data(name)
    lr = dtype(LEARNING_RATE[name])
    sizes = [features] + HIDDEN[name] + [1]

    def step(layers, idx):
        a, yb = X[idx], y[idx]
        m = len(idx)
        acts = [a]
        for i, (W, b) in enumerate(layers):
            z = acts[-1] @ W + b
            acts.append(np.maximum(z, 0) if i < len(layers) - 1 else z)
        err = acts[-1] - yb
        cost = float(np.sum(err * err)) / m
        delta = 2 * err
        for i in reversed(range(len(layers))):
            W, b = layers[i]
            gW = acts[i].T @ delta
            gb = delta.sum(axis=0, keepdims=True)
            if i > 0:
                delta = (delta @ W.T) * (acts[i] > 0)
            W -= lr * gW / m
            b -= lr * gb / m
        return cost

    row = timed(name, reps, epochs_override, lambda: glorot(np.random.RandomState(0), sizes, dtype), step)
    return {**row, "data_seconds": data_seconds}


def run_softmax(name, reps, epochs_override=None):
    """Softmax regression: forward, softmax, the cross-entropy (clipped as DL4J clips it), p − y, SGD."""
    _, features, _, _, dtype, _ = WORKLOADS[name]
    X, labels, data_seconds = data(name)
    k = CLASSES[name]
    Y = np.eye(k, dtype=dtype)[labels[:, 0]]
    lr = dtype(0.01)

    def step(wb, idx):
        W, b = wb
        xb, yb = X[idx], Y[idx]
        m = len(idx)
        z = xb @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        cost = float(-(yb * np.log(np.clip(p, 1e-10, 1 - 1e-10))).sum()) / m
        g = p - yb
        W -= lr * (xb.T @ g) / m
        b -= lr * g.sum(axis=0, keepdims=True) / m
        return cost

    row = timed(name, reps, epochs_override,
                lambda: [np.zeros((features, k), dtype=dtype), np.zeros((1, k), dtype=dtype)], step)
    return {**row, "data_seconds": data_seconds}


def data(name):
    """A workload's rows (the same for every baseline) and the seconds it took to make them; a classifier's
    targets are class indices (n × 1)."""
    rows, features, _, _, dtype, _ = WORKLOADS[name]
    t0 = time.perf_counter()
    if name in CLASSES:
        X = np.random.RandomState(0).standard_normal((rows, features)).astype(dtype)
        return X, X[:, :CLASSES[name]].argmax(axis=1).reshape(-1, 1), time.perf_counter() - t0
    if name == "huge":  # 10^9 draws: NumPy's newer generator, straight in float32 (RandomState takes ~40 s)
        g = np.random.default_rng(0)
        X = g.standard_normal((rows, features), dtype=np.float32)
        coef = np.zeros((features, 1), dtype=np.float32)
        coef[:10] = 100 * g.random((min(10, features), 1), dtype=np.float32)
        y = X @ coef + g.standard_normal((rows, 1), dtype=np.float32)
        return X, y, time.perf_counter() - t0
    rng = np.random.RandomState(0)
    X = rng.standard_normal((rows, features)).astype(dtype)
    coef = np.zeros((features, 1))
    coef[:10] = 100 * rng.uniform(size=(min(10, features), 1))
    y = (X.astype(np.float64) @ coef + rng.normal(0, 1, (rows, 1))).astype(dtype)
    return X, y, time.perf_counter() - t0


def run(name, reps, epochs_override=None):
    if name in CLASSES:
        return run_softmax(name, reps, epochs_override)
    if name in HIDDEN:
        return run_mlp(name, reps, epochs_override)
    _, features, _, _, dtype, loss = WORKLOADS[name]
    X, y, data_seconds = data(name)
    lr = dtype(0.01)

    def step(wb, idx):
        W, b = wb
        xb, yb = X[idx], y[idx]
        m = len(idx)
        err = xb @ W + b - yb
        cost = float(np.sum(err * err)) / (2 * m if loss == "half_mse" else m)
        g = err if loss == "half_mse" else 2 * err
        W -= lr * (xb.T @ g) / m
        b -= lr * g.sum(axis=0, keepdims=True) / m
        return cost

    row = timed(name, reps, epochs_override,
                lambda: [np.zeros((features, 1), dtype=dtype), np.zeros((1, 1), dtype=dtype)], step)
    return {**row, "data_seconds": data_seconds}


if __name__ == "__main__":
    workload = sys.argv[1]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] != "0" else None
    print(json.dumps(run(workload, reps, epochs)))
