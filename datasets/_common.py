"""Helpers shared by the demo-dataset builders (standard library only).

Every builder writes into a fresh folder given on its command line; build.sh builds into a
temporary name and renames it into place, so a half-built dataset never looks complete.
External tools run through argument lists (never a shell string) with -nostdin for ffmpeg.
"""
import os
import struct
import subprocess
import sys


def run(args, **kw):
    """Runs a tool; on failure raises with the argument list and the tail of its stderr."""
    if "input" not in kw:
        kw["stdin"] = subprocess.DEVNULL
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    if p.returncode != 0:
        tail = p.stderr.decode("utf-8", "replace")[-600:]
        raise RuntimeError("%s exited %d: %s" % (args, p.returncode, tail))
    return p.stdout


def espeak_wav(text, voice, pitch, speed, amplitude=100, gap=0):
    """espeak-ng speech as WAV bytes (22050 Hz, 16-bit mono); deterministic for the same input."""
    return run(["espeak-ng", "--stdout", "-v", voice, "-p", str(pitch), "-s", str(speed),
                "-a", str(amplitude), "-g", str(gap), text])


def sox_convert(wav_bytes, out_path, rate, extra=()):
    """Resamples WAV bytes to `rate` Hz, 16-bit mono, into out_path (sox with -R -D: no random dither, so byte-identical on every build)."""
    run(["sox", "-R", "-D", "-t", "wav", "-", "-r", str(rate), "-b", "16", "-c", "1", str(out_path), *extra], input=wav_bytes)


def wav_chunks(data):
    """The RIFF chunks of a WAV file as (id, payload) pairs, in file order."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("not a RIFF/WAVE file")
    out, i = [], 12
    while i + 8 <= len(data):
        cid, size = data[i:i + 4], struct.unpack("<I", data[i + 4:i + 8])[0]
        out.append((cid, data[i + 8:i + 8 + size]))
        i += 8 + size + (size & 1)
    return out


def write_wav_chunks(path, chunks):
    """Writes (id, payload) chunks as a RIFF/WAVE file, padding odd chunks as RIFF requires."""
    body = b"WAVE"
    for cid, payload in chunks:
        body += cid + struct.pack("<I", len(payload)) + payload + (b"\0" if len(payload) & 1 else b"")
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", len(body)) + body)


def parallel(fn, items, jobs=None):
    """Runs fn over items on a small thread pool (the work is in child processes); keeps order."""
    from concurrent.futures import ThreadPoolExecutor
    jobs = jobs or min(4, os.cpu_count() or 1)
    with ThreadPoolExecutor(jobs) as ex:
        return list(ex.map(fn, items))


def main_guard(build):
    """`python3 make_x.py OUT_DIR`: builds into OUT_DIR (created, must not exist yet)."""
    if len(sys.argv) != 2:
        print("usage: %s OUT_DIR" % sys.argv[0], file=sys.stderr)
        sys.exit(2)
    out = sys.argv[1]
    os.makedirs(out)
    build(out)
