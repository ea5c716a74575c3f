"""The tutorial's NumPy program, whole, as the peer of `scripts/bench --e2e`.

It does what the tutorial's from-scratch program does, in the same steps: make_regression(1000, 1, noise=20,
random_state=42), a bias column, train_test_split(test_size=0.2, random_state=42), theta from
np.random.seed(42) + randn, 100 epochs of mini-batches of 32 with one np.random.permutation per epoch, the full
training cost after each epoch, the test MSE, and its two figures (the cost history and the fitted line). The
figures are saved as PNG files (matplotlib's Agg backend) instead of shown in a window, so the program ends by
itself, as `minibatch train configs/seed.yaml` does after writing its report.

    python3 scripts/bench_tutorial.py OUT_DIR
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import make_regression  # noqa: E402
from sklearn.metrics import mean_squared_error  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

X, y = make_regression(n_samples=1000, n_features=1, noise=20, random_state=42)
X_b = np.c_[np.ones((X.shape[0], 1)), X]
X_train, X_test, y_train, y_test = train_test_split(X_b, y, test_size=0.2, random_state=42)
learning_rate, n_epochs, batch_size = 0.01, 100, 32
np.random.seed(42)
theta = np.random.randn(X_train.shape[1], 1)
y_train = y_train.reshape(-1, 1)
cost_history = []
m = len(X_train)
for epoch in range(n_epochs):
    indices = np.random.permutation(m)
    X_shuffled, y_shuffled = X_train[indices], y_train[indices]
    for i in range(0, m, batch_size):
        X_i, y_i = X_shuffled[i:i + batch_size], y_shuffled[i:i + batch_size]
        error = X_i.dot(theta) - y_i
        cost = (1 / (2 * len(X_i))) * np.sum(error ** 2)
        theta = theta - learning_rate * (1 / len(X_i)) * X_i.T.dot(error)
    full_error = X_train.dot(theta) - y_train
    cost_history.append((1 / (2 * m)) * np.sum(full_error ** 2))
    if (epoch + 1) % 10 == 0:
        print(f"Epoch {epoch + 1}/{n_epochs}, Cost: {cost_history[-1]:.4f}")
print(f"Final parameters (theta):\n{theta}")
test_predictions = X_test.dot(theta)
print(f"Test Mean Squared Error: {mean_squared_error(y_test, test_predictions):.2f}")

plt.figure(figsize=(10, 6))
plt.plot(cost_history)
plt.title("Cost Function History")
plt.xlabel("Epoch")
plt.ylabel("Cost (MSE)")
plt.grid(True)
plt.savefig(os.path.join(out, "cost.png"))
plt.figure(figsize=(10, 6))
plt.scatter(X_test[:, 1], y_test, color="blue", label="Actual Data")
plt.plot(X_test[:, 1], test_predictions, color="red", linewidth=2, label="Predictions")
plt.title("Linear Regression with Mini-Batch GD")
plt.xlabel("Feature")
plt.ylabel("Target")
plt.legend()
plt.grid(True)
plt.savefig(os.path.join(out, "fit.png"))
