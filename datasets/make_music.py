"""music: instrument and loop samples by family (the music-summary demo).

Source: npm supersonic-scsynth-samples (Sonic Pi's samples, CC0-1.0), FLAC, mostly 44.1 kHz
stereo; hat_raw is 96 kHz and hat_sci 192 kHz (both kept: a real rate mix). Per family at most
PER_FAMILY files, evenly spaced through the sorted listing, plus every file whose rate is not
44.1 kHz, so the set stays small (about 60 files, 2 MB of FLAC, under 3 minutes of audio) and a
notebook over it stays fast. Files are copied byte for byte.
"""
import os
import shutil
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import main_guard  # noqa: E402

# family folder -> file-name prefix in the package
FAMILIES = {"ambient": "ambi_", "bass": "bass_", "bass_drum": "bd_", "hi_hat": "hat_", "tabla": "tabla_",
            "electronic": "elec_"}
PER_FAMILY = 10


def flac_rate(path):
    """The sample rate in a FLAC file's STREAMINFO block."""
    with open(path, "rb") as f:
        head = f.read(42)
    if head[:4] != b"fLaC":
        raise ValueError(path + ": not FLAC")
    return struct.unpack(">I", head[18:22])[0] >> 12


def build(out):
    samples = os.environ.get("MELKIT_MUSIC_SAMPLES")
    if not samples or not os.path.isdir(samples):
        raise SystemExit("MELKIT_MUSIC_SAMPLES must name the package's samples/ folder (build.sh sets it)")
    all_names = sorted(f for f in os.listdir(samples) if f.endswith(".flac"))
    lines = ["source,family,sample_rate"]
    for family, prefix in FAMILIES.items():
        names = [n for n in all_names if n.startswith(prefix)]
        if len(names) > PER_FAMILY:
            picked = {names[(i * len(names)) // PER_FAMILY] for i in range(PER_FAMILY)}
            picked |= {n for n in names if flac_rate(os.path.join(samples, n)) != 44100}
            names = sorted(picked)
        os.makedirs(os.path.join(out, family))
        for n in names:
            shutil.copyfile(os.path.join(samples, n), os.path.join(out, family, n))
            lines.append("%s/%s,%s,%d" % (family, n, family, flac_rate(os.path.join(samples, n))))
    with open(os.path.join(out, ".sources.csv"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, ".licence.txt"), "w") as f:
        f.write("Samples from npm supersonic-scsynth-samples (Sonic Pi's sample library), CC0-1.0.\n")


if __name__ == "__main__":
    main_guard(build)
