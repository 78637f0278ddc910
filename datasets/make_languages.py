"""languages: real spoken words by people, one class folder per language.

Source: Debian's ktuberling-data (/usr/share/ktuberling/sounds/<lang>/), words recorded by
KDE volunteers for the KTuberling toy; GPL-2+, so it is installed and copied at build time and
never committed. Files keep their original format (Ogg Vorbis or WAV) and rate (8 to 44.1 kHz),
so the class-folder pipeline meets a real mix. Per language at most PER_CLASS files, evenly
spaced through the code-point-sorted listing (deterministic); Spanish has only 12, so the set is
deliberately unbalanced.
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import main_guard  # noqa: E402

SOURCE = os.environ.get("KTUBERLING_SOUNDS", "/usr/share/ktuberling/sounds")
# folder name -> ktuberling language code
LANGUAGES = {"english": "en", "german": "de", "greek": "el", "russian": "ru", "french": "fr", "spanish": "es"}
PER_CLASS = 20


def evenly_spaced(names, n):
    if len(names) <= n:
        return list(names)
    return [names[(i * len(names)) // n] for i in range(n)]


def build(out):
    lines = ["source,language,path"]
    for folder, code in LANGUAGES.items():
        src = os.path.join(SOURCE, code)
        names = sorted(f for f in os.listdir(src) if f.endswith((".ogg", ".wav")) and not f.startswith("."))
        os.makedirs(os.path.join(out, folder))
        for name in evenly_spaced(names, PER_CLASS):
            shutil.copyfile(os.path.join(src, name), os.path.join(out, folder, name))
            lines.append("%s/%s,%s,%s" % (folder, name, code, os.path.join(src, name)))
    with open(os.path.join(out, ".sources.csv"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, ".licence.txt"), "w") as f:
        f.write("Recordings from Debian's ktuberling-data (KDE KTuberling), GPL-2.0-or-later.\n"
                "Copied at build time by datasets/make_languages.py; not part of melkit's repository.\n")


if __name__ == "__main__":
    main_guard(build)
