# %% [markdown]
# # minibatch — `evaluate`'s metrics, computed by scikit-learn
#
# 1. The diabetes run: the NumPy reference's final θ (`reference/diabetes.json`, the same run as
#    `configs/diabetes.yaml`) applied to the whole `data/diabetes.csv` through its standardisation, and
#    scikit-learn's `mean_squared_error`, `mean_absolute_error` and `r2_score` of those predictions.
# 2. Three targets: fixed arrays of true values and predictions (NumPy `RandomState(7)`), with scikit-learn's
#    per-target metrics (`multioutput='raw_values'`) and their uniform average (the default), including RMSE
#    (`mean_squared_error(squared=False)`), whose average is the mean of the per-target RMSEs.
# 3. Writes `reference/evaluate.json` for minibatch's tests.

# %%
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

HERE = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else "."
REF = os.path.join(HERE, "reference")


def metrics(y, p, multioutput):
    return {
        "mse": mean_squared_error(y, p, multioutput=multioutput),
        "rmse": mean_squared_error(y, p, squared=False, multioutput=multioutput),
        "mae": mean_absolute_error(y, p, multioutput=multioutput),
        "r2": r2_score(y, p, multioutput=multioutput),
    }


def plain(d):
    return {k: (v.tolist() if isinstance(v, np.ndarray) else float(v)) for k, v in d.items()}


# %%
diabetes = json.load(open(os.path.join(REF, "diabetes.json")))
data = np.loadtxt(os.path.join(HERE, "..", "data", "diabetes.csv"), delimiter=",", skiprows=1)
x, y = data[:, :-1], data[:, -1:]
mean = np.array(diabetes["standardization"]["mean"])
scale = np.array(diabetes["standardization"]["scale"])
w = np.array(diabetes["weights"])
b = np.array(diabetes["bias"])
pred = ((x - mean) / scale) @ w + b
diabetes_metrics = plain(metrics(y, pred, "uniform_average"))

# %%
rs = np.random.RandomState(7)
y3 = rs.normal(size=(50, 3)) * [1.0, 10.0, 100.0] + [0.0, 5.0, -20.0]
p3 = y3 + rs.normal(size=(50, 3)) * [0.5, 2.0, 60.0]
three = {
    "y_true": y3.tolist(),
    "y_pred": p3.tolist(),
    "per_target": plain(metrics(y3, p3, "raw_values")),
    "overall": plain(metrics(y3, p3, "uniform_average")),
}

# %%
out = {
    "generator": {"numpy": np.__version__, "sklearn": sklearn.__version__},
    "diabetes": {"csv": "data/diabetes.csv", "rows": int(len(y)), "metrics": diabetes_metrics},
    "three_targets": three,
}
with open(os.path.join(REF, "evaluate.json"), "w") as f:
    json.dump(out, f, indent=1)
print(json.dumps(out["diabetes"], indent=1))
print(json.dumps(three["overall"], indent=1))
