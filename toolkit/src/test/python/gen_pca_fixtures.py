#!/usr/bin/env python3
"""Generate sklearn reference fixtures for melkit's standardise + PCA (melkit summary --pca K).

Run:  /tmp/venv-librosa/bin/python toolkit/src/test/python/gen_pca_fixtures.py
Writes toolkit/src/test/resources/fixtures/summary/pca_*.csv (numbers printed with repr, so
they round-trip exactly) and pca_calls.json recording the exact sklearn calls.
The input is a fixed 12 x 6 matrix on very different scales (like MFCC means, a centroid in Hz
and a zero-crossing rate) with one constant column, which StandardScaler divides by 1.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "summary")
os.makedirs(OUT, exist_ok=True)

rng = np.random.default_rng(20240611)
base = rng.normal(size=(12, 3))
x = np.column_stack([
    -300 + 40 * base[:, 0],                       # like mfcc_1
    80 + 10 * base[:, 1] + 5 * base[:, 0],        # like mfcc_2, correlated
    3.0 * base[:, 2] - 1.5 * base[:, 1],          # like mfcc_3
    2000 + 500 * base[:, 0] + 120 * base[:, 2],   # like spectral_centroid (Hz)
    0.05 + 0.01 * base[:, 1] + 0.004 * rng.normal(size=12),  # like zero_crossing_rate
    np.full(12, 7.25),                            # constant column: scale 1
])

K = 4
z = StandardScaler().fit_transform(x)
pca = PCA(n_components=K, svd_solver="full")
scores = pca.fit_transform(z)


def save(name, arr):
    arr = np.atleast_2d(np.asarray(arr, dtype=np.float64))
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        for row in arr:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


save("pca_x", x)
save("pca_scores_k4", scores)
save("pca_components_k4", pca.components_)
save("pca_variance_ratio_k4", pca.explained_variance_ratio_)
with open(os.path.join(OUT, "pca_calls.json"), "w") as f:
    json.dump({
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "pca_x.csv": "the fixed input X (12 x 6), generated in gen_pca_fixtures.py",
        "pca_scores_k4.csv": "PCA(n_components=4, svd_solver='full').fit_transform(StandardScaler().fit_transform(X))",
        "pca_components_k4.csv": "the same PCA's components_ (4 x 6)",
        "pca_variance_ratio_k4.csv": "the same PCA's explained_variance_ratio_ (1 x 4)",
        "signs": "PCA component signs are arbitrary; compare up to sign per component",
    }, f, indent=2)
print("wrote", OUT)
