#!/usr/bin/env python3
"""Per-mel-band dB difference between melkit and librosa 0.11 after resampling (W2's case).

    cd <repo> && mvn -q package -DskipTests
    python toolkit/src/test/python/resample_mel_bands.py [--input FILE ...] [--sr 22050] [--java JAR]

For each input (default: a deterministic 5 s, 44.1 kHz stereo 16-bit clip of harmonic notes
over noise, the shape of issue 9's W2 files, plus any --input files) it computes

    librosa:  power_to_db(melspectrogram(load(f, sr=SR, res_type='soxr_hq'), n_fft=2048,
              hop_length=512, n_mels=128), ref=np.max, top_db=80)
    melkit:   java -jar melkit.jar feature power_to_db --input f --sr SR ... (same parameters)

and prints, per mel band, the largest absolute difference over frames (dB), then the worst
band and the worst of the top three bands (125-127: above 0.9 x Nyquist, where the
resamplers' transition bands differ if they do). Exit status 1 if a band differs by more
than --limit dB (default 0.1).
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np
import scipy.io.wavfile as wavfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
PARAMS = dict(n_fft=2048, hop_length=512, window="hann", center="true", pad_mode="constant",
              power=2.0, n_mels=128, fmin=0.0, fmax="none", htk="false", norm="slaney",
              ref="max", amin=1e-10, top_db=80.0)


def w2_clip(path, sr=44100, secs=5.0, seed=2):
    """Harmonic notes (partials up to 20 kHz, 1/k amplitudes) over low-level noise, stereo."""
    rng = np.random.default_rng(seed)
    n = int(sr * secs)
    t = np.arange(n) / sr
    ch = []
    for c in range(2):
        y = 0.01 * rng.standard_normal(n)
        for f0 in rng.uniform(110, 880, size=4):
            onset = rng.uniform(0, secs / 2)
            env = np.clip((t - onset) * 20, 0, 1) * np.exp(-np.clip(t - onset, 0, None))
            k = np.arange(1, int(20000 // f0) + 1)
            y += env * np.sum(np.sin(2 * np.pi * np.outer(k, t) * f0 + rng.uniform(0, 6, (len(k), 1)))
                              / k[:, None], axis=0) * 0.1
        ch.append(y)
    x = np.stack(ch, axis=1)
    x = 0.8 * x / np.max(np.abs(x))
    wavfile.write(path, sr, (x * 32767).astype("<i2"))


def librosa_db(path, sr):
    import librosa
    y, _ = librosa.load(path, sr=sr, mono=True, res_type="soxr_hq")
    S = librosa.feature.melspectrogram(y=y, sr=sr, n_fft=2048, hop_length=512, n_mels=128)
    return librosa.power_to_db(S, ref=np.max, amin=1e-10, top_db=80.0)


def melkit_db(jar, path, sr, out):
    cmd = ["java", "-jar", jar, "feature", "power_to_db", "--input", path, "--output", out,
           "--sr", str(sr)]
    for k, v in PARAMS.items():
        cmd += ["--" + k.replace("_", "-"), str(v)]
    subprocess.run(cmd, check=True)
    return np.load(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", action="append", default=[], help="more audio files to compare")
    ap.add_argument("--sr", type=int, default=22050)
    ap.add_argument("--jar", default=os.path.join(REPO, "toolkit", "target", "melkit.jar"))
    ap.add_argument("--limit", type=float, default=0.1, help="largest allowed band difference, dB")
    ap.add_argument("--all-bands", action="store_true", help="print every band, not just the top 16")
    a = ap.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        clip = os.path.join(tmp, "w2_44100_stereo_s16.wav")
        w2_clip(clip)
        for path in [clip] + a.input:
            ref = librosa_db(path, a.sr)
            got = melkit_db(a.jar, path, a.sr, os.path.join(tmp, "out.npy"))
            if got.shape != ref.shape:
                print(f"{os.path.basename(path)}: shape {got.shape} != librosa's {ref.shape}")
                ok = False
                continue
            band = np.max(np.abs(got.astype(np.float64) - ref), axis=1)
            print(f"{os.path.basename(path)}: {ref.shape[1]} frames at {a.sr} Hz; "
                  "max |melkit - librosa| dB per mel band:")
            shown = range(len(band)) if a.all_bands else range(len(band) - 16, len(band))
            for b in shown:
                print(f"  band {b:3d}  {band[b]:.4f}")
            worst = int(np.argmax(band))
            print(f"  worst band {worst}: {band[worst]:.4f} dB; top three bands (125-127): "
                  f"{np.max(band[-3:]):.4f} dB; limit {a.limit} dB")
            ok &= bool(np.max(band) <= a.limit)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
