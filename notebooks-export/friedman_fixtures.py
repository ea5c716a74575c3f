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

try:
    from sklearn.datasets import make_friedman1
    import sklearn
    GENERATOR = "scikit-learn " + sklearn.__version__
except ImportError:
    def make_friedman1(n_samples=100, n_features=10, *, noise=0.0, random_state=None):
        generator = np.random.RandomState(random_state)
        X = generator.uniform(size=(n_samples, n_features))
        y = (10 * np.sin(np.pi * X[:, 0] * X[:, 1]) + 20 * (X[:, 2] - 0.5) ** 2 + 10 * X[:, 3] + 5 * X[:, 4]
             + noise * generator.standard_normal(size=(n_samples)))
        return X, y
    GENERATOR = "scikit-learn's make_friedman1 definition on NumPy " + np.__version__

# %%
cases = []
for name, kwargs in [("default", dict(n_samples=300, n_features=10, noise=0.0, random_state=0)),
                     ("noisy", dict(n_samples=2000, n_features=5, noise=1.0, random_state=42))]:
    X, y = make_friedman1(**kwargs)
    cases.append({"name": name, "params": kwargs, "X": X.tolist(), "y": y.tolist()})

os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, "friedman_fixtures.json"), "w") as f:
    json.dump({"generator": GENERATOR, "make_friedman1": cases}, f)
print("wrote", os.path.join(OUT_DIR, "friedman_fixtures.json"), "with", GENERATOR)
