# %% [markdown]
# # minibatch — fixtures for the NumPy-compatible random stream
#
# Raw draws of NumPy's legacy `RandomState` and two `make_regression`/`train_test_split` calls, written to
# `reference/numpy_fixtures.json`. The Java tests compare the port against these values bit for bit (the JSON
# holds each double as its shortest round-trip decimal, which Java parses back to the same bits).

# %%
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_regression
from sklearn.model_selection import train_test_split

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else ".", "reference")

# %%
rs = np.random.RandomState(12345)
raw = {
    "seed": 12345,
    "uint32": rs.randint(0, 2**32, size=8, dtype=np.uint32).tolist(),
}
rs = np.random.RandomState(12345)
raw["random_sample"] = rs.random_sample(2000).tolist()
rs = np.random.RandomState(12345)
raw["standard_normal"] = rs.standard_normal(20001).tolist()
rs = np.random.RandomState(12345)
raw["uniform"] = rs.uniform(-3.0, 5.0, size=1000).tolist()
rs = np.random.RandomState(12345)
raw["permutations"] = [rs.permutation(n).tolist() for n in (1, 2, 3, 10, 255, 256, 257, 1000)]
# a seed at the top of the allowed range, and zero
raw["standard_normal_seed_4294967295"] = np.random.RandomState(4294967295).standard_normal(10).tolist()
raw["standard_normal_seed_0"] = np.random.RandomState(0).standard_normal(10).tolist()

# %% [markdown]
# NumPy's polar Gaussian calls the C library's `log`; the port must round it the same way. Inputs: uniform in
# (0, 1), a dense band around 1 (a separate code path in glibc), and a few wide magnitudes.

# %%
import math

rs = np.random.RandomState(99)
log_x = np.concatenate([rs.random_sample(20000), 1.0 + (rs.random_sample(5000) - 0.5) * 0.25,
                        np.exp(rs.uniform(-700, 700, 1000)), [1.0, 0.5, 2.0, 5e-324, 2.2250738585072014e-308]])
logs = {"x": log_x.tolist(), "log": [math.log(v) for v in log_x]}

# %%
def regression_case(name, split_seed, test_size, **kwargs):
    X, y, coef = make_regression(coef=True, **kwargs)
    train_idx, test_idx = train_test_split(np.arange(kwargs["n_samples"]), test_size=test_size,
                                           random_state=split_seed)
    return {"name": name, "params": kwargs, "test_size": test_size, "split_random_state": split_seed,
            "X": X.tolist(), "y": y.tolist(), "coef": np.asarray(coef).tolist(),
            "train_indices": train_idx.tolist(), "test_indices": test_idx.tolist()}

cases = [
    regression_case("tutorial", 42, 0.2, n_samples=1000, n_features=1, noise=20.0, random_state=42),
    regression_case("multi", 3, 0.25, n_samples=200, n_features=5, n_informative=3, n_targets=2, noise=1.0,
                    bias=0.5, random_state=7),
    regression_case("wide", 11, 0.3, n_samples=57, n_features=12, n_informative=10, n_targets=3, noise=0.0,
                    bias=-2.0, random_state=2024),
]

# %%
fixtures = {"generator": {"numpy": np.__version__, "sklearn": sklearn.__version__,
                          "python": sys.version.split()[0]},
            "raw": raw, "log": logs, "make_regression": cases}
os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, "numpy_fixtures.json"), "w") as fh:
    json.dump(fixtures, fh)
