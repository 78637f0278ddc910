"""Reference values for org.melkit.dataset.Evaluation / Roc, computed by scikit-learn.

Run:  /tmp/venv-librosa/bin/python toolkit/src/test/python/gen_evaluation_fixtures.py
Writes toolkit/src/test/resources/fixtures/evaluation/sklearn_metrics.json; every value is
recorded beside the exact sklearn call that produced it ("call"). Inputs are fixed (a seeded
generator), so re-running gives the same file.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, auc, classification_report, confusion_matrix,
                             roc_auc_score, roc_curve)
from sklearn.preprocessing import label_binarize

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "fixtures" / "evaluation" / "sklearn_metrics.json"


def floats(a):
    """JSON has no infinity: +inf thresholds are written as the string "inf"."""
    return [("inf" if np.isposinf(v) else float(v)) for v in np.asarray(a, dtype=float)]


rng = np.random.default_rng(20240611)
labels = ["angry", "happy", "neutral", "sad"]
n = 60
y_true = rng.choice(labels, size=n, p=[0.2, 0.3, 0.35, 0.15])
# scores: a noisy "model", rows summing to 1, rounded to 2 decimals so that ties occur
logits = rng.normal(size=(n, 4)) + 1.5 * label_binarize(y_true, classes=labels)
scores = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
scores = np.round(scores, 2)
scores[:, -1] = np.round(1.0 - scores[:, :-1].sum(axis=1), 2)  # keep rows summing to 1
y_pred = np.array(labels)[scores.argmax(axis=1)]
# a class that is never predicted and one sample of a class never true, to exercise zero_division
y_pred[y_pred == "sad"] = "neutral"
y_true_extra = list(y_true) + ["happy"]
y_pred_extra = list(y_pred) + ["surprised"]

cases = {}

cases["multiclass"] = {
    "y_true": list(map(str, y_true_extra)),
    "y_pred": list(map(str, y_pred_extra)),
    "labels": sorted(set(y_true_extra) | set(y_pred_extra)),
    "accuracy": {"call": "accuracy_score(y_true, y_pred)", "value": accuracy_score(y_true_extra, y_pred_extra)},
    "report": {"call": "classification_report(y_true, y_pred, output_dict=True, zero_division=0.0)",
               "value": classification_report(y_true_extra, y_pred_extra, output_dict=True, zero_division=0.0)},
    "confusion_matrix": {"call": "confusion_matrix(y_true, y_pred, labels=labels)",
                         "value": confusion_matrix(y_true_extra, y_pred_extra,
                                                   labels=sorted(set(y_true_extra) | set(y_pred_extra))).tolist()},
    "report_text": {"call": "classification_report(y_true, y_pred, zero_division=0.0, digits=2)",
                    "value": classification_report(y_true_extra, y_pred_extra, zero_division=0.0)},
}

ovr = {"y_true": list(map(str, y_true)), "labels": labels, "scores": scores.tolist(), "per_class": {}}
for k, lab in enumerate(labels):
    y = (y_true == lab).astype(int)
    fpr, tpr, thr = roc_curve(y, scores[:, k])  # drop_intermediate=True
    fpr_all, tpr_all, thr_all = roc_curve(y, scores[:, k], drop_intermediate=False)
    ovr["per_class"][lab] = {
        "call": f"roc_curve(y_true == {lab!r}, scores[:, {k}])",
        "fpr": floats(fpr), "tpr": floats(tpr), "thresholds": floats(thr),
        "call_all": f"roc_curve(y_true == {lab!r}, scores[:, {k}], drop_intermediate=False)",
        "fpr_all": floats(fpr_all), "tpr_all": floats(tpr_all), "thresholds_all": floats(thr_all),
        "auc_call": f"roc_auc_score(y_true == {lab!r}, scores[:, {k}])",
        "auc": float(roc_auc_score(y, scores[:, k])),
        "auc_trapezoid": float(auc(fpr, tpr)),
    }
ovr["macro_auc"] = {"call": "roc_auc_score(y_true, scores, multi_class='ovr', average='macro', labels=labels)",
                    "value": float(roc_auc_score(y_true, scores, multi_class="ovr", average="macro", labels=labels))}
ovr["weighted_auc"] = {"call": "roc_auc_score(y_true, scores, multi_class='ovr', average='weighted', labels=labels)",
                       "value": float(roc_auc_score(y_true, scores, multi_class="ovr", average="weighted", labels=labels))}
cases["ovr"] = ovr

# a small binary case with heavy ties, by hand-checkable values
yb = [0, 0, 1, 1, 0, 1, 1, 0, 1, 0]
sb = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.1, 0.1, 0.7]
fpr, tpr, thr = roc_curve(yb, sb)
cases["binary_ties"] = {"y_true": yb, "scores": sb, "call": "roc_curve(y_true, scores)",
                        "fpr": floats(fpr), "tpr": floats(tpr), "thresholds": floats(thr),
                        "auc_call": "roc_auc_score(y_true, scores)", "auc": float(roc_auc_score(yb, sb))}

doc = {"generator": "toolkit/src/test/python/gen_evaluation_fixtures.py",
       "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
       "cases": cases}
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps(doc, indent=1) + "\n")
print("wrote", OUT, OUT.stat().st_size, "bytes")
