# %% [markdown]
# # minibatch — the NumPy references for the classification configs
#
# The tutorial's mini-batch loop for classifiers, in plain NumPy, with DL4J's definitions of the losses, for four
# committed configs:
#
# | config | model | loss |
# |---|---|---|
# | `configs/logistic.yaml` | logistic regression (2 features → 1 sigmoid) | binary cross-entropy |
# | `configs/softmax.yaml` | softmax regression (2 features → 3 classes) | categorical cross-entropy |
# | `configs/moons.yaml` | one hidden tanh layer of 16 units → 1 sigmoid | binary cross-entropy |
# | `configs/iris.yaml` | two hidden tanh layers of 3 units → softmax over 3 species | categorical cross-entropy |
#
# The same data (scikit-learn's generators, the moons with the C library's cosine and sine as in
# classification_fixtures.py; `data/iris.csv`), `train_test_split(stratify=y)`, standardisation, initial weights
# (layer by layer from one `RandomState`) and shuffle stream (one `permutation` per epoch from the stream that drew
# the weights) as minibatch. DL4J's losses:
#
# * binary cross-entropy: p = σ(z) clipped to [1e-5, 1 − 1e-5]; batch loss −Σ[y·ln p + (1 − y)·ln(1 − p)]/m;
#   dL/dz = σ'(z)·(p − y)/(p·(1 − p)) — not fused, so the clipping changes the gradient where it applies;
# * categorical cross-entropy: p = softmax(z); dL/dz = p − y; the loss clips p to [1e-10, 1 − 1e-10].
#
# The updater divides the gradient by the batch size; plain SGD then takes θ −= lr·∇. Every number minibatch must
# reproduce (to 1e-10 relative) goes into `reference/<name>.json`. Regenerate with `scripts/make-reference`.

# %%
import json
import math
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_blobs
from sklearn.model_selection import train_test_split
from sklearn.utils import shuffle as util_shuffle

HERE = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else "."
OUT_DIR = os.path.join(HERE, "reference")
GENERATOR = {"numpy": np.__version__, "sklearn": sklearn.__version__, "python": sys.version.split()[0]}


def make_moons(n_samples, noise, random_state):
    """scikit-learn 1.2's make_moons with the C library's cosine and sine (classification_fixtures.py)."""
    cos = lambda a: np.array([math.cos(v) for v in a])
    sin = lambda a: np.array([math.sin(v) for v in a])
    n_out = n_samples // 2
    n_in = n_samples - n_out
    generator = np.random.RandomState(random_state)
    X = np.vstack([np.append(cos(np.linspace(0, np.pi, n_out)), 1 - cos(np.linspace(0, np.pi, n_in))),
                   np.append(sin(np.linspace(0, np.pi, n_out)), 1 - sin(np.linspace(0, np.pi, n_in)) - 0.5)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    X, y = util_shuffle(X, y, random_state=generator)
    X += generator.normal(scale=noise, size=X.shape)
    return X, y


ACT = {"tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2)}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def run(name, X, labels, classes, cfg):
    """The mini-batch loop for one config; returns its reference."""
    softmax_out = cfg["loss"] == "categorical_crossentropy"
    idx = np.arange(len(labels))
    train_idx, test_idx = train_test_split(idx, test_size=cfg["test_size"], random_state=cfg["split_seed"],
                                           stratify=labels)
    if cfg.get("standardize"):
        mean, scale = X[train_idx].mean(axis=0), X[train_idx].std(axis=0)
        X = (X - mean) / scale
    k = len(classes) if softmax_out else 1
    Y = np.eye(len(classes))[labels] if softmax_out else labels.reshape(-1, 1).astype(float)
    X_train, X_test, Y_train, Y_test = X[train_idx], X[test_idx], Y[train_idx], Y[test_idx]

    rs = np.random.RandomState(cfg["init_seed"])
    sizes = [X.shape[1]] + [u for u, _ in cfg["hidden"]] + [k]
    W, b = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        if cfg["init"] == "numpy_randn":                       # the tutorial's randn(n_in + 1, n_out), bias row first
            theta = rs.randn(n_in + 1, n_out)
            W.append(theta[1:].copy())
            b.append(theta[0].copy())
        elif cfg["init"] == "xavier_uniform":
            limit = math.sqrt(6.0 / (n_in + n_out))
            W.append(rs.uniform(-limit, limit, size=(n_in, n_out)))
            b.append(np.zeros(n_out))
        else:                                                  # DL4J's XAVIER: N(0, 2/(n_in + n_out))
            W.append(rs.randn(n_in, n_out) * math.sqrt(2.0 / (n_in + n_out)))
            b.append(np.zeros(n_out))
    initial = [(w.copy(), c.copy()) for w, c in zip(W, b)]

    def forward(x):
        a, zs, acts = x, [], [x]
        for i, (w, c) in enumerate(zip(W, b)):
            z = a @ w + c
            if i < len(W) - 1:
                a = ACT[cfg["hidden"][i][1]][0](z)
            else:
                a = softmax(z) if softmax_out else sigmoid(z)
            zs.append(z)
            acts.append(a)
        return zs, acts

    def row_losses(p, y):
        if softmax_out:
            return -(y * np.log(np.clip(p, 1e-10, 1 - 1e-10))).sum(axis=1)
        pc = np.clip(p, 1e-5, 1 - 1e-5)
        return -(y * np.log(pc) + (1 - y) * np.log(1 - pc)).sum(axis=1)

    def metrics(x, y):
        p = forward(x)[1][-1]
        right = (p.argmax(axis=1) == y.argmax(axis=1)) if softmax_out else ((p > 0.5) == (y > 0.5))
        return float(row_losses(p, y).mean()), float(right.mean()), float(((p - y) ** 2).sum() / y.size)

    n = len(X_train)
    lr, bs = cfg["learning_rate"], cfg["batch_size"]
    history = []
    for epoch in range(cfg["epochs"]):
        order = rs.permutation(n)
        weighted = 0.0
        for start in range(0, n, bs):
            rows = order[start:start + bs]
            xb, yb = X_train[rows], Y_train[rows]
            mb = len(rows)
            zs, acts = forward(xb)
            p = acts[-1]
            weighted += float(row_losses(p, yb).sum())        # the batch loss × m
            if softmax_out:
                delta = p - yb
            else:
                pc = np.clip(p, 1e-5, 1 - 1e-5)
                delta = (pc - yb) / (pc * (1 - pc)) * p * (1 - p)
            grads = [None] * len(W)
            for i in reversed(range(len(W))):
                grads[i] = (acts[i].T @ delta / mb, delta.sum(axis=0) / mb)
                if i > 0:
                    delta = (delta @ W[i].T) * ACT[cfg["hidden"][i - 1][1]][1](zs[i - 1])
            for i in range(len(W)):
                W[i] -= lr * grads[i][0]
                b[i] -= lr * grads[i][1]
        train_loss, train_acc, _ = metrics(X_train, Y_train)
        test_loss, test_acc, test_mse = metrics(X_test, Y_test)
        history.append({"epoch": epoch + 1, "train_loss": train_loss, "batch_loss_mean": weighted / n,
                        "test_mse": test_mse, "test_loss": test_loss, "train_accuracy": train_acc,
                        "test_accuracy": test_acc})
    print(f"{name}: test accuracy {history[-1]['test_accuracy']:.4f}, test loss {history[-1]['test_loss']:.6f}")
    layers = lambda ps: [{"weights": w.tolist(), "bias": c.tolist()} for w, c in ps]
    return {
        "name": name, "generator": GENERATOR, "kind": "numpy", "exact": True,
        "note": "The mini-batch loop for a classifier in NumPy with DL4J's loss definitions: same data, split,"
                " initial weights and shuffle stream as DL4J.",
        "match": cfg["match"],
        "initial_weights": initial[-1][0].tolist(), "initial_bias": initial[-1][1].tolist(),
        "weights": W[-1].tolist(), "bias": b[-1].tolist(),
        "initial_layers": layers(initial), "layers": layers(zip(W, b)),
        "test_mse": history[-1]["test_mse"], "history": history,
    }


def common(cfg, source_match):
    m = dict(source_match)
    m.update({"split.test_size": cfg["test_size"], "split.random_state": cfg["split_seed"], "split.stratify": True,
              "preprocess.standardize": bool(cfg.get("standardize")),
              "model.hidden_layers": [{"units": u, "activation": a} for u, a in cfg["hidden"]],
              "model.output_activation": "softmax" if cfg["loss"] == "categorical_crossentropy" else "sigmoid",
              "model.init": cfg["init"], "model.init_seed": cfg["init_seed"], "training.loss": cfg["loss"],
              "training.optimizer": "sgd", "training.learning_rate": cfg["learning_rate"],
              "training.epochs": cfg["epochs"], "training.batch_size": cfg["batch_size"],
              "training.shuffle": "numpy", "training.dtype": "double"})
    cfg["match"] = m
    return cfg


# %% [markdown]
# ## The four configs

# %%
refs = []
X, y = make_blobs(n_samples=500, n_features=2, centers=2, cluster_std=3.0, random_state=3)
refs.append(run("logistic", X, y, ["0", "1"], common(
    dict(test_size=0.25, split_seed=42, hidden=[], init="numpy_randn", init_seed=42, loss="binary_crossentropy",
         learning_rate=0.05, epochs=50, batch_size=32),
    {"data.source": "make_blobs", "data.n_samples": 500, "data.n_features": 2, "data.centers": 2,
     "data.cluster_std": 3.0, "data.random_state": 3})))
X, y = make_blobs(n_samples=600, n_features=2, centers=3, cluster_std=2.5, random_state=7)
refs.append(run("softmax", X, y, ["0", "1", "2"], common(
    dict(test_size=0.25, split_seed=42, hidden=[], init="numpy_randn", init_seed=42,
         loss="categorical_crossentropy", learning_rate=0.05, epochs=50, batch_size=32),
    {"data.source": "make_blobs", "data.n_samples": 600, "data.n_features": 2, "data.centers": 3,
     "data.cluster_std": 2.5, "data.random_state": 7})))
X, y = make_moons(n_samples=1000, noise=0.2, random_state=0)
refs.append(run("moons", X, y, ["0", "1"], common(
    dict(test_size=0.25, split_seed=42, hidden=[(16, "tanh")], init="xavier_uniform", init_seed=42,
         loss="binary_crossentropy", learning_rate=0.5, epochs=200, batch_size=32),
    {"data.source": "make_moons", "data.n_samples": 1000, "data.noise": 0.2, "data.random_state": 0})))
iris = np.genfromtxt(os.path.join(HERE, "..", "data", "iris.csv"), delimiter=",", skip_header=1, dtype=str)
species = sorted(set(iris[:, -1]))                             # scikit-learn's class order: alphabetical
refs.append(run("iris", iris[:, :-1].astype(float), np.array([species.index(s) for s in iris[:, -1]]), species,
                common(dict(test_size=0.35, split_seed=6, standardize=True, hidden=[(3, "tanh"), (3, "tanh")],
                            init="xavier", init_seed=6, loss="categorical_crossentropy", learning_rate=0.1,
                            epochs=1000, batch_size=97),
                       {"data.source": "csv", "data.targets": ["species"]})))

os.makedirs(OUT_DIR, exist_ok=True)
for r in refs:
    with open(os.path.join(OUT_DIR, r["name"] + ".json"), "w") as fh:
        json.dump(r, fh, indent=1)
