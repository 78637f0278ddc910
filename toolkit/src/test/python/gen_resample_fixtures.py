#!/usr/bin/env python3
"""Writes the soxr_hq parity fixtures for ResamplerTest into
toolkit/src/test/resources/fixtures/resample/.

For each case NAME it writes
    NAME.in.npy    float32 input signal (deterministic: numpy default_rng with the seed below)
    NAME.out.npy   float32 librosa.resample(x, orig_sr=SR_IN, target_sr=SR_OUT, res_type='soxr_hq')
    NAME.json      the exact call, the library versions and the signal recipe
NAME is SIGNAL_SRIN_SROUT; ResamplerTest reads the rates from it.

Run with librosa 0.11 (it needs numpy and soxr):
    python toolkit/src/test/python/gen_resample_fixtures.py
"""
import json
import os

import librosa
import numpy as np
import scipy
import scipy.signal as ss
import soxr

OUT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "resample"))
SEED = 20240611
SECONDS = 0.2
# (sr_in, sr_out, n or None): n forces a length, e.g. a multiple of 147 for 44100 -> 48000, where
# librosa's float ceil(n * (48000 / 44100)) is one more than the exact ceiling (the extra sample is 0).
CASES = [
    (48000, 22050, None), (16000, 22050, None), (44100, 22050, None), (22050, 16000, None),
    (8000, 16000, None), (22050, 8000, None), (24414, 22050, None), (44100, 48000, 9408),
    (48000, 44101, None),  # coprime rates: many stage-2 phases (interpolated table)
    (16000, 16000, None),  # identity: librosa returns its input
]


def signal(sr, n, rng):
    """White noise plus a log chirp over the whole input band: every region of the filter."""
    t = np.arange(n) / sr
    chirp = ss.chirp(t, 30.0, t[-1], 0.999 * sr / 2, method="logarithmic")
    return (0.25 * rng.standard_normal(n) + 0.35 * chirp).astype(np.float32)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(SEED)
    total = 0
    for sr_in, sr_out, n in CASES:
        n = n or int(round(SECONDS * sr_in))
        x = signal(sr_in, n, rng)
        y = librosa.resample(x, orig_sr=sr_in, target_sr=sr_out, res_type="soxr_hq")
        # the same by hand: soxr, then librosa.util.fix_length to ceil(n * (sr_out / sr_in))
        if sr_in != sr_out:
            raw = soxr.resample(x, sr_in, sr_out, quality="soxr_hq")
            size = int(np.ceil(n * (float(sr_out) / sr_in)))
            assert np.array_equal(y, librosa.util.fix_length(raw, size=size)), (sr_in, sr_out)
            soxr_len = len(raw)
        else:
            soxr_len = None
        y = np.asarray(y, dtype=np.float32)
        name = f"mix_{sr_in}_{sr_out}"
        np.save(os.path.join(OUT, name + ".in.npy"), x)
        np.save(os.path.join(OUT, name + ".out.npy"), y)
        meta = {
            "call": f"librosa.resample(x, orig_sr={sr_in}, target_sr={sr_out}, res_type='soxr_hq')",
            "equivalent": (f"librosa.util.fix_length(soxr.resample(x, {sr_in}, {sr_out}, quality='soxr_hq'), "
                           f"size=int(np.ceil({n} * ({sr_out} / {sr_in}))))" if sr_in != sr_out
                           else "identity: librosa returns x itself"),
            "input": f"{name}.in.npy",
            "output": f"{name}.out.npy",
            "orig_sr": sr_in,
            "target_sr": sr_out,
            "n_in": n,
            "n_out": int(len(y)),
            "n_soxr": soxr_len,
            "signal": ("0.25 * rng.standard_normal(n) + 0.35 * scipy.signal.chirp(t, 30, t[-1], "
                       "0.999 * orig_sr / 2, method='logarithmic'), t = arange(n) / orig_sr, float32; "
                       f"rng = numpy.random.default_rng({SEED}) shared by the cases in this order"),
            "versions": {"librosa": librosa.__version__, "soxr": soxr.__version__,
                         "libsoxr": soxr.__libsoxr_version__, "numpy": np.__version__,
                         "scipy": scipy.__version__},
            "generator": "toolkit/src/test/python/gen_resample_fixtures.py",
        }
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(meta, f, indent=2)
            f.write("\n")
        total += x.nbytes + y.nbytes
        print(f"{name}: {n} -> {len(y)} samples (soxr gave {soxr_len})")
    print(f"about {total / 1024:.0f} KiB of samples in {OUT}")


if __name__ == "__main__":
    main()
