#!/usr/bin/env python3
"""Generate scikit-learn reference fixtures for melkit's dataset tests (MinMaxScaler).

Run:  /tmp/venv-librosa/bin/python toolkit/src/test/python/gen_dataset_fixtures.py
Writes toolkit/src/test/resources/fixtures/dataset/minmax_*.npy and calls.json, which records
the exact sklearn calls. Inputs are float32 like melkit's spectrograms: dB-like values in
[-80, 0], one constant column (range 0 -> scaled by 1) and one near-constant column
(range below 10 * float32 eps -> also scaled by 1, sklearn's _handle_zeros_in_scale).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.preprocessing import MinMaxScaler

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "dataset")
os.makedirs(OUT, exist_ok=True)

rng = np.random.default_rng(42)
train = rng.uniform(-80, 0, size=(6, 7)).astype(np.float32)
test = rng.uniform(-90, 5, size=(4, 7)).astype(np.float32)  # beyond the training range: not clipped
train[:, 2] = -12.5            # constant column
test[:, 2] = [-12.5, -10.0, -20.0, 0.0]
train[:, 5] = np.float32(-3.0)
train[0, 5] = np.nextafter(np.float32(-3.0), np.float32(0))  # range of one ulp (< 10 eps)

scaler = MinMaxScaler().fit(train)
fixtures = {
    "minmax_train": train,
    "minmax_test": test,
    "minmax_train_scaled": scaler.transform(train),
    "minmax_test_scaled": scaler.transform(test),
    "minmax_data_min": scaler.data_min_,
    "minmax_data_max": scaler.data_max_,
}
calls = {"sklearn_version": sklearn.__version__, "numpy_version": np.__version__,
         "call": "s = MinMaxScaler().fit(minmax_train); minmax_train_scaled = s.transform(minmax_train); "
                 "minmax_test_scaled = s.transform(minmax_test); minmax_data_min = s.data_min_; minmax_data_max = s.data_max_",
         "fixtures": []}
for name, arr in fixtures.items():
    assert arr.dtype == np.float32, (name, arr.dtype)
    np.save(os.path.join(OUT, name + ".npy"), arr)
    calls["fixtures"].append(dict(name=name, shape=list(arr.shape)))
with open(os.path.join(OUT, "calls.json"), "w") as f:
    json.dump(calls, f, indent=2)
    f.write("\n")
