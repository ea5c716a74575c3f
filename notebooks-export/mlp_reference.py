# %% [markdown]
# # minibatch — the NumPy reference for `configs/mlp.yaml`
#
# The tutorial's mini-batch loop with two hidden layers, in plain NumPy: forward through each dense layer, the
# loss, backpropagation layer by layer, and DL4J's Adam, with the same data, split, standardisation, initial
# weights and shuffle stream as `configs/mlp.yaml`. Every number minibatch must reproduce (to 1e-10 relative) goes
# into `reference/mlp.json`.
#
# Settings: `make_friedman1(2000, 5, noise=1.0, random_state=0)`, a 20 % test split with `random_state=42`,
# features standardised with the training rows' mean and population standard deviation, layers 5 → 32 tanh →
# 16 tanh → 1, Keras' glorot-uniform weights drawn layer by layer from `RandomState(42)` (biases 0), MSE,
# Adam (lr 0.005, β₁ 0.9, β₂ 0.999, ε 1e-8, DL4J's bias correction), batch 32, 100 epochs, and one
# `permutation` per epoch from the stream that drew the weights.
#
# Regenerate with `scripts/make-reference`. The data are scikit-learn's `make_friedman1` definition with the C
# library's sine (see friedman_fixtures.py); `train_test_split` is scikit-learn's when installed, otherwise its
# definition on NumPy's legacy RandomState (the same NumPy calls).

# %%
import json
import math
import os
import sys

import numpy as np

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else ".", "reference")

N_SAMPLES, N_FEATURES, NOISE, DATA_SEED = 2000, 5, 1.0, 0
TEST_SIZE, SPLIT_SEED = 0.2, 42
HIDDEN = [(32, "tanh"), (16, "tanh")]
INIT_SEED, LEARNING_RATE, EPOCHS, BATCH_SIZE = 42, 0.005, 100, 32
BETA1, BETA2, EPSILON = 0.9, 0.999, 1e-8

def make_friedman1(n_samples=100, n_features=10, *, noise=0.0, random_state=None):
    """scikit-learn's definition with the C library's sine (NumPy 1.2x's SIMD sine on AVX-512 differs in the last
    bit for about a fifth of the rows; friedman_fixtures.py measures it), as minibatch generates the data."""
    generator = np.random.RandomState(random_state)
    X = generator.uniform(size=(n_samples, n_features))
    sine = np.array([math.sin(v) for v in np.pi * X[:, 0] * X[:, 1]])
    y = (10 * sine + 20 * (X[:, 2] - 0.5) ** 2 + 10 * X[:, 3] + 5 * X[:, 4]
         + noise * generator.standard_normal(size=(n_samples)))
    return X, y


try:
    import sklearn
    from sklearn.model_selection import train_test_split
    GENERATOR = {"numpy": np.__version__, "sklearn": sklearn.__version__, "python": sys.version.split()[0]}
except ImportError:
    def train_test_split(rows, test_size, random_state):
        n_test = math.ceil(test_size * len(rows))
        permutation = np.random.RandomState(random_state).permutation(len(rows))
        return rows[permutation[n_test:]], rows[permutation[:n_test]]
    GENERATOR = {"numpy": np.__version__, "sklearn": "its definitions on NumPy", "python": sys.version.split()[0]}

# %% [markdown]
# ## Data, split and standardisation

# %%
X, y = make_friedman1(n_samples=N_SAMPLES, n_features=N_FEATURES, noise=NOISE, random_state=DATA_SEED)
rows = np.arange(N_SAMPLES)
train_idx, test_idx = train_test_split(rows, test_size=TEST_SIZE, random_state=SPLIT_SEED)
mean = X[train_idx].mean(axis=0)
scale = X[train_idx].std(axis=0)
Xz = (X - mean) / scale
X_train, X_test = Xz[train_idx], Xz[test_idx]
y_train, y_test = y[train_idx].reshape(-1, 1), y[test_idx].reshape(-1, 1)

# %% [markdown]
# ## The network's initial weights
# Glorot-uniform, U(±√(6 / (n_in + n_out))), layer by layer from input to output; biases 0.

# %%
rs = np.random.RandomState(INIT_SEED)
sizes = [N_FEATURES] + [u for u, _ in HIDDEN] + [1]
W, b = [], []
for n_in, n_out in zip(sizes[:-1], sizes[1:]):
    limit = math.sqrt(6.0 / (n_in + n_out))
    W.append(rs.uniform(-limit, limit, size=(n_in, n_out)))
    b.append(np.zeros(n_out))
initial = [(w.copy(), c.copy()) for w, c in zip(W, b)]


def forward(x):
    """Every layer's pre-activation z and activation a, input to output (the output layer is linear)."""
    a, zs, acts = x, [], [x]
    for i, (w, c) in enumerate(zip(W, b)):
        z = a @ w + c
        a = np.tanh(z) if i < len(W) - 1 else z
        zs.append(z)
        acts.append(a)
    return zs, acts


def mse(x, target):
    return float(np.sum((forward(x)[1][-1] - target) ** 2) / target.size)


# %% [markdown]
# ## Mini-batch gradient descent with backpropagation and DL4J's Adam
# Loss of a batch of m rows and k targets: Σe²/(m·k); dL/dŷ = 2e/k, and DL4J divides the gradient by m before
# the updater. Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − α_t·m/(√v + ε) with
# α_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), t counted from 1.

# %%
m_state = [(np.zeros_like(w), np.zeros_like(c)) for w, c in zip(W, b)]
v_state = [(np.zeros_like(w), np.zeros_like(c)) for w, c in zip(W, b)]
n = len(X_train)
t = 0
history = []
for epoch in range(EPOCHS):
    order = rs.permutation(n)
    weighted = 0.0
    for start in range(0, n, BATCH_SIZE):
        idx = order[start:start + BATCH_SIZE]
        xb, yb = X_train[idx], y_train[idx]
        mb = len(idx)
        zs, acts = forward(xb)
        e = acts[-1] - yb
        weighted += mb * float(np.sum(e ** 2) / e.size)
        delta = 2 * e / yb.shape[1]
        grads = [None] * len(W)
        for i in reversed(range(len(W))):
            grads[i] = (acts[i].T @ delta / mb, delta.sum(axis=0) / mb)
            if i > 0:
                delta = (delta @ W[i].T) * (1 - np.tanh(zs[i - 1]) ** 2)
        t += 1
        alpha = LEARNING_RATE * math.sqrt(1 - BETA2 ** t) / (1 - BETA1 ** t)
        for i in range(len(W)):
            for j, (param, g) in enumerate(zip((W[i], b[i]), grads[i])):
                mo = m_state[i][j]
                ve = v_state[i][j]
                mo *= BETA1
                mo += (1 - BETA1) * g
                ve *= BETA2
                ve += (1 - BETA2) * g * g
                param -= alpha * mo / (np.sqrt(ve) + EPSILON)
    history.append({"epoch": epoch + 1, "train_loss": mse(X_train, y_train), "batch_loss_mean": weighted / n,
                    "test_mse": mse(X_test, y_test)})
    
test_mse = mse(X_test, y_test)
print(f"test MSE {test_mse:.6f} after {EPOCHS} epochs")

# %%
layers = lambda ps: [{"weights": w.tolist(), "bias": c.tolist()} for w, c in ps]
reference = {
    "name": "mlp",
    "generator": GENERATOR,
    "kind": "numpy",
    "exact": True,
    "note": "The mini-batch loop with backpropagation in NumPy: same data, split, standardisation, initial weights,"
            " shuffle stream and Adam as DL4J.",
    "match": {"data.source": "make_friedman1", "data.n_samples": N_SAMPLES, "data.n_features": N_FEATURES,
              "data.noise": NOISE, "data.random_state": DATA_SEED, "split.test_size": TEST_SIZE,
              "split.random_state": SPLIT_SEED, "preprocess.standardize": True,
              "model.hidden_layers": [{"units": u, "activation": a} for u, a in HIDDEN],
              "model.init": "xavier_uniform", "model.init_seed": INIT_SEED, "training.loss": "mse",
              "training.optimizer": "adam", "training.learning_rate": LEARNING_RATE, "training.beta1": BETA1,
              "training.beta2": BETA2, "training.epsilon": EPSILON, "training.epochs": EPOCHS,
              "training.batch_size": BATCH_SIZE, "training.shuffle": "numpy", "training.dtype": "double"},
    "initial_weights": initial[-1][0].tolist(),
    "initial_bias": initial[-1][1].tolist(),
    "weights": W[-1].tolist(),
    "bias": b[-1].tolist(),
    "initial_layers": layers(initial),
    "layers": layers(zip(W, b)),
    "test_mse": test_mse,
    "history": history,
}
os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, "mlp.json"), "w") as fh:
    json.dump(reference, fh, indent=1)
