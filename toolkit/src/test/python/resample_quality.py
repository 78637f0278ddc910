#!/usr/bin/env python3
"""Quality and speed of melkit's Resampler against soxr HQ (librosa's res_type='soxr_hq').

Needs numpy, scipy, soxr (librosa 0.11's dependencies) and the compiled classes:
    cd <repo> && mvn -q package -DskipTests   # classes, test classes and the shaded jar
    python toolkit/src/test/python/resample_quality.py [--speech FILE] [--no-bench]

For each rate pair and signal (speech, white noise, sines, log chirp; 3 s each at the input
rate) it runs soxr.resample(x, sr_in, sr_out, 'HQ') and librosa's fix_length to
ceil(n * sr_out / sr_in) -- exactly librosa.resample -- and the Java resampler, then reports

    pbsnr  SNR after both are band-limited (FFT, bins above zeroed) to 0.9 x the lower Nyquist
    snr    SNR over the full band
the two numbers the librosa conformance kit (compare.py, 'resampled' load) checks, with
limits 50 dB and 35 dB. Lengths must be equal. Exit status 1 if any case fails those limits.

Then it times 10 s of white noise for 48000->22050 and 16000->22050 with soxr HQ and with the
Java resampler (after JIT warm-up), in the same run.

Speech: --speech FILE (any rate, read with soundfile if installed, else WAV via scipy);
default the conformance corpus' speech_fr_f_48000_f32.wav when the shared folder sits beside
the repository, else a synthetic voiced signal (pulse train through formant resonators).
"""
import argparse
import math
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy.signal as ss
import soxr

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
# compiled classes first, then the shaded jar for the dependencies (FFTW, JTransforms)
CP = os.pathsep.join(os.path.join(REPO, "toolkit", "target", d)
                     for d in ("classes", "test-classes", "melkit.jar"))
MAIN = "org.melkit.audio.ResamplerQualityMain"
PAIRS = [(48000, 22050), (16000, 22050), (44100, 22050), (22050, 16000), (8000, 16000),
         (22050, 8000), (24414, 22050), (44100, 48000), (48000, 16000), (16000, 48000),
         (48000, 32000), (16000, 16000)]
PB_LIMIT, FULL_LIMIT = 50.0, 35.0


def librosa_resample(x, sr_in, sr_out):
    """librosa.resample(x, orig_sr=sr_in, target_sr=sr_out, res_type='soxr_hq'), unrolled."""
    if sr_in == sr_out:
        return x
    n = int(np.ceil(x.shape[-1] * (float(sr_out) / sr_in)))
    y = soxr.resample(x, sr_in, sr_out, quality="soxr_hq")
    out = np.zeros(n, dtype=y.dtype)          # librosa.util.fix_length: pad with 0 or cut
    out[:min(n, len(y))] = y[:n]
    return out


def snr_db(ref, cand):
    ref = ref.astype(np.float64)
    err = cand.astype(np.float64) - ref
    pe, pr = np.sum(err ** 2), np.sum(ref ** 2)
    return math.inf if pe == 0 else 10 * math.log10(pr / pe)


def bandlimit(x, sr, fmax):
    X = np.fft.rfft(x.astype(np.float64))
    X[np.fft.rfftfreq(len(x), 1.0 / sr) > fmax] = 0
    return np.fft.irfft(X, len(x))


def read_audio(path):
    try:
        import soundfile
        x, sr = soundfile.read(path, dtype="float32", always_2d=True)
        return x.mean(axis=1), sr
    except ImportError:
        from scipy.io import wavfile
        sr, x = wavfile.read(path)
        x = x.astype(np.float32) / (np.iinfo(x.dtype).max + 1 if x.dtype.kind == "i" else 1)
        return (x.mean(axis=1) if x.ndim == 2 else x), sr


def synthetic_speech(sr, secs, rng):
    """Voiced speech stand-in: jittered 90-200 Hz pulses through moving formants, plus noise."""
    n = int(sr * secs)
    t = np.arange(n) / sr
    f0 = 130 + 50 * np.sin(2 * np.pi * 0.7 * t) + 10 * rng.standard_normal(n).cumsum() / math.sqrt(n)
    phase = np.cumsum(f0 / sr)
    src = (np.diff(np.floor(phase), prepend=0) > 0).astype(np.float64)
    y = np.zeros(n)
    for fmt, bw in ((700, 110), (1200, 120), (2600, 160), (3500, 250)):
        if fmt < sr / 2:
            r = math.exp(-math.pi * bw / sr)
            a = [1, -2 * r * math.cos(2 * math.pi * fmt / sr), r * r]
            y += ss.lfilter([1 - r], a, src)
    y += 0.02 * rng.standard_normal(n) * (np.sin(2 * np.pi * 2.5 * t) > 0.6)  # fricative bursts
    return (0.3 * y / np.max(np.abs(y))).astype(np.float32)


def signals(sr, secs, speech, rng):
    n = int(sr * secs)
    t = np.arange(n) / sr
    sig = {}
    if speech is not None:
        x, ssr = speech
        x = soxr.resample(x, ssr, sr, "VHQ") if ssr != sr else x
        x = np.resize(x, n) if len(x) < n else x[:n]
        sig["speech"] = x.astype(np.float32)
    else:
        sig["speech"] = synthetic_speech(sr, secs, rng)
    sig["noise"] = (0.3 * rng.standard_normal(n)).astype(np.float32)
    sig["sine"] = (0.5 * np.sin(2 * np.pi * 440.0 * t)).astype(np.float32)
    return sig, t


def add_rate_dependent(sig, t, sr_in, sr_out):
    flow = min(sr_in, sr_out) / 2
    sig["sine_hi"] = (0.5 * np.sin(2 * np.pi * 0.85 * flow * t)).astype(np.float32)
    sig["chirp"] = (0.5 * ss.chirp(t, 20.0, t[-1], 0.999 * sr_in / 2, method="logarithmic")).astype(np.float32)


def run_java(args, **kw):
    return subprocess.run(["java", "-cp", CP, MAIN] + args, check=True, text=True,
                          capture_output=True, **kw)


def quality(speech, secs=3.0):
    rng = np.random.default_rng(20240611)
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        jobs = []
        for sr_in, sr_out in PAIRS:
            sig, t = signals(sr_in, secs, speech, rng)
            add_rate_dependent(sig, t, sr_in, sr_out)
            for name, x in sig.items():
                i = len(jobs)
                fin, fout = os.path.join(tmp, f"{i}.in"), os.path.join(tmp, f"{i}.out")
                x.astype("<f4").tofile(fin)
                jobs.append(f"{fin} {fout} {sr_in} {sr_out}")
                cases.append((sr_in, sr_out, name, x, fout))
        with open(os.path.join(tmp, "jobs"), "w") as f:
            f.write("\n".join(jobs) + "\n")
        run_java(["batch", os.path.join(tmp, "jobs")])
        rows, ok = [], True
        for sr_in, sr_out, name, x, fout in cases:
            ref = librosa_resample(x, sr_in, sr_out)
            cand = np.fromfile(fout, dtype="<f4")
            if len(cand) != len(ref):
                rows.append((sr_in, sr_out, name, len(ref), len(cand), None, None))
                ok = False
                continue
            fmax = 0.9 * min(sr_in, sr_out) / 2
            pb = snr_db(bandlimit(ref, sr_out, fmax), bandlimit(cand, sr_out, fmax))
            full = snr_db(ref, cand)
            ok &= pb >= PB_LIMIT and full >= FULL_LIMIT
            rows.append((sr_in, sr_out, name, len(ref), len(cand), pb, full))
    print(f"{'pair':>15s} {'signal':8s} {'len':>7s} {'pbsnr dB':>9s} {'snr dB':>8s}")
    for sr_in, sr_out, name, lr, lc, pb, full in rows:
        if pb is None:
            print(f"{sr_in:>6d}->{sr_out:<6d} {name:8s} LENGTH {lc} != {lr}  FAIL")
        else:
            flag = "" if pb >= PB_LIMIT and full >= FULL_LIMIT else "  FAIL"
            print(f"{sr_in:>6d}->{sr_out:<6d} {name:8s} {lr:7d} {pb:9.1f} {full:8.1f}{flag}")
    worst_pb = min(r[5] for r in rows if r[5] is not None)
    worst_full = min(r[6] for r in rows if r[6] is not None)
    print(f"worst: pbsnr {worst_pb:.1f} dB (limit {PB_LIMIT}), snr {worst_full:.1f} dB (limit {FULL_LIMIT})")
    return ok


def bench(reps=100):
    """Best (minimum) times: wall clock, and CPU time of the calling thread, which a loaded
    machine disturbs less; soxr runs on the calling thread too."""
    rng = np.random.default_rng(7)
    print("\nspeed, 10 s of white noise (best of %d runs after warm-up; wall / thread CPU):" % reps)
    print(f"{'pair':>15s} {'soxr HQ ms':>12s} {'java ms':>12s} {'soxr Msamp/s':>12s} {'java Msamp/s':>12s} {'java/soxr':>9s}")
    with tempfile.TemporaryDirectory() as tmp:
        for sr_in, sr_out in [(48000, 22050), (16000, 22050)]:
            x = (0.3 * rng.standard_normal(10 * sr_in)).astype(np.float32)
            soxr.resample(x, sr_in, sr_out, "HQ")
            ts, cs = [], []
            for _ in range(reps):
                c0, t0 = time.thread_time(), time.perf_counter()
                soxr.resample(x, sr_in, sr_out, "HQ")
                ts.append(time.perf_counter() - t0)
                cs.append(time.thread_time() - c0)
            s_ms, s_cpu = 1e3 * min(ts), 1e3 * min(cs)
            fin = os.path.join(tmp, "noise.in")
            x.astype("<f4").tofile(fin)
            out = run_java(["bench", fin, str(sr_in), str(sr_out), str(reps)]).stdout.split()
            j_ms, j_cpu = float(out[4]), float(out[6])
            print(f"{sr_in:>6d}->{sr_out:<6d} {s_ms:5.2f} / {s_cpu:4.2f} {j_ms:5.2f} / {j_cpu:4.2f} "
                  f"{len(x) / s_cpu / 1e3:12.1f} {len(x) / j_cpu / 1e3:12.1f} {j_cpu / s_cpu:8.2f}x")
    print("(Msamp/s = input samples per second of thread CPU time; ratio of thread CPU times)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--speech", help="speech recording to use (default: conformance corpus or synthetic)")
    ap.add_argument("--no-bench", action="store_true", help="skip the speed comparison")
    a = ap.parse_args()
    path = a.speech or os.path.join(REPO, "..", "shared", "conformance", "corpus", "speech_fr_f_48000_f32.wav")
    speech = read_audio(path) if os.path.exists(path) else None
    print("speech:", os.path.normpath(path) if speech is not None else "synthetic (no recording found)")
    ok = quality(speech)
    if not a.no_bench:
        bench()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
