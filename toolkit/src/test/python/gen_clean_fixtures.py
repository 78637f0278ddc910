"""Reference fixtures for melkit's cleaning code (org.melkit.dsp.Istft, trimming).

Run with librosa 0.11 (and numpy) from the repository root:

    python toolkit/src/test/python/gen_clean_fixtures.py

Writes toolkit/src/test/resources/fixtures/clean/*.npy and, beside each output, a
<name>.call.txt holding the exact librosa call that produced it. Inputs are seeded, so re-running
reproduces the files (up to the float32 rounding of the platform's FFT).
"""
import os

import librosa
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "clean")


def save(name, arr, call):
    np.save(os.path.join(OUT, name + ".npy"), arr)
    with open(os.path.join(OUT, name + ".call.txt"), "w") as f:
        f.write(f"# librosa {librosa.__version__}, numpy {np.__version__}\n{call}\n")


def istft_cases():
    rng = np.random.default_rng(20240611)
    y = rng.standard_normal(2000).astype(np.float32) * 0.3
    save("istft_y", y, "y = (np.random.default_rng(20240611).standard_normal(2000) * 0.3).astype(np.float32)")

    # centred, hann, n_fft=256, hop=64; the spectrogram is multiplied by a seeded mask so that it is
    # not the STFT of any signal and the window-sum-square normalisation is really exercised
    S = librosa.stft(y, n_fft=256, hop_length=64)
    mask = rng.uniform(0.0, 1.0, S.shape).astype(np.float32)
    Sm = (S * mask).astype(np.complex64)
    save("istft_c_re", Sm.real.astype(np.float32),
         "S = librosa.stft(y, n_fft=256, hop_length=64); mask = rng.uniform(0, 1, S.shape) (same rng, next draw); Sm = S * mask; Sm.real")
    save("istft_c_im", Sm.imag.astype(np.float32), "Sm.imag (see istft_c_re.call.txt)")
    save("istft_c", librosa.istft(Sm, hop_length=64, n_fft=256).astype(np.float32),
         "librosa.istft(Sm, hop_length=64, n_fft=256)")
    save("istft_c_len1900", librosa.istft(Sm, hop_length=64, n_fft=256, length=1900).astype(np.float32),
         "librosa.istft(Sm, hop_length=64, n_fft=256, length=1900)")
    save("istft_c_len2500", librosa.istft(Sm, hop_length=64, n_fft=256, length=2500).astype(np.float32),
         "librosa.istft(Sm, hop_length=64, n_fft=256, length=2500)")

    # not centred, window shorter than n_fft, hop not dividing n_fft
    S2 = librosa.stft(y, n_fft=256, hop_length=100, win_length=200, center=False)
    mask2 = rng.uniform(0.0, 1.0, S2.shape).astype(np.float32)
    S2m = (S2 * mask2).astype(np.complex64)
    save("istft_n_re", S2m.real.astype(np.float32),
         "S2 = librosa.stft(y, n_fft=256, hop_length=100, win_length=200, center=False); mask2 = rng.uniform(0, 1, S2.shape) (next draw); S2m = S2 * mask2; S2m.real")
    save("istft_n_im", S2m.imag.astype(np.float32), "S2m.imag (see istft_n_re.call.txt)")
    save("istft_n", librosa.istft(S2m, hop_length=100, win_length=200, n_fft=256, center=False).astype(np.float32),
         "librosa.istft(S2m, hop_length=100, win_length=200, n_fft=256, center=False)")


def trim_cases():
    sr = 8000
    rng = np.random.default_rng(7)
    t = np.arange(int(0.4 * sr)) / sr
    tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    sil = np.zeros(int(0.3 * sr), dtype=np.float32)

    cases = []
    # 1: tone between digital silence, defaults
    y1 = np.concatenate([sil, tone, sil])
    cases.append(("trim1", y1, dict(top_db=60), "librosa.effects.trim(y, top_db=60)"))
    # 2: same with a faint noise floor (-71 dB re the tone): trimmed at 60 dB, kept at 80 dB
    y2 = (y1 + 1e-4 * rng.standard_normal(y1.size)).astype(np.float32)
    cases.append(("trim2", y2, dict(top_db=60), "librosa.effects.trim(y, top_db=60)"))
    cases.append(("trim2_80", y2, dict(top_db=80), "librosa.effects.trim(y, top_db=80)"))
    # 3: exponential fade in and out, short frames
    env = np.concatenate([np.geomspace(1e-4, 1, 3000), np.geomspace(1, 1e-4, 3000)])
    y3 = (0.8 * env * np.sin(2 * np.pi * 300 * np.arange(env.size) / sr)).astype(np.float32)
    cases.append(("trim3", y3, dict(top_db=30, frame_length=512, hop_length=128),
                  "librosa.effects.trim(y, top_db=30, frame_length=512, hop_length=128)"))
    cases.append(("trim3_20", y3, dict(top_db=20, frame_length=256, hop_length=64),
                  "librosa.effects.trim(y, top_db=20, frame_length=256, hop_length=64)"))
    # 4: all zeros: librosa keeps everything
    y4 = np.zeros(5000, dtype=np.float32)
    cases.append(("trim4", y4, dict(top_db=60), "librosa.effects.trim(y, top_db=60)"))
    for name, y, kw, call in cases:
        _, idx = librosa.effects.trim(y, **kw)
        signal = name.split("_")[0] + "_y"  # trim2 and trim2_80 share trim2_y
        if not os.path.exists(os.path.join(OUT, signal + ".npy")):
            save(signal, y, f"signal for {signal[:-2]}* (see gen_clean_fixtures.py trim_cases), sr=8000")
        save(name, np.asarray(idx, dtype=np.int64), f"y = np.load('{signal}.npy'); _, index = {call}; index (int64 [start, end])")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    istft_cases()
    trim_cases()
