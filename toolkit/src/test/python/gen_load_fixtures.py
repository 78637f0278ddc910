#!/usr/bin/env python3
"""Generate the librosa parity fixtures of org.melkit.audio (Audio.load).

Writes small audio files (WAV byte by byte, FLAC/Ogg/u-law/ADPCM with soundfile, MP3 with
ffmpeg), then records what librosa 0.11 returns for them:

    toolkit/src/test/resources/fixtures/load/
        <source files>
        <case>.npy    librosa.load(...)'s y, float32, librosa's shape
        <case>.json   the exact call, its parameters, sr, shape, tolerance class, versions
        cases.json    the list of case ids, in order

Run from the repository root with librosa 0.11, soundfile and ffmpeg installed:

    NUMBA_CACHE_DIR=/tmp/numba-cache python toolkit/src/test/python/gen_load_fixtures.py

Deterministic: signals come from a seeded generator and the MP3 is encoded bit-exactly, so
re-running gives the same files (as long as the library versions are the same). The one
exception is the .ogg, whose Ogg stream serial number libsndfile draws at random: its bytes
change on every run, its decoded samples (and so every .npy) do not.
"""
import json
import os
import struct
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import soundfile as sf
import librosa

OUT = Path(__file__).resolve().parents[1] / "resources" / "fixtures" / "load"
RNG = np.random.default_rng(20240611)
GUID_TAIL = bytes([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71])


def signal(frames, channels, sr, peak=0.8):
    """Tones plus a little noise, one distinct tone per channel, shape (frames, channels)."""
    t = np.arange(frames) / sr
    cols = []
    for c in range(channels):
        f = 220.0 * (c + 1) + 37.0 * c
        cols.append(0.7 * np.sin(2 * np.pi * f * t + c) + 0.3 * RNG.uniform(-1, 1, frames))
    return peak * np.stack(cols, axis=1)


def chunk(cid, body):
    pad = b"\x00" if len(body) % 2 else b""
    return cid + struct.pack("<I", len(body)) + body + pad


def fmt_body(tag, channels, sr, bits, container_bytes=None, extensible=False, sub_tag=None):
    cb = container_bytes or (bits + 7) // 8
    block = channels * cb
    base = struct.pack("<HHIIHH", 0xFFFE if extensible else tag, channels, sr, sr * block, block, bits)
    if extensible:
        mask = (1 << channels) - 1
        return base + struct.pack("<HHI", 22, bits, mask) + struct.pack("<H", sub_tag) + GUID_TAIL
    return base


def riff(chunks):
    body = b"WAVE" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def write(name, data):
    (OUT / name).write_bytes(data)
    return name


def pcm_bytes(x, kind):
    """Interleaved little-endian samples of x (frames, channels) for kind u8/s16/s24/s32/f32/f64."""
    if kind == "u8":
        return np.clip(np.round(x * 128) + 128, 0, 255).astype(np.uint8).tobytes()
    if kind == "s16":
        return np.clip(np.round(x * 32768), -32768, 32767).astype("<i2").tobytes()
    if kind == "s24":
        v = np.clip(np.round(x * 8388608), -8388608, 8388607).astype("<i4").reshape(-1)
        b = v.view(np.uint8).reshape(-1, 4)[:, :3]
        return b.tobytes()
    if kind == "s32":
        # full 32-bit values, most of which float32 cannot hold exactly: tests int -> float rounding
        v = RNG.integers(-2**31, 2**31, size=x.shape, dtype=np.int64)
        v[0, 0], v[1, 0] = -2**31, 2**31 - 1
        return v.astype("<i4").tobytes()
    if kind == "f32":
        return x.astype("<f4").tobytes()
    if kind == "f64":
        return x.astype("<f8").tobytes()
    raise ValueError(kind)


def make_sources():
    src = {}
    x = signal(1000, 1, 8000)
    src["u8_mono_8000.wav"] = write("u8_mono_8000.wav", riff([chunk(b"fmt ", fmt_body(1, 1, 8000, 8)),
                                                              chunk(b"data", pcm_bytes(x, "u8"))]))
    x = signal(1600, 2, 16000)
    src["s16_stereo_16000.wav"] = write("s16_stereo_16000.wav", riff([chunk(b"fmt ", fmt_body(1, 2, 16000, 16)),
                                                                      chunk(b"data", pcm_bytes(x, "s16"))]))
    x = signal(1500, 1, 22050)
    src["s24_mono_22050.wav"] = write("s24_mono_22050.wav", riff([chunk(b"fmt ", fmt_body(1, 1, 22050, 24)),
                                                                  chunk(b"data", pcm_bytes(x, "s24"))]))
    x = signal(1000, 1, 16000)
    src["s32_mono_16000.wav"] = write("s32_mono_16000.wav", riff([chunk(b"fmt ", fmt_body(1, 1, 16000, 32)),
                                                                  chunk(b"data", pcm_bytes(x, "s32"))]))
    x = signal(1000, 1, 16000, peak=1.5)  # beyond +-1: librosa keeps it
    src["f32_hot_mono_16000.wav"] = write("f32_hot_mono_16000.wav", riff([
        chunk(b"fmt ", fmt_body(3, 1, 16000, 32) + struct.pack("<H", 0)),
        chunk(b"fact", struct.pack("<I", 1000)),
        chunk(b"data", pcm_bytes(x, "f32"))]))
    x = signal(800, 2, 8000) + RNG.uniform(-1e-9, 1e-9, (800, 2))  # float64 values float32 must round
    src["f64_stereo_8000.wav"] = write("f64_stereo_8000.wav", riff([chunk(b"fmt ", fmt_body(3, 2, 8000, 64)),
                                                                    chunk(b"data", pcm_bytes(x, "f64"))]))
    x = signal(1200, 2, 44100)
    src["ext_s24_stereo_44100.wav"] = write("ext_s24_stereo_44100.wav", riff([
        chunk(b"fmt ", fmt_body(1, 2, 44100, 24, extensible=True, sub_tag=1)),
        chunk(b"data", pcm_bytes(x, "s24"))]))
    x = signal(1000, 3, 16000)
    src["ext_f32_3ch_16000.wav"] = write("ext_f32_3ch_16000.wav", riff([
        chunk(b"fmt ", fmt_body(3, 3, 16000, 32, extensible=True, sub_tag=3)),
        chunk(b"data", pcm_bytes(x, "f32"))]))
    x = signal(400, 9, 8000)
    src["f32_9ch_8000.wav"] = write("f32_9ch_8000.wav", riff([chunk(b"fmt ", fmt_body(3, 9, 8000, 32)),
                                                              chunk(b"data", pcm_bytes(x, "f32"))]))
    x = signal(1500, 1, 22050)
    info = chunk(b"INAM", b"melkit fixture\x00") + chunk(b"ISFT", b"gen_load_fixtures\x00")  # odd sizes
    src["chunks_s16_mono_22050.wav"] = write("chunks_s16_mono_22050.wav", riff([
        chunk(b"JUNK", bytes(28)),
        chunk(b"fmt ", fmt_body(1, 1, 22050, 16) + struct.pack("<H", 0)),
        chunk(b"LIST", b"INFO" + info),
        chunk(b"data", pcm_bytes(x, "s16")),
        chunk(b"note", b"odd!!")]))  # an odd-sized chunk after the data, padded
    x = signal(1000, 1, 16000)
    data = pcm_bytes(x, "s16")
    fmt = chunk(b"fmt ", fmt_body(1, 1, 16000, 16))
    declared = 8000 * 2  # the headers claim 8000 frames; the file holds 1000
    src["truncated_s16_mono_16000.wav"] = write("truncated_s16_mono_16000.wav",
        b"RIFF" + struct.pack("<I", 4 + len(fmt) + 8 + declared) + b"WAVE" + fmt
        + b"data" + struct.pack("<I", declared) + data)
    x = signal(900, 1, 8000)
    v = (np.clip(np.round(x * 2048), -2048, 2047).astype(np.int64) << 4).astype("<i2")  # 12 bits, left-justified
    src["s12_mono_8000.wav"] = write("s12_mono_8000.wav", riff([chunk(b"fmt ", fmt_body(1, 1, 8000, 12, 2)),
                                                                chunk(b"data", v.tobytes())]))

    # formats Java hands to ffmpeg
    x = signal(3000, 1, 16000)
    sf.write(OUT / "flac_s16_mono_16000.flac", x, 16000, format="FLAC", subtype="PCM_16")
    src["flac_s16_mono_16000.flac"] = "flac_s16_mono_16000.flac"
    x = signal(2000, 2, 44100)
    sf.write(OUT / "flac_s24_stereo_44100.flac", x, 44100, format="FLAC", subtype="PCM_24")
    src["flac_s24_stereo_44100.flac"] = "flac_s24_stereo_44100.flac"
    x = signal(2000, 1, 8000)
    sf.write(OUT / "ulaw_mono_8000.wav", x, 8000, format="WAV", subtype="ULAW")
    src["ulaw_mono_8000.wav"] = "ulaw_mono_8000.wav"
    x = signal(4000, 1, 16000)
    sf.write(OUT / "imaadpcm_mono_16000.wav", x, 16000, format="WAV", subtype="IMA_ADPCM")
    src["imaadpcm_mono_16000.wav"] = "imaadpcm_mono_16000.wav"
    x = signal(6615, 2, 22050, peak=0.5)
    sf.write(OUT / "vorbis_stereo_22050.ogg", x, 22050, format="OGG", subtype="VORBIS")
    src["vorbis_stereo_22050.ogg"] = "vorbis_stereo_22050.ogg"
    x = signal(11025, 1, 22050, peak=0.5)
    tmp = OUT / "_mp3_source.wav"
    sf.write(tmp, x, 22050, subtype="PCM_16")
    cmd = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", str(tmp),
           "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
           "-c:a", "libmp3lame", "-b:a", "64k", str(OUT / "mp3_mono_22050.mp3")]
    subprocess.run(cmd, check=True)
    tmp.unlink()
    src["mp3_mono_22050.mp3"] = "mp3_mono_22050.mp3"
    return src


# (source, mono, offset, duration, tolerance, needs_ffmpeg)
def cases():
    exact_java = ["u8_mono_8000.wav", "s16_stereo_16000.wav", "s24_mono_22050.wav", "s32_mono_16000.wav",
                  "f32_hot_mono_16000.wav", "f64_stereo_8000.wav", "ext_s24_stereo_44100.wav",
                  "ext_f32_3ch_16000.wav", "f32_9ch_8000.wav", "chunks_s16_mono_22050.wav",
                  "truncated_s16_mono_16000.wav", "s12_mono_8000.wav"]
    multi = {"s16_stereo_16000.wav", "f64_stereo_8000.wav", "ext_s24_stereo_44100.wav", "ext_f32_3ch_16000.wav",
             "f32_9ch_8000.wav", "flac_s24_stereo_44100.flac", "vorbis_stereo_22050.ogg"}
    out = []
    for s in exact_java:
        out.append((s, True, 0.0, None, "exact", False))
        if s in multi:
            out.append((s, False, 0.0, None, "exact", False))
    out += [
        ("s16_stereo_16000.wav", False, 0.0123, 0.05, "exact", False),
        ("s16_stereo_16000.wav", True, 0.0, 0.0, "exact", False),
        ("s16_stereo_16000.wav", True, 5.0, None, "exact", False),
        ("chunks_s16_mono_22050.wav", True, 0.01, None, "exact", False),
        ("truncated_s16_mono_16000.wav", True, 0.01, 1.0, "exact", False),
        ("f64_stereo_8000.wav", False, 0.0301, 0.0333, "exact", False),
        ("flac_s16_mono_16000.flac", True, 0.0, None, "exact", True),
        ("flac_s16_mono_16000.flac", True, 0.02, 0.03, "exact", True),
        ("flac_s24_stereo_44100.flac", True, 0.0, None, "exact", True),
        ("flac_s24_stereo_44100.flac", False, 0.0, None, "exact", True),
        ("ulaw_mono_8000.wav", True, 0.0, None, "exact", True),
        ("imaadpcm_mono_16000.wav", True, 0.0, None, "lossy", True),
        ("vorbis_stereo_22050.ogg", False, 0.0, None, "lossy", True),
        ("mp3_mono_22050.mp3", True, 0.0, None, "lossy", True),
        ("mp3_mono_22050.mp3", True, 0.1, 0.2, "lossy", True),
    ]
    return out


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    make_sources()
    versions = {"librosa": librosa.__version__, "numpy": np.__version__, "soundfile": sf.__version__,
                "libsndfile": sf.__libsndfile_version__,
                "ffmpeg": subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True).stdout.split("\n")[0]}
    ids = []
    for n, (source, mono, offset, duration, tol, ffmpeg) in enumerate(cases(), start=1):
        cid = f"load-{n:02d}"
        call = (f"librosa.load({source!r}, sr=None, mono={mono}, offset={offset!r}, duration={duration!r})")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            y, sr = librosa.load(OUT / source, sr=None, mono=mono, offset=offset, duration=duration)
        assert y.dtype == np.float32
        np.save(OUT / f"{cid}.npy", np.ascontiguousarray(y))  # C order, as the conformance contract says
        side = {"id": cid, "source": source, "call": call,
                "params": {"sr": None, "mono": mono, "offset": offset, "duration": duration},
                "sr": int(sr), "shape": list(y.shape), "dtype": "float32", "tolerance": tol,
                "needs_ffmpeg": ffmpeg,
                "librosa_warnings": sorted({str(w.message).split("\n")[0] for w in caught
                                            if "slated for removal" not in str(w.message)}),
                "versions": versions}
        (OUT / f"{cid}.json").write_text(json.dumps(side, indent=1) + "\n")
        ids.append(cid)
        print(cid, call, "->", y.shape, sr)
    (OUT / "cases.json").write_text(json.dumps({"cases": ids}, indent=1) + "\n")
    total = sum(f.stat().st_size for f in OUT.iterdir())
    print(f"{len(ids)} cases, {total} bytes in {OUT}")
    if total >= 1 << 20:
        sys.exit("fixtures exceed 1 MB")


if __name__ == "__main__":
    main()
