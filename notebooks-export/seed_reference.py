# %% [markdown]
# # minibatch — the NumPy reference for `configs/seed.yaml`
#
# This notebook runs the tutorial's from-scratch mini-batch gradient descent in plain NumPy and writes every
# number the Java side must reproduce into `reference/seed.json`: the data (in full, so equality is checked
# value by value), the split indices, the initial parameters, the cost after every epoch, the final parameters
# and the test MSE.
#
# Settings are those of `configs/seed.yaml`: `make_regression(1000, 1, noise=20, random_state=42)`, a 20 % test
# split with `random_state=42`, parameters drawn by `np.random.seed(42); randn(2, 1)` (bias first), half-MSE
# loss, learning rate 0.01, batch 32, 100 epochs, and one `np.random.permutation` per epoch from the same stream.
#
# Regenerate with `scripts/make-reference` (it installs Debian's python3-numpy and python3-sklearn if missing).

# %%
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_regression
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else ".", "reference")

N_SAMPLES, N_FEATURES, NOISE, DATA_SEED = 1000, 1, 20.0, 42
TEST_SIZE, SPLIT_SEED = 0.2, 42
INIT_SEED, LEARNING_RATE, EPOCHS, BATCH_SIZE = 42, 0.01, 100, 32

# %% [markdown]
# ## Data and split
# The split is made on the row indices, so the indices themselves go into the reference too.

# %%
X, y = make_regression(n_samples=N_SAMPLES, n_features=N_FEATURES, noise=NOISE, random_state=DATA_SEED)
rows = np.arange(N_SAMPLES)
train_idx, test_idx = train_test_split(rows, test_size=TEST_SIZE, random_state=SPLIT_SEED)

# A leading column of ones carries the bias, so theta[0] is the bias and theta[1:] the weights.
design = np.hstack([np.ones((N_SAMPLES, 1)), X])
X_train, X_test = design[train_idx], design[test_idx]
y_train, y_test = y[train_idx].reshape(-1, 1), y[test_idx].reshape(-1, 1)

# %% [markdown]
# ## Mini-batch gradient descent, half-MSE
# Cost of a batch of m rows: (1/2m)·Σe²; gradient: (1/m)·Xᵀe. The permutation stream continues the one that drew
# the initial parameters, exactly as the tutorial does with NumPy's global generator.

# %%
np.random.seed(INIT_SEED)
theta = np.random.randn(N_FEATURES + 1, 1)
initial_theta = theta.copy()
m = len(X_train)

epoch_costs, batch_cost_means, test_mses = [], [], []
for epoch in range(EPOCHS):
    order = np.random.permutation(m)
    Xs, ys = X_train[order], y_train[order]
    weighted = 0.0
    for start in range(0, m, BATCH_SIZE):
        Xb, yb = Xs[start:start + BATCH_SIZE], ys[start:start + BATCH_SIZE]
        nb = len(Xb)
        err = Xb.dot(theta) - yb
        weighted += nb * (np.sum(err ** 2) / (2 * nb))
        theta = theta - LEARNING_RATE * ((1 / nb) * Xb.T.dot(err))
    batch_cost_means.append(weighted / m)
    full_err = X_train.dot(theta) - y_train
    epoch_costs.append(float(np.sum(full_err ** 2) / (2 * m)))
    test_mses.append(float(mean_squared_error(y_test, X_test.dot(theta))))

test_mse = mean_squared_error(y_test, X_test.dot(theta))
print(f"final theta (bias, weight): {theta.ravel()}, test MSE {test_mse:.6f}")

# %%
reference = {
    "name": "seed",
    "generator": {"numpy": np.__version__, "sklearn": sklearn.__version__, "python": sys.version.split()[0]},
    "settings": {"n_samples": N_SAMPLES, "n_features": N_FEATURES, "noise": NOISE, "data_random_state": DATA_SEED,
                 "test_size": TEST_SIZE, "split_random_state": SPLIT_SEED, "init_seed": INIT_SEED,
                 "learning_rate": LEARNING_RATE, "epochs": EPOCHS, "batch_size": BATCH_SIZE, "loss": "half_mse"},
    "data": {"X": X.tolist(), "y": y.tolist(), "X_sum": float(X.sum()), "y_sum": float(y.sum())},
    "split": {"train_indices": train_idx.tolist(), "test_indices": test_idx.tolist()},
    "initial_theta": initial_theta.ravel().tolist(),
    "epoch_costs": epoch_costs,
    "batch_cost_means": batch_cost_means,
    "final_theta": theta.ravel().tolist(),
    "test_mse": float(test_mse),
    # The schema every reference shares, which minibatch's report reads: the config keys the run must match,
    # whether agreement is exact, the parameters as weights (n_features x n_targets) and bias, and the history.
    "kind": "numpy",
    "exact": True,
    "note": "The tutorial's from-scratch NumPy loop: same data, split, initial parameters and shuffle stream.",
    "match": {"data.n_samples": N_SAMPLES, "data.n_features": N_FEATURES, "data.noise": NOISE,
              "data.random_state": DATA_SEED, "data.bias": 0.0, "data.n_targets": 1, "split.test_size": TEST_SIZE,
              "split.random_state": SPLIT_SEED, "model.init": "numpy_randn", "model.init_seed": INIT_SEED,
              "training.loss": "half_mse", "training.learning_rate": LEARNING_RATE, "training.epochs": EPOCHS,
              "training.batch_size": BATCH_SIZE, "training.shuffle": "numpy", "training.dtype": "double"},
    "initial_weights": initial_theta[1:].tolist(),
    "initial_bias": initial_theta[0].tolist(),
    "weights": theta[1:].tolist(),
    "bias": theta[0].tolist(),
    "history": [{"epoch": e + 1, "train_loss": epoch_costs[e], "batch_loss_mean": batch_cost_means[e],
                 "test_mse": test_mses[e]} for e in range(EPOCHS)],
}
os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, "seed.json"), "w") as fh:
    json.dump(reference, fh, indent=1)
