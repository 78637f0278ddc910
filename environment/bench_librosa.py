#!/usr/bin/env python3
"""librosa's figure for melkit's core benchmark workload (same clips count, rate, length and
parameters as `melkit bench`): melspectrogram(n_fft=2048, hop_length=375, n_mels=128, power=2)
-> power_to_db(ref=np.max), clips/s on one process (librosa parallelises nothing here)."""
import argparse
import time

import numpy as np
import librosa

p = argparse.ArgumentParser()
p.add_argument("--clips", type=int, default=1000)
p.add_argument("--sr", type=int, default=16000)
p.add_argument("--seconds", type=float, default=3.0)
p.add_argument("--repeats", type=int, default=3)
a = p.parse_args()

rng = np.random.default_rng(42)
n = int(round(a.sr * a.seconds))
t = np.arange(n) / a.sr
clips = [(0.3 * np.sin(2 * np.pi * (100 + 50 * c % 3000) * t) + 0.05 * rng.uniform(-1, 1, n)).astype(np.float32)
         for c in range(a.clips)]


def run(cs):
    for y in cs:
        S = librosa.feature.melspectrogram(y=y, sr=a.sr, n_fft=2048, hop_length=375, n_mels=128, power=2.0)
        librosa.power_to_db(S, ref=np.max)


run(clips[:20])  # warm caches (mel basis, FFT plans)
best = 0.0
for _ in range(a.repeats):
    t0 = time.perf_counter()
    run(clips)
    best = max(best, a.clips / (time.perf_counter() - t0))
print("librosa %s  %.0f clips/s (best of %d)" % (librosa.__version__, best, a.repeats))
