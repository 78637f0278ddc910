"""Reads an extract build's features.parquet with pandas and pyarrow, as they are, and checks it
against the CLI's build of the same input: the same rows in metadata.csv's order (source, class,
label), each np.array_equal to the CLI's .npy in shape, dtype and values.

    bash environment/setup.sh --parquet
    .venv/bin/python environment/parquet_check.py OUT/features.parquet CLI_OUT
"""
import csv
import sys

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.parquet as pq

pa_version = pyarrow.__version__
pqdir, cli = sys.argv[1], sys.argv[2]
df = pd.read_parquet(pqdir)                       # pandas (pyarrow engine), unchanged
t = pq.read_table(pqdir)                          # pyarrow
meta = list(csv.DictReader(open(f"{cli}/metadata.csv", encoding="utf-8")))
assert list(df.columns) == ["source", "class", "label", "shape", "features"], df.columns
assert t.num_rows == len(df) == len(meta), (t.num_rows, len(df), len(meta))
assert list(df["source"]) == [m["source"] for m in meta], "rows in source order"
for row, m in zip(df.itertuples(index=False), meta):
    x = np.asarray(row.features, dtype=np.float32).reshape(row.shape)
    y = np.load(f"{cli}/{m['path']}")
    assert row._1 == m["class"] and row.label == int(m["label"]), m
    assert x.shape == y.shape and x.dtype == y.dtype and np.array_equal(x, y), m["source"]
print(f"pandas {pd.__version__} and pyarrow {pa_version}: {len(df)} rows in source order, every one np.array_equal to the CLI's .npy "
      f"(shape {tuple(int(n) for n in df['shape'][0])}, float32)")
