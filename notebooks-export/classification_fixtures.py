# %% [markdown]
# # minibatch — fixtures for scikit-learn's classification generators
#
# `make_moons`, `make_circles` and `make_blobs` calls, written to `reference/classification_fixtures.json`, that the
# Java port (`dev.minibatch.data.MakeClassification`) must equal bit for bit. `make_blobs` is scikit-learn's own
# function. The moons and circles take their cosines and sines from the C library (Python's `math`, the functions
# libnd4j calls and NumPy 2.x uses); NumPy 1.2x on an AVX-512 CPU takes SVML's instead, so scikit-learn's own output
# depends on the machine in the last bit — the file records how this machine's scikit-learn compares.

# %%
import json
import math
import os

import numpy as np
from sklearn.datasets import make_blobs, make_circles, make_moons
from sklearn.utils import shuffle as util_shuffle

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else ".", "reference")


def cos(a):
    return np.array([math.cos(v) for v in a])


def sin(a):
    return np.array([math.sin(v) for v in a])


def moons(n_samples, noise, random_state):
    """scikit-learn 1.2's make_moons (sklearn/datasets/_samples_generator.py), the C library's cosine and sine."""
    n_out = n_samples // 2
    n_in = n_samples - n_out
    generator = np.random.RandomState(random_state)
    X = np.vstack([np.append(cos(np.linspace(0, np.pi, n_out)), 1 - cos(np.linspace(0, np.pi, n_in))),
                   np.append(sin(np.linspace(0, np.pi, n_out)), 1 - sin(np.linspace(0, np.pi, n_in)) - 0.5)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    X, y = util_shuffle(X, y, random_state=generator)
    if noise is not None:
        X += generator.normal(scale=noise, size=X.shape)
    return X, y


def circles(n_samples, noise, random_state, factor):
    """scikit-learn 1.2's make_circles, the C library's cosine and sine."""
    n_out = n_samples // 2
    n_in = n_samples - n_out
    generator = np.random.RandomState(random_state)
    lo = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    li = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    X = np.vstack([np.append(cos(lo), cos(li) * factor), np.append(sin(lo), sin(li) * factor)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    X, y = util_shuffle(X, y, random_state=generator)
    if noise is not None:
        X += generator.normal(scale=noise, size=X.shape)
    return X, y


# %%
cases = []
for kind, kwargs in [("moons", dict(n_samples=200, noise=0.2, random_state=0)),
                     ("moons", dict(n_samples=7, noise=None, random_state=3)),
                     ("circles", dict(n_samples=150, noise=0.05, random_state=1, factor=0.5)),
                     ("circles", dict(n_samples=9, noise=None, random_state=5, factor=0.8)),
                     ("blobs", dict(n_samples=300, n_features=2, centers=3, cluster_std=1.0, random_state=42)),
                     ("blobs", dict(n_samples=101, n_features=5, centers=4, cluster_std=2.5, random_state=7))]:
    if kind == "moons":
        X, y = moons(**kwargs)
        Xs, ys = make_moons(**kwargs)
    elif kind == "circles":
        X, y = circles(**kwargs)
        Xs, ys = make_circles(**kwargs)
    else:
        X, y = make_blobs(**kwargs)
        Xs, ys = X, y
    cases.append({"kind": kind, "params": kwargs, "X": X.tolist(), "y": y.tolist(),
                  "sklearn_rows_differing": int((Xs != X).any(axis=1).sum()), "sklearn_y_equal": bool((ys == y).all())})

# %% [markdown]
# `train_test_split(stratify=y)`: the row indices of each side, for labels with even and uneven classes.

# %%
from sklearn.model_selection import train_test_split

splits = []
for labels, test_size, seed in [([0] * 10 + [1] * 30 + [2] * 7, 0.25, 42),
                                ([1, 0, 2, 2, 1, 0, 1, 2, 0, 1, 1, 2, 0, 0, 2, 1, 3, 3, 3, 1, 0], 0.3, 7),
                                (make_blobs(n_samples=301, centers=5, random_state=1)[1].tolist(), 0.2, 3),
                                (make_moons(n_samples=200, noise=0.2, random_state=0)[1].tolist(), 0.25, 0)]:
    idx = np.arange(len(labels))
    train, test = train_test_split(idx, test_size=test_size, random_state=seed, stratify=labels)
    splits.append({"labels": labels, "test_size": test_size, "random_state": seed, "train": train.tolist(),
                   "test": test.tolist()})

# %% [markdown]
# scikit-learn's unpenalised `LogisticRegression` (newton-cg, tol 1e-12): the optimum minibatch's report sets beside
# a classifier (`dev.minibatch.compare.LogisticOptimum`), on overlapping classes (a finite optimum): two classes of
# make_moons, and four make_blobs clusters (multinomial). The probabilities of the first rows and the mean training
# log-loss.

# %%
import warnings

from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

optima = []
for name, (X, y) in [("moons", make_moons(n_samples=300, noise=0.3, random_state=2)),
                     ("blobs", make_blobs(n_samples=400, n_features=3, centers=4, cluster_std=4.0, random_state=5))]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LogisticRegression(penalty="none", solver="newton-cg", tol=1e-12, max_iter=10000).fit(X, y)
    proba = model.predict_proba(X)
    optima.append({"name": name, "X": X.tolist(), "y": y.tolist(), "proba_head": proba[:20].tolist(),
                   "train_log_loss": log_loss(y, proba)})

# %% [markdown]
# `make_classification` (scikit-learn's own; its products X·A and X·B go through NumPy's BLAS, OpenBLAS here, whose
# matrix kernels sum each product as one fused multiply-add chain in index order — what the Java port does — except
# for a single redundant column, where it takes a matrix-vector kernel that sums in four lanes).

# %%
from sklearn.datasets import make_classification

classification = []
for kwargs in [dict(n_samples=200, n_features=20, random_state=0),
               dict(n_samples=300, n_features=8, n_informative=4, n_redundant=2, n_repeated=1, n_classes=3,
                    n_clusters_per_class=2, flip_y=0.05, class_sep=1.5, random_state=7),
               # one redundant column: NumPy's BLAS takes a matrix-vector kernel with its own summation order
               dict(n_samples=300, n_features=7, n_informative=4, n_redundant=1, n_repeated=1, n_classes=3,
                    n_clusters_per_class=2, flip_y=0.05, class_sep=1.5, random_state=7),
               dict(n_samples=150, n_features=8, n_informative=5, n_redundant=0, n_classes=2, flip_y=0.0,
                    random_state=3),
               dict(n_samples=120, n_features=12, n_informative=10, n_redundant=2, n_classes=4,
                    n_clusters_per_class=1, random_state=11)]:
    X, y = make_classification(**kwargs)
    classification.append({"params": kwargs, "X": X.tolist(), "y": y.tolist()})

import sklearn

os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, "classification_fixtures.json"), "w") as f:
    json.dump({"generator": "scikit-learn " + sklearn.__version__ + " on NumPy " + np.__version__
               + "; moons and circles with the C library's cosine and sine", "cases": cases,
               "stratified_splits": splits, "logistic_optima": optima,
               "make_classification": classification}, f)
print("wrote classification_fixtures.json")
