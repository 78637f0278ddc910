#!/usr/bin/env python3
"""Generate librosa 0.11 reference fixtures for melkit's DSP/feature tests.

Run:  python toolkit/src/test/python/gen_feature_fixtures.py  (needs librosa==0.11.0, numpy)
Writes toolkit/src/test/resources/fixtures/features/*.npy and calls.json, which records, for
every fixture, the exact librosa call that produced it. Inputs are generated here
(deterministic signals, saved as float32 .npy), so the Java tests need no audio decoder.
"""
import json
import os
import sys

import numpy as np
import librosa

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "features")
os.makedirs(OUT, exist_ok=True)
assert librosa.__version__ == "0.11.0", librosa.__version__

calls = {"librosa_version": librosa.__version__, "numpy_version": np.__version__, "fixtures": []}


def save(name, arr, call, **meta):
    arr = np.asarray(arr)
    if arr.dtype != np.float32:
        arr = arr.astype(np.float32)
    np.save(os.path.join(OUT, name + ".npy"), arr)
    calls["fixtures"].append(dict(name=name, call=call, shape=list(arr.shape), **meta))


# ---- inputs -------------------------------------------------------------------------------
rng = np.random.default_rng(20261121)
sr = 22050
t = np.arange(int(0.6 * sr)) / sr
# chirp 200 Hz -> 6 kHz plus a 440 Hz tone and a little noise, with silence padding at both ends
sig = 0.4 * np.sin(2 * np.pi * (200 * t + (5800 / (2 * 0.6)) * t ** 2)) + 0.2 * np.sin(2 * np.pi * 440 * t)
sig += 0.01 * rng.standard_normal(t.size)
env = np.ones_like(sig)
ramp = int(0.02 * sr)
env[:ramp] = np.linspace(0, 1, ramp)
env[-ramp:] = np.linspace(1, 0, ramp)
sig = sig * env
y = np.concatenate([np.zeros(4000), sig, np.zeros(5000)]).astype(np.float32)
save("in_chirp22050", y, "generated: 0.6 s chirp 200->6000 Hz + 440 Hz tone + 1% noise, 4000/5000 zero samples around", sr=sr)

short = (0.5 * np.sin(2 * np.pi * 1000 * np.arange(300) / 16000)).astype(np.float32)
save("in_short300", short, "generated: 300 samples of a 1 kHz sine at 16 kHz", sr=16000)

noise = (0.1 * rng.standard_normal(8000)).astype(np.float32)
save("in_noise16000", noise, "generated: 8000 samples of N(0, 0.1^2) noise", sr=16000)

silence = np.zeros(6000, dtype=np.float32)
save("in_silence", silence, "generated: 6000 zeros", sr=16000)

# ---- outputs ------------------------------------------------------------------------------
def stft_case(name, x, **kw):
    save(name, np.abs(librosa.stft(x, **kw)), "np.abs(librosa.stft(y, %s))" % ", ".join("%s=%r" % i for i in kw.items()))


stft_case("stft_chirp_default", y, n_fft=2048, hop_length=512)
stft_case("stft_chirp_reflect", y, n_fft=512, hop_length=128, pad_mode="reflect")
stft_case("stft_chirp_nocenter_hamming", y, n_fft=1024, hop_length=300, window="hamming", center=False)
stft_case("stft_chirp_winlength", y, n_fft=1024, hop_length=256, win_length=600)
stft_case("stft_short_reflect", short, n_fft=2048, hop_length=512, pad_mode="reflect")
stft_case("stft_short_constant", short, n_fft=2048, hop_length=512)
stft_case("stft_noise_odd", noise, n_fft=1000, hop_length=250)

complex_s = librosa.stft(y[:4096 + 4000], n_fft=512, hop_length=256)
save("stft_complex_re", complex_s.real, "librosa.stft(y[:8096], n_fft=512, hop_length=256).real")
save("stft_complex_im", complex_s.imag, "librosa.stft(y[:8096], n_fft=512, hop_length=256).imag")

save("melfb_default", librosa.filters.mel(sr=22050, n_fft=2048), "librosa.filters.mel(sr=22050, n_fft=2048)")
save("melfb_htk_none", librosa.filters.mel(sr=16000, n_fft=512, n_mels=40, fmin=20.0, fmax=7000.0, htk=True, norm=None),
     "librosa.filters.mel(sr=16000, n_fft=512, n_mels=40, fmin=20.0, fmax=7000.0, htk=True, norm=None)")

mel = librosa.feature.melspectrogram(y=y, sr=sr)
save("mel_chirp_default", mel, "librosa.feature.melspectrogram(y=y, sr=22050)")
mel2 = librosa.feature.melspectrogram(y=y, sr=sr, n_fft=1024, hop_length=256, n_mels=64, power=1.0, fmin=100.0, fmax=8000.0, htk=True)
save("mel_chirp_htk_power1", mel2, "librosa.feature.melspectrogram(y=y, sr=22050, n_fft=1024, hop_length=256, n_mels=64, power=1.0, fmin=100.0, fmax=8000.0, htk=True)")
save("db_chirp_max", librosa.power_to_db(mel, ref=np.max), "librosa.power_to_db(melspectrogram(y=y, sr=22050), ref=np.max)")
save("db_chirp_default", librosa.power_to_db(mel), "librosa.power_to_db(melspectrogram(y=y, sr=22050))")
save("db_chirp_notop", librosa.power_to_db(mel, ref=1.0, top_db=None), "librosa.power_to_db(melspectrogram(y=y, sr=22050), ref=1.0, top_db=None)")
mag = np.abs(librosa.stft(y, n_fft=1024, hop_length=512))
save("adb_chirp_max", librosa.amplitude_to_db(mag, ref=np.max), "librosa.amplitude_to_db(np.abs(librosa.stft(y, n_fft=1024, hop_length=512)), ref=np.max)")
save("db_silence_max", librosa.power_to_db(librosa.feature.melspectrogram(y=silence, sr=16000), ref=np.max),
     "librosa.power_to_db(librosa.feature.melspectrogram(y=silence, sr=16000), ref=np.max)")

save("mfcc_chirp_20", librosa.feature.mfcc(y=y, sr=sr), "librosa.feature.mfcc(y=y, sr=22050)")
save("mfcc_chirp_13_lifter", librosa.feature.mfcc(y=y, sr=sr, n_mfcc=13, lifter=22, n_mels=40, n_fft=1024, hop_length=256),
     "librosa.feature.mfcc(y=y, sr=22050, n_mfcc=13, lifter=22, n_mels=40, n_fft=1024, hop_length=256)")

save("centroid_chirp", librosa.feature.spectral_centroid(y=y, sr=sr), "librosa.feature.spectral_centroid(y=y, sr=22050)")
save("centroid_silence", librosa.feature.spectral_centroid(y=silence, sr=16000, n_fft=1024, hop_length=256),
     "librosa.feature.spectral_centroid(y=silence, sr=16000, n_fft=1024, hop_length=256)")
save("zcr_chirp", librosa.feature.zero_crossing_rate(y), "librosa.feature.zero_crossing_rate(y)")
save("zcr_noise_nocenter", librosa.feature.zero_crossing_rate(noise, frame_length=512, hop_length=128, center=False),
     "librosa.feature.zero_crossing_rate(noise, frame_length=512, hop_length=128, center=False)")
save("rms_chirp", librosa.feature.rms(y=y), "librosa.feature.rms(y=y)")
save("rms_noise_reflect", librosa.feature.rms(y=noise, frame_length=1024, hop_length=256, pad_mode="reflect"),
     "librosa.feature.rms(y=noise, frame_length=1024, hop_length=256, pad_mode='reflect')")
save("rms_chirp_nocenter", librosa.feature.rms(y=y, frame_length=1024, hop_length=256, center=False),
     "librosa.feature.rms(y=y, frame_length=1024, hop_length=256, center=False)")
for top in (60, 30):
    save("trim_chirp_%d" % top, librosa.effects.trim(y, top_db=top)[1], "librosa.effects.trim(y, top_db=%d)[1]" % top)
save("trim_silence", librosa.effects.trim(silence, top_db=60)[1], "librosa.effects.trim(silence, top_db=60)[1]")

with open(os.path.join(OUT, "calls.json"), "w") as f:
    json.dump(calls, f, indent=1)
print("wrote %d fixtures to %s" % (len(calls["fixtures"]), os.path.normpath(OUT)))
