#!/usr/bin/env python3
"""Tries melkit's batch commands the way a user with bad inputs would, and says which probes held.

Each probe builds its own folders under a temporary directory, runs the CLI (the jar, as a user
does), and checks the exit status, the message and what is on disk afterwards against the rules
of the batch runtime (issue 8): nothing outside a job's own outputs is touched, refusals exit 2
with nothing touched, every bad input is a failure row naming it, the batch goes on, no temporary
file survives, re-runs reuse only what is still true, the CLI explains itself.

    python3 environment/probes.py [--jar toolkit/target/melkit.jar] [--only SUBSTRING] [--keep]

Prints one line per probe (held / FAILED and why) and a summary per command; writes
build/reports/probes.md; exits 1 if any probe failed. Needs only the Python standard library and
java on PATH; the MELD and emotion-corpora probes use datasets/build/ when it is there.
"""
import argparse
import hashlib
import math
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SR = 22050


# --- fixtures ---------------------------------------------------------------------------------

def write_wav(path, samples, sr=SR):
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(b"".join(struct.pack("<h", max(-32768, min(32767, int(round(s * 32767))))) for s in samples))


def write_float_wav(path, samples, sr=SR):
    """IEEE float32 WAV (format 3): the only way to put NaN or Inf into a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = b"".join(struct.pack("<f", s) for s in samples)
    fmt = struct.pack("<HHIIHH", 3, 1, sr, sr * 4, 4, 32)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)


def write_long_wav(path, seconds, sr):
    """A long 16-bit tone, written in blocks."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = seconds * sr
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        block = struct.pack("<" + "h" * sr, *(int(8000 * math.sin(2 * math.pi * 220 * i / sr)) for i in range(sr)))
        for _ in range(n // sr):
            w.writeframes(block)


def tone(freq, seconds, amp=0.5, sr=SR):
    return [amp * math.sin(2 * math.pi * freq * i / sr) for i in range(int(seconds * sr))]


def class_tree(root, n_extra=0):
    write_wav(root / "cats" / "a.wav", tone(440, 1.2))
    write_wav(root / "cats" / "b.wav", tone(550, 0.8))
    write_wav(root / "dogs" / "c.wav", tone(330, 1.5))
    for i in range(n_extra):
        write_wav(root / ("cats" if i % 2 else "dogs") / f"x{i:03d}.wav", tone(200 + 3 * i, 1.0))
    return root


def tree_digest(root):
    """Every file and link under root (names, link targets, contents): what 'nothing touched' compares."""
    h = hashlib.sha256()
    if not os.path.lexists(root):
        return "absent"
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]):
            p = os.path.join(dirpath, name)
            h.update(os.path.relpath(p, root).encode())
            if os.path.islink(p):
                h.update(b"->" + os.readlink(p).encode())
            elif os.path.isfile(p):
                with open(p, "rb") as f:
                    h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()


def temporaries(root):
    return [str(p) for p in Path(root).rglob("*") if re.search(r"\.tmp-\d+", p.name) or p.name.endswith(".lock")]


# --- commands ---------------------------------------------------------------------------------

class Cmd:
    """How one command is called: its input and output flags, and a parameter change to try."""

    def __init__(self, name, shape, extra=(), change=(), nan=True, dataset=None, inputs=None):
        self.name, self.shape, self.extra, self.change, self.nan = name, shape, list(extra), list(change), nan
        self.dataset = dataset  # a demo dataset under datasets/build/ (meld, corpora) instead of generated class folders
        self.inputs = inputs or (lambda inp: ["--input", str(inp)])
        # the exit status of a good run: the demo datasets hold deliberate bad clips (failure rows, exit 1)
        self.ok = (0,) if dataset is None else (0, 1)

    def make(self, where, n_extra=0):
        """A good input for this command at `where`."""
        if self.dataset is None:
            return class_tree(where, n_extra)
        shutil.copytree(ROOT / "datasets" / "build" / self.dataset, where, symlinks=True)
        return where

    @property
    def generic(self):
        """Whether the class-folder probes (files placed in cats/, dogs/) apply."""
        return self.dataset is None

    def out(self, base):
        return base / ("out" if self.shape == "folder" else "report.csv")

    def args(self, inp, out, *more):
        """The call; an option in `more` replaces the same option of the defaults used here."""
        given = {more[i] for i in range(len(more)) if str(more[i]).startswith("--")}
        base, i = [], 0
        while i < len(self.extra):
            flag = self.extra[i]
            takes = i + 1 < len(self.extra) and not str(self.extra[i + 1]).startswith("--")
            if flag not in given:
                base += self.extra[i:i + (2 if takes else 1)]
            i += 2 if takes else 1
        return [self.name, *self.inputs(Path(inp)), "--output", str(out), *base, "--no-progress", *more]


COMMANDS = [
    Cmd("extract", "folder", ["--frames", "64"], ["--frames", "32"]),
    Cmd("chunk", "folder", ["--seconds", "0.5"], ["--seconds", "0.25"]),
    Cmd("augment", "folder", ["--copies", "1"], ["--copies", "2"]),
    Cmd("images", "folder", ["--width", "64", "--height", "32"], ["--width", "32"]),
    Cmd("summary", "file", [], ["--n-mfcc", "8"]),
    Cmd("eda", "file", [], [], nan=False),
    Cmd("validate", "file", [], [], nan=False),
    Cmd("meld", "folder", ["--frames", "16", "--n-mels", "16", "--duration", "1"], ["--frames", "8"], dataset="meld-mini/MELD.Raw",
        inputs=lambda inp: ["--root", str(inp)]),
    Cmd("corpora", "folder", ["--frames", "16", "--n-mels", "16"], ["--frames", "8"], dataset="emotion-mini",
        inputs=lambda inp: ["--ravdess", str(inp / "RAVDESS"), "--crema", str(inp / "CREMA-D"), "--tess", str(inp / "TESS"),
                            "--savee", str(inp / "SAVEE")]),
]


class Probes:
    def __init__(self, jar, work, only):
        self.jar, self.work, self.only = jar, work, only
        self.results = []  # (command, probe, held, detail)
        self.n = 0

    def run(self, args, java_opts=(), timeout=300):
        cmd = ["java", *java_opts, "-jar", str(self.jar), *[str(a) for a in args]]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout + p.stderr

    def fresh(self, label):
        self.n += 1
        d = self.work / f"{self.n:03d}-{re.sub(r'[^a-z0-9]+', '-', label.lower())}"
        d.mkdir(parents=True)
        return d

    def check(self, command, probe, fn):
        if self.only and self.only not in f"{command} {probe}":
            return
        try:
            detail = fn(self.fresh(f"{command}-{probe}"))
            held, why = (True, "") if detail is None else (False, detail)
        except Exception as e:  # a probe that crashes did not hold
            held, why = False, f"{type(e).__name__}: {e}"
        self.results.append((command, probe, held, why))
        print(f"{'held  ' if held else 'FAILED'} {command:9s} {probe}{'' if held else ': ' + why[:400]}", flush=True)


def expect(status, wanted, log, *texts):
    if status != wanted:
        return f"exit {status}, expected {wanted}: {log.strip()[-300:]}"
    for t in texts:
        if not re.search(t, log, re.I):
            return f"message lacks /{t}/: {log.strip()[-300:]}"
    return None


def failures_file(c, out):
    return out / "failures.csv" if c.shape == "folder" else out.with_name(out.stem + ".failures.csv")


# --- the probes -------------------------------------------------------------------------------

def probes_for(P, c):
    def output_inside_input(d):
        inp = c.make(d / "in")
        before = tree_digest(inp)
        out = next(p for p in sorted(inp.iterdir()) if p.is_dir()) / ("out" if c.shape == "folder" else "r.csv")
        s, log = P.run(c.args(inp, out))
        return expect(s, 2, log, "inside") or (None if tree_digest(inp) == before else "the input changed")

    def output_inside_input_through_link(d):
        inp = c.make(d / "in")
        os.symlink(next(p for p in sorted(inp.iterdir()) if p.is_dir()), d / "link")
        before = tree_digest(inp)
        s, log = P.run(c.args(inp, d / "link" / ("out" if c.shape == "folder" else "r.csv")))
        return expect(s, 2, log, "inside") or (None if tree_digest(inp) == before else "the input changed")

    def input_inside_output(d):
        out = d / "out"
        inp = c.make(out / "sub")
        before = tree_digest(out)
        s, log = P.run(c.args(inp, out, "--overwrite") if c.shape == "folder" and "--overwrite" in help_of(P, c) else c.args(inp, out))
        return expect(s, 2, log, "contains the input|inside") or (None if tree_digest(out) == before else "the output folder changed")

    def no_audio(d):
        empty = d / "empty"
        empty.mkdir()
        (empty / "notes.txt").write_text("no audio here")
        out = c.out(d)
        s, log = P.run(c.args(empty, out))
        return expect(s, 2, log, "no audio files under") or (None if not os.path.lexists(out) else "an output was created")

    def empty_input_keeps_an_existing_build(d):
        inp = class_tree(d / "in")
        out = c.out(d)
        s, log = P.run(c.args(inp, out))
        if s not in c.ok:
            return f"first build exit {s}: {log[-300:]}"
        before = tree_digest(d / "in"), tree_digest(out), sorted(os.listdir(d))
        (d / "empty").mkdir()
        s, log = P.run(c.args(d / "empty", out))
        after = tree_digest(d / "in"), tree_digest(out), sorted(os.listdir(d))
        return expect(s, 2, log, "no audio files under") or (None if before[:2] == after[:2] else "the build changed")

    def another_input_is_refused(d):
        inp = c.make(d / "in")
        other = c.make(d / "other")
        out = c.out(d)
        s, log = P.run(c.args(inp, out))
        if s not in c.ok:
            return f"first build exit {s}: {log[-300:]}"
        before = tree_digest(out)
        s, log = P.run(c.args(other, out))
        if c.shape == "file":
            # a report is a view of its input: naming another input is refused too (rule 2)
            pass
        return expect(s, 2, log, "another input|other input|different input") or (None if tree_digest(out) == before else "the build changed")

    def changed_parameters(d):
        inp = c.make(d / "in")
        out = c.out(d)
        s, log = P.run(c.args(inp, out))
        if s not in c.ok:
            return f"first build exit {s}: {log[-300:]}"
        before = tree_digest(out)
        s, log = P.run(c.args(inp, out, *c.change))
        r = expect(s, 2, log, "other parameters|overwrite")
        if r:
            return r
        if tree_digest(out) != before:
            return "the build changed"
        s, log = P.run(c.args(inp, out, *c.change, "--overwrite"))
        return expect(s, s if s in c.ok else 0, log)

    def replaced_input_is_recomputed(d):
        inp = class_tree(d / "in")
        out = c.out(d)
        s, log = P.run(c.args(inp, out))
        if s not in c.ok:
            return f"first build exit {s}: {log[-300:]}"
        write_wav(inp / "cats" / "a.wav", tone(880, 1.2, amp=0.3))  # same name, same size, other audio
        s, log = P.run(c.args(inp, out))
        if s not in c.ok:
            return f"re-run exit {s}: {log[-300:]}"
        ref = c.out(d / "ref")
        (d / "ref").mkdir()
        s, log = P.run(c.args(inp, ref))
        if s not in c.ok:
            return f"fresh build exit {s}"
        diffs = compare_outputs(c, out, ref)
        return None if not diffs else "re-run differs from a fresh build: " + ", ".join(diffs[:5])

    def vanished_input_outputs_removed(d):
        inp = class_tree(d / "in")
        out = c.out(d)
        s, log = P.run(c.args(inp, out))
        if s not in c.ok:
            return f"first build exit {s}: {log[-300:]}"
        (inp / "cats" / "b.wav").unlink()
        s, log = P.run(c.args(inp, out))
        if s not in c.ok:
            return f"re-run exit {s}: {log[-300:]}"
        ref = c.out(d / "ref")
        (d / "ref").mkdir()
        P.run(c.args(inp, ref))
        diffs = compare_outputs(c, out, ref)
        return None if not diffs else "re-run differs from a fresh build: " + ", ".join(diffs[:5])

    def lock_held_by_a_live_process(d):
        inp = c.make(d / "in")
        out = c.out(d)
        holder = subprocess.Popen(["sleep", "60"])
        try:
            if c.shape == "folder":
                out.mkdir()
                lock = out / ".melkit.lock"
            else:
                lock = out.with_name("." + out.name + ".lock")
            lock.write_text(f"{holder.pid}\n")
            s, log = P.run(c.args(inp, out))
            r = expect(s, 2, log, str(holder.pid))
            if r:
                return r
        finally:
            holder.kill()
            holder.wait()
        s, log = P.run(c.args(inp, out))
        return expect(s, s if s in c.ok else 0, log) or (None if not lock.exists() else "the dead holder's lock is still there")

    def non_finite_samples(d):
        inp = class_tree(d / "in")
        y = tone(440, 1.0)
        y[100] = float("nan")
        y[200] = float("inf")
        write_float_wav(inp / "cats" / "nan.wav", y)
        out = c.out(d)
        # eda reads samples only with --levels (headers alone cannot show NaN)
        s, log = P.run(c.args(inp, out, *(["--levels"] if c.name == "eda" else [])))
        if c.name == "validate":
            r = expect(s, 0, log)  # validate's contract: findings are the report (exit 0), unreadable inputs exit 1
            text = out.read_text() if out.exists() else ""
            line = next((l for l in text.splitlines() if "nan.wav" in l), "")
            return r or (None if "corrupt" in line and "non-finite samples (2 of 22050)" in line else f"report line: {line!r}")
        r = expect(s, 1, log)
        f = failures_file(c, out)
        text = f.read_text() if f.exists() else ""
        return r or (None if re.search(r"nan\.wav.*non-finite samples \(2 of \d+\)", text) else f"failures: {text[:300]!r}")

    def a_garbage_file_is_a_failure_row(d):
        inp = class_tree(d / "in")
        (inp / "dogs" / "broken.wav").write_bytes(b"RIFF\x10\x00\x00\x00WAVEjunkjunkjunk")
        out = c.out(d)
        s, log = P.run(c.args(inp, out))
        if c.name == "validate":
            text = out.read_text() if out.exists() else ""
            ok = any("broken.wav" in l and "corrupt" in l for l in text.splitlines())
            return expect(s, 0, log) or (None if ok else f"no corrupt row for broken.wav: {text[:300]!r}")
        f = failures_file(c, out)
        text = f.read_text() if f.exists() else ""
        r = expect(s, 1, log)
        return r or (None if "broken.wav" in text and len(text.splitlines()) == 2 else f"failures: {text[:300]!r}")

    def symlinks(d):
        real = class_tree(d / "real")
        inp = d / "in"
        (inp / "birds").mkdir(parents=True)
        write_wav(inp / "birds" / "own.wav", tone(600, 1.0))
        os.symlink(real / "cats", inp / "cats")              # a class folder that is a link
        os.symlink(real / "dogs" / "c.wav", inp / "birds" / "linked.wav")  # a file that is a link
        os.symlink(d / "nowhere.wav", inp / "birds" / "broken.wav")       # a broken link
        os.symlink(inp / "birds", inp / "birds" / "loop")                  # a loop
        out = c.out(d)
        s, log = P.run(c.args(inp, out))
        report = out.read_text() if c.shape == "file" and out.exists() else ""
        fail = failures_file(c, out)
        ftext = (fail.read_text() if fail.exists() else "") + report
        missing = [n for n in ("broken.wav", "loop") if n not in ftext]
        if missing:
            return f"exit {s}; no failure row naming {missing}: {ftext[:400]!r} {log[-200:]}"
        if c.shape == "folder":
            produced = " ".join(str(p.relative_to(out)) for p in out.rglob("*"))
            if not ("cats" in produced and "linked" in produced):
                return f"linked files were not inputs: {produced[:300]}"
        else:
            if not ("cats" in report and "linked" in report):
                return f"linked files were not rows: {report[:300]!r}"
        return None if s == 1 else f"exit {s}, expected 1 (failure rows)"

    def stale_temporaries_removed(d):
        inp = c.make(d / "in")
        out = c.out(d)
        s, log = P.run(c.args(inp, out))
        if s not in c.ok:
            return f"first build exit {s}"
        folder = out if c.shape == "folder" else out.parent
        stale = [folder / (".failures.csv.tmp-99999-1" if c.shape == "folder" else "." + out.stem + ".failures.csv.tmp-99999-1"),
                 folder / ("." + out.name + ".tmp-99999-2")]
        for t in stale:
            t.write_text("half a file")
        s, log = P.run(c.args(inp, out))
        left = [str(t) for t in stale if t.exists()]
        return expect(s, s if s in c.ok else 0, log) or (None if not left else f"left: {left}")

    def killed_run_leaves_nothing_and_resumes(d):
        inp = c.make(d / "in", n_extra=60)
        out = c.out(d)
        cmd = ["java", "-jar", str(P.jar), *c.args(inp, out, "--jobs", "1")]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        s, log = P.run(c.args(inp, out))
        if s not in c.ok:
            return f"re-run exit {s}: {log[-300:]}"
        left = temporaries(out if c.shape == "folder" else out.parent)
        if left:
            return f"temporaries left: {left[:3]}"
        ref = c.out(d / "ref")
        (d / "ref").mkdir()
        P.run(c.args(inp, ref))
        diffs = compare_outputs(c, out, ref)
        return None if not diffs else "resumed build differs from a fresh one: " + ", ".join(diffs[:5])

    def jobs_give_identical_bytes(d):
        inp = c.make(d / "in", n_extra=6)
        a, b = c.out(d / "j1"), c.out(d / "j2")
        (d / "j1").mkdir()
        (d / "j2").mkdir()
        s1, _ = P.run(c.args(inp, a, "--jobs", "1"))
        s2, _ = P.run(c.args(inp, b, "--jobs", "2"))
        diffs = compare_outputs(c, a, b)
        return None if s1 == s2 and s1 in c.ok and not diffs else f"exit {s1}/{s2}; differ: {diffs[:5]}"

    def help_and_typos(d):
        s, log = P.run([c.name, "--help"])
        r = expect(s, 0, log, "--jobs", "default")
        if r:
            return r
        s, log = P.run([c.name, "--jbos", "2"])
        return expect(s, 2, log, "--jobs")

    def report_beside_a_dataset(d):
        if c.shape != "file":
            return None
        inp = class_tree(d / "in")
        ds = d / "dataset"
        s, _ = P.run(["extract", "--input", inp, "--output", ds, "--frames", "32", "--no-progress"])
        if s != 0:
            return "extract failed"
        before = tree_digest(ds)
        s, log = P.run(c.args(inp, ds / "report.csv"))
        after_files = set(os.listdir(ds))
        if s != 0:
            return f"exit {s}: {log[-300:]}"
        if not {"report.csv", "report.manifest.json"} <= after_files:
            return f"sidecars not named after the report: {sorted(after_files)}"
        (ds / "report.csv").unlink()
        for n in after_files:
            if n.startswith("report.") or n.startswith(".report"):
                p = ds / n
                if p.exists():
                    p.unlink()
        return None if tree_digest(ds) == before else "the dataset's own files changed"

    def two_hour_recording_in_256m(d):
        inp = d / "in"
        write_long_wav(inp / "talks" / "two-hours.wav", 2 * 3600, 8000)
        write_wav(inp / "talks" / "short.wav", tone(440, 0.5, sr=8000), 8000)
        out = c.out(d)
        extra = ["--levels"] if c.name == "eda" else []
        if c.name in ("extract", "summary", "images"):
            extra += ["--sr", "8000"]
        t0 = time.time()
        s, log = P.run(c.args(inp, out, "--jobs", "1", *extra), java_opts=["-Xmx256m"], timeout=900)
        took = time.time() - t0
        if "OutOfMemoryError" in log and "failure" not in log.lower():
            return f"raw OutOfMemoryError ({took:.0f} s): {log[-300:]}"
        if s == 0:
            return None
        f = failures_file(c, out)
        text = f.read_text() if f.exists() else ""
        # augment writes whole augmented recordings: a failure row for memory, with the batch going on, is what rule 8 allows
        if c.name == "augment" and s == 1 and "two-hours.wav" in text and "memory" in text \
                and any("short" in p.name for p in out.rglob("*")):
            return None
        return f"exit {s} after {took:.0f} s: {log[-300:]} {text[:200]}"

    generic = [
        ("output inside the input (exit 2, nothing touched)", output_inside_input),
        ("output inside the input through a link", output_inside_input_through_link),
        ("input inside the output (exit 2, nothing touched)", input_inside_output),
        ("no audio in the input (exit 2, nothing created)", no_audio),
        ("empty input against an existing build (scenario 2)", empty_input_keeps_an_existing_build),
        ("another input, same output (exit 2)", another_input_is_refused),
        ("changed parameters (exit 2; --overwrite rebuilds)", changed_parameters),
        ("an input replaced under the same name (scenario 3)", replaced_input_is_recomputed),
        ("an input removed: its outputs removed", vanished_input_outputs_removed),
        ("a live run's lock (exit 2 naming its pid), a dead one's taken over", lock_held_by_a_live_process),
        ("NaN/Inf samples (scenario 5)", non_finite_samples),
        ("a garbage .wav among good ones", a_garbage_file_is_a_failure_row),
        ("symlinked class and file, broken link, loop (scenario 7)", symlinks),
        ("stale temporaries removed at start (scenario 10)", stale_temporaries_removed),
        ("kill -9 mid-run, re-run equals a fresh build", killed_run_leaves_nothing_and_resumes),
        ("--jobs 1 and 2 give identical bytes", jobs_give_identical_bytes),
        ("--help exits 0 with defaults; a typo names --jobs (scenario 11)", help_and_typos),
        ("a report written into another job's output (scenario 6)", report_beside_a_dataset),
        ("a 2-hour 8 kHz recording under -Xmx256m (scenario 8)", two_hour_recording_in_256m),
    ]
    if not c.change:  # eda (its report is replaced, rule 5 does not list it) and validate (no parameters)
        generic = [(n, f) for n, f in generic if not n.startswith("changed parameters")]
    dataset_probes = ("output inside the input", "input inside the output", "another input", "changed parameters", "lock",
                      "stale temporaries", "kill -9", "--jobs 1 and 2", "--help")
    if c.generic:
        return generic
    if not (ROOT / "datasets" / "build" / c.dataset).is_dir():
        print(f"skipped   {c.name}: datasets/build/{c.dataset} is missing (bash datasets/build.sh makes it)")
        return []
    return [(n, f) for n, f in generic if any(k in n for k in dataset_probes)]


_HELP = {}


def help_of(P, c):
    if c.name not in _HELP:
        _HELP[c.name] = P.run([c.name, "--help"])[1]
    return _HELP[c.name]


def compare_outputs(c, a, b):
    """Names of files that differ between two builds (manifests' times and paths aside)."""
    if c.shape == "file":
        pairs = [(a, b), (failures_file(c, a), failures_file(c, b))]
    else:
        names = sorted({str(p.relative_to(a)) for p in a.rglob("*") if p.is_file()} | {str(p.relative_to(b)) for p in b.rglob("*") if p.is_file()})
        pairs = [(a / n, b / n) for n in names]
    diffs = []
    for x, y in pairs:
        n = x.name
        if n.endswith("manifest.json") or n.endswith("journal.jsonl"):
            continue
        if not x.exists() or not y.exists():
            if x.exists() or y.exists():
                diffs.append(f"{n} only in one")
            continue
        if x.read_bytes() != y.read_bytes():
            diffs.append(n)
    return diffs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", default=str(ROOT / "toolkit" / "target" / "melkit.jar"))
    ap.add_argument("--only", default="")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="melkit-probes-"))
    P = Probes(Path(a.jar), work, a.only)
    t0 = time.time()
    try:
        for c in COMMANDS:
            for name, fn in probes_for(P, c):
                P.check(c.name, name, fn)
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    held = sum(1 for r in P.results if r[2])
    lines = ["# melkit probes", "", f"{held} of {len(P.results)} probes held ({time.time() - t0:.0f} s).", "",
             "| command | probe | held | detail |", "| --- | --- | --- | --- |"]
    for cmd, probe, ok, why in P.results:
        lines.append(f"| {cmd} | {probe} | {'yes' if ok else 'NO'} | {why[:200].replace('|', '/')} |")
    report = ROOT / "build" / "reports" / "probes.md"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n".join(lines) + "\n")
    per = {}
    for cmd, _, ok, _ in P.results:
        per.setdefault(cmd, [0, 0])
        per[cmd][0] += ok
        per[cmd][1] += 1
    print("\n" + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in per.items()))
    print(f"{held} of {len(P.results)} probes held; report: {report}")
    sys.exit(0 if held == len(P.results) else 1)


if __name__ == "__main__":
    main()
