# %% [markdown]
# # minibatch — `configs/mlp.yaml`'s network in Keras' setup, for `configs/mlp-keras.yaml`
#
# TensorFlow cannot be installed on these machines, so this notebook keeps Keras' semantics in PyTorch (Debian's
# `python3-torch`) and writes `reference/mlp_keras.json`:
#
# - `Sequential([Dense(32, activation="tanh"), Dense(16, activation="tanh"), Dense(1)])`: glorot-uniform weights
#   U(±√(6/(fan_in+fan_out))), biases 0, drawn layer by layer by `np.random.RandomState(42).uniform`, as
#   `configs/mlp-keras.yaml` asks the JVM trainers to, so all three start from the same point;
# - `compile(optimizer=Adam(0.005), loss="mean_squared_error")` (PyTorch's Adam, ε 1e-8 added to √v̂ where DL4J
#   adds it to √v: a difference far inside the band);
# - `fit(batch_size=32, epochs=100, shuffle=True)`: a new permutation every epoch (PyTorch's generator, so not the
#   JVM's order); per epoch Keras' `loss` (the batch-size-weighted mean of the batch losses) and the full losses.
#   float32 throughout, as Keras. The data: `make_friedman1(2000, 5, noise=1.0, random_state=0)`, a 20 % test split
#   (`random_state=42`), features standardised with the training rows' mean and population standard deviation.
#
# Because the shuffles differ, the JVM trainers and this run agree within a band, not exactly. The band is this
# network's own spread over shuffle orders, measured with the JVM's scratch trainer on `configs/mlp-keras.yaml` with
# `training.shuffle_seed` 1 to 6: final training losses 0.885–1.136 and test MSEs 1.03–1.31, extremes 27 % apart
# (the linear model's 5 % is far too tight for Adam on a network at epoch 100). So: 25 %.
# Regenerate with `scripts/make-reference`.

# %%
import json
import os
import sys

import numpy as np
import sklearn
import torch
from sklearn.datasets import make_friedman1
from sklearn.model_selection import train_test_split

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else ".", "reference")
LR, EPOCHS, BATCH, SEED = 0.005, 100, 32, 42
HIDDEN = [32, 16]
torch.manual_seed(SEED)

X, y = make_friedman1(n_samples=2000, n_features=5, noise=1.0, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
mean, scale = X_train.mean(axis=0), X_train.std(axis=0)
Xt = torch.tensor((X_train - mean) / scale, dtype=torch.float32)
yt = torch.tensor(y_train, dtype=torch.float32).reshape(-1, 1)
Xv = torch.tensor((X_test - mean) / scale, dtype=torch.float32)
yv = torch.tensor(y_test, dtype=torch.float32).reshape(-1, 1)

# %%
rs = np.random.RandomState(SEED)
sizes = [5] + HIDDEN + [1]
layers, initial = [], []
for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
    limit = np.sqrt(6.0 / (n_in + n_out))
    w = rs.uniform(-limit, limit, size=(n_in, n_out))
    lin = torch.nn.Linear(n_in, n_out)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor(w.T, dtype=torch.float32))   # torch stores W transposed
        lin.bias.zero_()
    initial.append({"weights": w.tolist(), "bias": [0.0] * n_out})
    layers += [lin] + ([torch.nn.Tanh()] if i < len(sizes) - 2 else [])
model = torch.nn.Sequential(*layers)
opt = torch.optim.Adam(model.parameters(), lr=LR, betas=(0.9, 0.999), eps=1e-8)
mse = torch.nn.MSELoss()

# %%
history = []
m = len(Xt)
for epoch in range(EPOCHS):
    order = torch.randperm(m)
    weighted = 0.0
    for start in range(0, m, BATCH):
        idx = order[start:start + BATCH]
        opt.zero_grad()
        loss = mse(model(Xt[idx]), yt[idx])
        weighted += loss.item() * len(idx)
        loss.backward()
        opt.step()
    with torch.no_grad():
        history.append({"epoch": epoch + 1, "train_loss": mse(model(Xt), yt).item(),
                        "batch_loss_mean": weighted / m, "test_mse": mse(model(Xv), yv).item()})
    if (epoch + 1) % 10 == 0:
        print(f"Epoch {epoch + 1}/{EPOCHS} - loss: {weighted / m:.4f} - val_loss: {history[-1]['test_mse']:.4f}")

# %%
final = [{"weights": lin.weight.detach().numpy().T.astype(float).tolist(),
          "bias": lin.bias.detach().numpy().astype(float).tolist()} for lin in model if isinstance(lin, torch.nn.Linear)]
reference = {
    "name": "mlp_keras", "kind": "pytorch", "exact": False, "band": 0.25,
    "note": "configs/mlp.yaml's network in PyTorch with Keras' semantics (float32, Adam); its shuffle order differs"
            " from the JVM's, so agreement is a band, not equality.",
    "generator": {"torch": torch.__version__, "numpy": np.__version__, "sklearn": sklearn.__version__,
                  "python": sys.version.split()[0]},
    "match": {"data.source": "make_friedman1", "data.n_samples": 2000, "data.n_features": 5, "data.noise": 1.0,
              "data.random_state": 0, "split.test_size": 0.2, "split.random_state": 42,
              "preprocess.standardize": True,
              "model.hidden_layers": [{"units": u, "activation": "tanh"} for u in HIDDEN],
              "model.init": "xavier_uniform", "model.init_seed": SEED, "training.loss": "mse",
              "training.optimizer": "adam", "training.learning_rate": LR, "training.epochs": EPOCHS,
              "training.batch_size": BATCH, "training.dtype": "float"},
    "initial_weights": initial[-1]["weights"], "initial_bias": initial[-1]["bias"],
    "weights": final[-1]["weights"], "bias": final[-1]["bias"],
    "initial_layers": initial, "layers": final,
    "test_mse": history[-1]["test_mse"], "history": history,
}
os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, "mlp_keras.json"), "w") as fh:
    json.dump(reference, fh, indent=1)
print("test MSE", history[-1]["test_mse"])
