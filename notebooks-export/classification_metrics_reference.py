# %% [markdown]
# # minibatch — a classifier's `evaluate` metrics, computed by scikit-learn
#
# Fixed labels and predicted probabilities (NumPy `RandomState(11)`), and scikit-learn's `accuracy_score`, `log_loss`,
# `precision_recall_fscore_support` (per class, `macro`, `weighted`), `confusion_matrix` and, for two classes,
# `roc_auc_score`, written to `reference/classification_metrics.json` for minibatch's tests
# (`dev.minibatch.results.ClassificationMetrics`). Three cases: two classes given as one sigmoid output p (with tied
# scores), three classes given as softmax rows, and four classes of which one is never predicted (scikit-learn's
# zero_division: 0) and one has no row.

# %%
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, confusion_matrix, log_loss, precision_recall_fscore_support,
                             roc_auc_score)

HERE = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else "."
REF = os.path.join(HERE, "reference")
rs = np.random.RandomState(11)


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def case(y, proba, k):
    labels = list(range(k))
    pred = (proba[:, 0] > 0.5).astype(int) if proba.shape[1] == 1 else proba.argmax(axis=1)
    p, r, f, s = precision_recall_fscore_support(y, pred, labels=labels, average=None, zero_division=0)
    out = {"y_true": y.tolist(), "proba": proba.tolist(), "classes": [str(c) for c in labels],
           "accuracy": accuracy_score(y, pred),
           "log_loss": log_loss(y, proba[:, 0] if proba.shape[1] == 1 else proba, labels=labels),
           "confusion_matrix": confusion_matrix(y, pred, labels=labels).tolist(), "support": s.tolist()}
    for name, v in (("precision", p), ("recall", r), ("f1", f)):
        out[name] = {"per_class": v.tolist(),
                     "macro": precision_recall_fscore_support(y, pred, labels=labels, average="macro",
                                                              zero_division=0)[("precision", "recall", "f1").index(name)],
                     "weighted": precision_recall_fscore_support(y, pred, labels=labels, average="weighted",
                                                                 zero_division=0)[("precision", "recall", "f1").index(name)]}
    if k == 2:
        out["roc_auc"] = roc_auc_score(y, proba[:, 0] if proba.shape[1] == 1 else proba[:, 1])
    return out


# %%
y2 = rs.randint(0, 2, size=60)
p2 = np.clip(0.5 + (y2 - 0.5) * 0.6 + rs.normal(scale=0.3, size=60), 0, 1)
p2[:10] = np.round(p2[:10], 1)                     # tied scores
y3 = rs.randint(0, 3, size=80)
z3 = rs.normal(size=(80, 3)) + 1.5 * np.eye(3)[y3]
y4 = rs.randint(0, 3, size=40)                     # class 3 has no row
z4 = rs.normal(size=(40, 4)) + 2.0 * np.eye(4)[y4]
z4[:, 2] -= 10                                     # class 2 is never predicted
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    cases = {"binary": case(y2, p2[:, None], 2), "three": case(y3, softmax(z3), 3), "four": case(y4, softmax(z4), 4)}

with open(os.path.join(REF, "classification_metrics.json"), "w") as fh:
    json.dump({"generator": {"numpy": np.__version__, "sklearn": sklearn.__version__}, "cases": cases}, fh, indent=1)
print({k: (v["accuracy"], v["log_loss"]) for k, v in cases.items()})
