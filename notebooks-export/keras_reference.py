# %% [markdown]
# # minibatch — the tutorial's Keras example, for `configs/keras.yaml`
#
# TensorFlow cannot be installed on these machines, so this notebook keeps Keras' semantics in PyTorch (Debian's
# `python3-torch`) and writes `reference/keras.json`:
#
# - `Dense(1)`: weights glorot-uniform U(±√(6/(fan_in+fan_out))), bias 0. The weights are drawn by
#   `np.random.RandomState(42).uniform`, as `configs/keras.yaml` asks the JVM trainers to, so all three start
#   from the same point;
# - `compile(optimizer='sgd', loss='mean_squared_error')`: plain SGD, lr 0.01, no momentum; MSE;
# - `fit(batch_size=32, epochs=100, shuffle=True)`: a new permutation every epoch (PyTorch's generator, so not the
#   JVM's order);
# - Keras' per-epoch `loss`: the batch-size-weighted mean of the batch losses, each taken before its update;
#   `val_loss`: the test MSE after the epoch. float32 throughout, as Keras.
#
# Because the shuffles differ, the JVM trainers and this run agree within a band (SGD noise), not exactly.

# %%
import json
import os
import sys

import numpy as np
import sklearn
import torch
from sklearn.datasets import make_regression
from sklearn.model_selection import train_test_split

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else ".", "reference")
LR, EPOCHS, BATCH, SEED = 0.01, 100, 32, 42
torch.manual_seed(SEED)

X, y = make_regression(n_samples=1000, n_features=1, noise=20, random_state=42)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
Xt = torch.tensor(X_train, dtype=torch.float32)
yt = torch.tensor(y_train, dtype=torch.float32).reshape(-1, 1)
Xv = torch.tensor(X_test, dtype=torch.float32)
yv = torch.tensor(y_test, dtype=torch.float32).reshape(-1, 1)

# %%
limit = np.sqrt(6.0 / (1 + 1))
w0 = np.random.RandomState(SEED).uniform(-limit, limit, size=(1, 1))
model = torch.nn.Linear(1, 1)
with torch.no_grad():
    model.weight.copy_(torch.tensor(w0.T, dtype=torch.float32))  # torch stores W transposed
    model.bias.zero_()
opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=0.0)
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
W = model.weight.detach().numpy().T.astype(float)
b = model.bias.detach().numpy().astype(float)
reference = {
    "name": "keras", "kind": "pytorch", "exact": False,
    "note": "The tutorial's Keras example in PyTorch with Keras' semantics; its shuffle order differs from the"
            " JVM's, so agreement is a band (SGD noise), not equality.",
    "generator": {"torch": torch.__version__, "numpy": np.__version__, "sklearn": sklearn.__version__,
                  "python": sys.version.split()[0]},
    "match": {"data.n_samples": 1000, "data.n_features": 1, "data.noise": 20.0, "data.random_state": 42,
              "data.bias": 0.0, "data.n_targets": 1, "split.test_size": 0.2, "split.random_state": 42,
              "model.init": "xavier_uniform", "model.init_seed": SEED, "training.loss": "mse",
              "training.learning_rate": LR, "training.epochs": EPOCHS, "training.batch_size": BATCH},
    "initial_weights": w0.tolist(), "initial_bias": [0.0],
    "weights": W.tolist(), "bias": b.tolist(),
    "test_mse": history[-1]["test_mse"], "history": history,
}
os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, "keras.json"), "w") as fh:
    json.dump(reference, fh, indent=1)
print("learned weight", W.ravel(), "bias", b)
