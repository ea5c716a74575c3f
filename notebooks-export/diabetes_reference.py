# %% [markdown]
# # minibatch — real data: the diabetes CSV and its NumPy reference, for `configs/diabetes.yaml`
#
# 1. Writes `data/diabetes.csv` from scikit-learn's bundled diabetes data (442 patients, 10 raw features: age,
#    sex, bmi, bp, s1–s6; target: disease progression one year later). Source: Efron, Hastie, Johnstone and
#    Tibshirani, "Least Angle Regression", Annals of Statistics 2004; shipped with scikit-learn (BSD-3-Clause).
# 2. Runs the tutorial's mini-batch loop on it in NumPy, as the JVM run does: the CSV read back, the same
#    `train_test_split(test_size=0.2, random_state=42)`, features standardised with the training rows' mean and
#    population standard deviation, `np.random.seed(42); theta = randn(11, 1)` (bias first), half-MSE, lr 0.01,
#    batch 32 (353 training rows: the last batch of each epoch holds one row), 200 epochs.
# 3. Writes `reference/diabetes.json` for minibatch's report.

# %%
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import load_diabetes
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else "."
CSV = os.path.join(HERE, "..", "data", "diabetes.csv")
OUT_DIR = os.path.join(HERE, "reference")
LR, EPOCHS, BATCH, SEED = 0.01, 200, 32, 42

# %%
raw = load_diabetes(scaled=False)
names = list(raw.feature_names) + ["target"]
table = np.column_stack([raw.data, raw.target])
os.makedirs(os.path.dirname(CSV), exist_ok=True)
with open(CSV, "w") as fh:
    fh.write(",".join(names) + "\n")
    for row in table:
        fh.write(",".join(repr(float(v)) for v in row) + "\n")

# %%
data = np.loadtxt(CSV, delimiter=",", skiprows=1)
X, y = data[:, :-1], data[:, -1:]
train_idx, test_idx = train_test_split(np.arange(len(data)), test_size=0.2, random_state=42)
mean = X[train_idx].mean(axis=0)
scale = X[train_idx].std(axis=0)          # population standard deviation, as StandardScaler
Z = (X - mean) / scale
design = np.hstack([np.ones((len(Z), 1)), Z])
X_train, X_test = design[train_idx], design[test_idx]
y_train, y_test = y[train_idx], y[test_idx]

# %%
np.random.seed(SEED)
theta = np.random.randn(X_train.shape[1], 1)
initial_theta = theta.copy()
m = len(X_train)
history = []
for epoch in range(EPOCHS):
    order = np.random.permutation(m)
    Xs, ys = X_train[order], y_train[order]
    weighted = 0.0
    for start in range(0, m, BATCH):
        Xb, yb = Xs[start:start + BATCH], ys[start:start + BATCH]
        err = Xb.dot(theta) - yb
        weighted += len(Xb) * (np.sum(err ** 2) / (2 * len(Xb)))
        theta = theta - LR * ((1 / len(Xb)) * Xb.T.dot(err))
    full = X_train.dot(theta) - y_train
    history.append({"epoch": epoch + 1, "train_loss": float(np.sum(full ** 2) / (2 * m)),
                    "batch_loss_mean": weighted / m,
                    "test_mse": float(mean_squared_error(y_test, X_test.dot(theta)))})
print("final theta", theta.ravel(), "test MSE", history[-1]["test_mse"])

# %%
reference = {
    "name": "diabetes", "kind": "numpy", "exact": True,
    "note": "The tutorial's from-scratch NumPy loop on the diabetes CSV, standardised with the training rows'"
            " statistics: same split, initial parameters and shuffle stream.",
    "generator": {"numpy": np.__version__, "sklearn": sklearn.__version__, "python": sys.version.split()[0]},
    "match": {"data.source": "csv", "data.path": "diabetes.csv", "data.header": True, "split.test_size": 0.2,
              "split.random_state": 42, "preprocess.standardize": True, "model.init": "numpy_randn",
              "model.init_seed": SEED, "training.loss": "half_mse", "training.learning_rate": LR,
              "training.epochs": EPOCHS, "training.batch_size": BATCH, "training.shuffle": "numpy",
              "training.dtype": "double"},
    "standardization": {"mean": mean.tolist(), "scale": scale.tolist()},
    "split": {"train_indices": train_idx.tolist(), "test_indices": test_idx.tolist()},
    "initial_weights": initial_theta[1:].tolist(), "initial_bias": initial_theta[0].tolist(),
    "weights": theta[1:].tolist(), "bias": theta[0].tolist(),
    "test_mse": history[-1]["test_mse"], "history": history,
}
os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, "diabetes.json"), "w") as fh:
    json.dump(reference, fh, indent=1)
