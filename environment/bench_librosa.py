#!/usr/bin/env python3
"""The librosa (and torch) side of environment/bench.sh: one workload in one configuration per
process, so that the orchestrator (bench.py) can measure each run's peak RSS and interleave it
with melkit's. Prints one JSON line: {"seconds": timed part, "items": files or clips}.

Timing starts after imports and input generation (generous to the reference: a Python process's
start-up and `import librosa` are not counted here; the `cold` workload counts them).

  w1 --mode one|joblib|torch --clips N [--dump DIR --dump-clips 0,999]
     N clips (bench.py's clip(), the same as melkit's MelBenchmark.clip) in memory ->
     melspectrogram(n_fft=2048, hop_length=375, n_mels=128) -> power_to_db(ref=np.max).
     torch: torch.stft (periodic Hann, centre zero padding) power -> librosa's mel basis ->
     10 log10 with ref=max and top_db=80, 32 clips per batched call (torchaudio is not on this
     machine's index; this is what its MelSpectrogram + AmplitudeToDB compute).
  w2 --mode one|joblib --input DIR --output DIR
     class folders of WAVs -> load(sr=22050, res_type='soxr_hq') -> melspectrogram(n_fft=2048,
     hop_length=512, n_mels=128) -> power_to_db(ref=np.max, top_db=80) -> fix_length(256) ->
     np.save(OUT/features/<class>/<name>.npy), as `melkit extract --sr 22050` computes.
  w3 --mode one|joblib --root MELD.Raw --output DIR
     per CSV row: librosa.load(mp4, sr=16000, duration=3.0) (audioread/ffmpeg, one process per
     file: the seed notebook's way) -> pad to 3 s -> melspectrogram(n_fft=1024, hop_length=376,
     n_mels=128) -> power_to_db(ref=np.max) -> fix_length(128) -> min-max to [0, 1];
     np.save(OUT/X_audio_<split>.npy) of shape (N, 128, 128, 1), as `melkit meld` computes.
"""
import argparse
import csv
import json
import os
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")  # librosa's audioread fallback warns once per mp4

import librosa  # noqa: E402


def clip(c, sr, n):
    """Clip c of the W1 workload: float32(0.3 sin(2 pi f i / sr) + 0.05 (2u - 1)), f = 100 + (50c
    mod 3000), u = ((k * 2654435761 + 12345) mod 2^32) / 2^32 with k = c n + i."""
    i = np.arange(n, dtype=np.int64)
    k = np.int64(c) * n + i
    u = ((k * np.int64(2654435761) + 12345) & 0xFFFFFFFF) / 4294967296.0
    f = 100 + (50 * c) % 3000
    return (0.3 * np.sin(2 * np.pi * f * i / sr) + 0.05 * (2 * u - 1)).astype(np.float32)


W1_SR, W1_N_FFT, W1_HOP, W1_MELS = 16000, 2048, 375, 128


def w1_librosa(y):
    S = librosa.feature.melspectrogram(y=y, sr=W1_SR, n_fft=W1_N_FFT, hop_length=W1_HOP, n_mels=W1_MELS, power=2.0)
    return librosa.power_to_db(S, ref=np.max)


def w1_torch_batches(clips, batch=32):
    import torch
    torch.set_num_threads(2)
    win = torch.hann_window(W1_N_FFT, periodic=True, dtype=torch.float32)
    basis = torch.from_numpy(librosa.filters.mel(sr=W1_SR, n_fft=W1_N_FFT, n_mels=W1_MELS)).float()

    def run(cs):
        out = []
        with torch.inference_mode():
            for b in range(0, len(cs), batch):
                y = torch.from_numpy(np.stack(cs[b:b + batch]))
                spec = torch.stft(y, W1_N_FFT, W1_HOP, window=win, center=True, pad_mode="constant", return_complex=True)
                power = spec.real ** 2 + spec.imag ** 2
                mel = torch.matmul(basis, power)  # (B, n_mels, t)
                db = 10.0 * torch.log10(torch.clamp(mel, min=1e-10))
                ref = 10.0 * torch.log10(torch.clamp(mel.amax(dim=(1, 2), keepdim=True), min=1e-10))
                db = db - ref
                db = torch.maximum(db, db.amax(dim=(1, 2), keepdim=True) - 80.0)
                out.extend(db.numpy())
        return out
    return run


def cmd_w1(a):
    n = int(round(W1_SR * 3.0))
    clips = [clip(c, W1_SR, n) for c in range(a.clips)]
    if a.mode == "one":
        def run(cs):
            return [w1_librosa(y) for y in cs]
    elif a.mode == "joblib":
        from joblib import Parallel, delayed
        par = Parallel(n_jobs=2)

        def run(cs):
            chunks = [cs[i:i + 25] for i in range(0, len(cs), 25)]
            res = par(delayed(lambda ch: [w1_librosa(y) for y in ch])(ch) for ch in chunks)
            return [r for ch in res for r in ch]
    else:
        run = w1_torch_batches(clips)
    run(clips[:40])  # warm caches: mel basis, FFT plans, worker processes
    t0 = time.perf_counter()
    out = run(clips)
    secs = time.perf_counter() - t0
    assert len(out) == len(clips)
    if a.dump:
        os.makedirs(a.dump, exist_ok=True)
        for c in [int(x) for x in a.dump_clips.split(",")]:
            np.save(os.path.join(a.dump, "clip_%05d.npy" % c), np.asarray(out[c], dtype=np.float32))
    return secs, len(clips)


def w2_one(src, dst):
    y, _ = librosa.load(src, sr=22050, res_type="soxr_hq")
    S = librosa.feature.melspectrogram(y=y, sr=22050, n_fft=2048, hop_length=512, n_mels=128)
    D = librosa.util.fix_length(librosa.power_to_db(S, ref=np.max, top_db=80.0), size=256, axis=1)
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    np.save(dst, D.astype(np.float32))


def w2_jobs(root, out):
    jobs = []
    for cls in sorted(c for c in os.listdir(root) if not c.startswith(".") and os.path.isdir(os.path.join(root, c))):
        for f in sorted(f for f in os.listdir(os.path.join(root, cls)) if not f.startswith(".")):
            jobs.append((os.path.join(root, cls, f), os.path.join(out, "features", cls, os.path.splitext(f)[0] + ".npy")))
    return jobs


def cmd_w2(a):
    jobs = w2_jobs(a.input, a.output)
    t0 = time.perf_counter()
    if a.mode == "one":
        for s, d in jobs:
            w2_one(s, d)
    else:
        from joblib import Parallel, delayed
        Parallel(n_jobs=2)(delayed(w2_one)(s, d) for s, d in jobs)
    return time.perf_counter() - t0, len(jobs)


SPLITS = [("train", "train_sent_emo.csv", "train/train_splits"), ("val", "dev_sent_emo.csv", "dev/dev_splits_complete"),
          ("test", "test_sent_emo.csv", "test/output_repeated_splits_test")]


def w3_one(path):
    y, _ = librosa.load(path, sr=16000, duration=3.0)
    y = librosa.util.fix_length(y, size=48000)
    S = librosa.feature.melspectrogram(y=y, sr=16000, n_fft=1024, hop_length=376, n_mels=128)
    D = librosa.util.fix_length(librosa.power_to_db(S, ref=np.max), size=128, axis=1)
    lo, hi = D.min(), D.max()
    return np.zeros_like(D) if hi == lo else (D - lo) / (hi - lo)


def cmd_w3(a):
    work = []
    for split, csv_name, folder in SPLITS:
        with open(os.path.join(a.root, csv_name), newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        work.append((split, [os.path.join(a.root, folder, "dia%s_utt%s.mp4" % (r["Dialogue_ID"], r["Utterance_ID"])) for r in rows]))
    os.makedirs(a.output, exist_ok=True)
    t0 = time.perf_counter()
    n = 0
    if a.mode == "joblib":
        from joblib import Parallel, delayed
        par = Parallel(n_jobs=2)
    for split, files in work:
        if a.mode == "one":
            X = [w3_one(f) for f in files]
        else:
            X = par(delayed(w3_one)(f) for f in files)
        np.save(os.path.join(a.output, "X_audio_%s.npy" % split), np.stack(X).astype(np.float32)[..., None])
        n += len(files)
    return time.perf_counter() - t0, n


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=["w1", "w2", "w3"])
    p.add_argument("--mode", required=True, choices=["one", "joblib", "torch"])
    p.add_argument("--clips", type=int, default=1000)
    p.add_argument("--dump")
    p.add_argument("--dump-clips", default="0")
    p.add_argument("--input")
    p.add_argument("--output")
    p.add_argument("--root")
    a = p.parse_args()
    secs, items = {"w1": cmd_w1, "w2": cmd_w2, "w3": cmd_w3}[a.workload](a)
    print(json.dumps({"seconds": secs, "items": items}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
