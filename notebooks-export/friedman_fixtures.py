# %% [markdown]
# # minibatch — fixtures for make_friedman1
#
# Two `make_friedman1` calls, written to `reference/friedman_fixtures.json`, that the Java port
# (`dev.minibatch.data.MakeFriedman1`) must equal bit for bit. scikit-learn's own function is used when it is
# installed; without it, the script evaluates scikit-learn's definition (sklearn/datasets/_samples_generator.py,
# unchanged since 0.x) on NumPy's legacy RandomState, which is the same sequence of NumPy calls, and records which
# one produced the file.

# %%
import json
import os

import numpy as np

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else ".", "reference")

import math


def make_friedman1(n_samples=100, n_features=10, *, noise=0.0, random_state=None):
    """scikit-learn's definition (sklearn/datasets/_samples_generator.py), its sine the C library's.

    NumPy's float64 sine is the C library's in NumPy 2.x, but NumPy 1.2x on an AVX-512 CPU uses SVML's, which
    differs in the last bit for about a fifth of the rows (measured: 63 of 300 and 342 of 2,000, at most 4.3e-16
    relative): scikit-learn's own output then depends on the machine. The fixture takes the C library's sine, the
    one libnd4j calls, and says below how this NumPy's sine compares.
    """
    generator = np.random.RandomState(random_state)
    X = generator.uniform(size=(n_samples, n_features))
    sine = np.array([math.sin(v) for v in np.pi * X[:, 0] * X[:, 1]])
    y = (10 * sine + 20 * (X[:, 2] - 0.5) ** 2 + 10 * X[:, 3] + 5 * X[:, 4]
         + noise * generator.standard_normal(size=(n_samples)))
    return X, y


try:
    import sklearn
    from sklearn.datasets import make_friedman1 as sklearn_friedman1
except ImportError:
    sklearn_friedman1 = None
GENERATOR = "scikit-learn's make_friedman1 definition with the C library's sine, on NumPy " + np.__version__

# %%
cases = []
for name, kwargs in [("default", dict(n_samples=300, n_features=10, noise=0.0, random_state=0)),
                     ("noisy", dict(n_samples=2000, n_features=5, noise=1.0, random_state=42))]:
    X, y = make_friedman1(**kwargs)
    entry = {"name": name, "params": kwargs, "X": X.tolist(), "y": y.tolist()}
    if sklearn_friedman1 is not None:   # how scikit-learn itself, on this NumPy and CPU, compares
        Xs, ys = sklearn_friedman1(**kwargs)
        entry["sklearn"] = {"version": sklearn.__version__, "X_equal": bool((Xs == X).all()),
                            "y_rows_differing": int((ys != y).sum())}
    cases.append(entry)

os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, "friedman_fixtures.json"), "w") as f:
    json.dump({"generator": GENERATOR, "make_friedman1": cases}, f)
print("wrote", os.path.join(OUT_DIR, "friedman_fixtures.json"), "with", GENERATOR)
