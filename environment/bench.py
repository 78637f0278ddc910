#!/usr/bin/env python3
"""melkit beside librosa, end to end, from one run on one machine (run through environment/bench.sh).

Generates each workload's data deterministically (cached under build/bench/data), runs melkit and
every librosa configuration interleaved round by round, checks that their outputs agree, and
prints one table (also written to build/reports/bench.md, with a bar chart of the ratios in
build/reports/bench.png and every figure in build/reports/bench.json).

Ratios are per interleaved pair (same round): librosa's time / melkit's time, so > 1 means melkit
is faster; the table gives each round's ratio and their median. Every process is timed from
outside except where a row says "in-process".

Environment: BENCH_QUICK=1 for a smoke run (small workloads, one round); BENCH_ROUNDS=N;
BENCH_W1_CLIPS, BENCH_W2_FILES, BENCH_W3_FILES to resize a workload (a heavily loaded host);
MELKIT (the command that runs melkit, default: java -jar toolkit/target/melkit.jar).
"""
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import wave

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "1" if QUICK else "3"))
W1_CLIPS = int(os.environ.get("BENCH_W1_CLIPS", 100 if QUICK else 1000))
W2_FILES = int(os.environ.get("BENCH_W2_FILES", 20 if QUICK else 200))
W3_FILES = int(os.environ.get("BENCH_W3_FILES", 30 if QUICK else 300))
WORK = os.path.join(ROOT, "build", "bench")
DATA = os.path.join(WORK, "data")
REPORTS = os.path.join(ROOT, "build", "reports")
PY = sys.executable
WORKER = os.path.join(ROOT, "environment", "bench_librosa.py")
JAR = os.path.join(ROOT, "toolkit", "target", "melkit.jar")
MELKIT = shlex.split(os.environ.get("MELKIT", "java -jar " + shlex.quote(JAR)))
ENV_1BLAS = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def log(*a):
    print(*a, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def run(cmd, env_extra=None, name=""):
    """Runs cmd; returns (wall seconds, peak RSS in MB, stdout text). Raises on a non-zero exit."""
    env = dict(os.environ)
    env["NUMBA_CACHE_DIR"] = os.path.join(WORK, "numba-cache")
    env.update(env_extra or {})
    out_path = os.path.join(WORK, "last-stdout.txt")
    err_path = os.path.join(WORK, "last-stderr.txt")
    with open(out_path, "wb") as o, open(err_path, "wb") as e:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=o, stderr=e, env=env, cwd=ROOT)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    with open(out_path) as f:
        out = f.read()
    if p.returncode != 0:
        with open(err_path) as f:
            err = f.read()
        raise SystemExit("bench: %s failed (exit %d): %s\n%s%s" % (name, p.returncode, " ".join(cmd), out[-2000:], err[-3000:]))
    return wall, ru.ru_maxrss / 1024.0, out


def worker_json(out):
    return json.loads(out.strip().splitlines()[-1])


# ---------------------------------------------------------------- data generation (deterministic)

def write_wav16(path, y, sr):
    """y: (n, channels) float in [-1, 1] -> 16-bit PCM WAV."""
    pcm = np.clip(np.round(y * 32767.0), -32768, 32767).astype("<i2")
    with wave.open(path, "wb") as w:
        w.setnchannels(pcm.shape[1])
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(pcm.tobytes())


def speechlike(rng, sr, seconds, f0):
    """A voiced, amplitude-modulated harmonic tone with noise: energy across the mel range."""
    n = int(round(sr * seconds))
    t = np.arange(n) / sr
    vib = f0 * (1 + 0.03 * np.sin(2 * np.pi * 5.0 * t))
    phase = 2 * np.pi * np.cumsum(vib) / sr
    y = sum((0.5 / h) * np.sin(h * phase) for h in range(1, 12))
    env = 0.5 * (1 + np.sin(2 * np.pi * rng.uniform(1.5, 4.0) * t + rng.uniform(0, 6.28)))
    return 0.25 * y * env + 0.02 * rng.standard_normal(n)


def make_w2(root, files):
    stamp = root.rstrip("/") + ".complete"
    if os.path.exists(stamp):
        return
    shutil.rmtree(root, ignore_errors=True)
    classes = ["angry", "calm", "happy", "sad"]
    for k in range(files):
        cls = classes[k % 4]
        rng = np.random.default_rng(1000 + k)
        left = speechlike(rng, 44100, 5.0, 110 + 20 * (k % 4) + k % 7)
        right = 0.8 * left + 0.01 * rng.standard_normal(left.size)
        os.makedirs(os.path.join(root, cls), exist_ok=True)
        write_wav16(os.path.join(root, cls, "clip_%04d.wav" % k), np.stack([left, right], axis=1), 44100)
    open(stamp, "w").close()


MELD_HEADER = "Sr No.,Utterance,Speaker,Emotion,Sentiment,Dialogue_ID,Utterance_ID,Season,Episode,StartTime,EndTime"
EMOTIONS = ["neutral", "surprise", "fear", "sadness", "joy", "disgust", "anger"]
SENTIMENTS = ["neutral", "positive", "negative"]


def make_w3(root, files):
    """A MELD.Raw tree: 2/3 train, 1/6 dev, 1/6 test; each clip an mp4 with a tiny H.264 video and
    48 kHz stereo AAC audio of 2-4 s (MELD's clips average 3.1 s)."""
    stamp = root.rstrip("/") + ".complete"
    if os.path.exists(stamp):
        return
    shutil.rmtree(root, ignore_errors=True)
    n_train = files * 2 // 3
    n_dev = (files - n_train) // 2
    splits = [("train_sent_emo.csv", "train/train_splits", n_train), ("dev_sent_emo.csv", "dev/dev_splits_complete", n_dev),
              ("test_sent_emo.csv", "test/output_repeated_splits_test", files - n_train - n_dev)]
    tmp = os.path.join(root, ".tmp")
    os.makedirs(tmp, exist_ok=True)
    jobs = []
    k = 0
    for csv_name, folder, count in splits:
        os.makedirs(os.path.join(root, folder), exist_ok=True)
        lines = [MELD_HEADER]
        for j in range(count):
            dia, utt = j // 5, j % 5
            rng = np.random.default_rng(5000 + k)
            secs = float(rng.uniform(2.0, 4.0))
            y = speechlike(rng, 48000, secs, 100 + 40 * (k % 5))
            wav = os.path.join(tmp, "%d.wav" % k)
            write_wav16(wav, np.stack([y, 0.9 * y], axis=1), 48000)
            mp4 = os.path.join(root, folder, "dia%d_utt%d.mp4" % (dia, utt))
            jobs.append(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", wav, "-f", "lavfi", "-i",
                         "color=c=gray:s=64x48:r=10:d=%.3f" % secs, "-map", "1:v", "-map", "0:a", "-c:v", "libx264",
                         "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-shortest",
                         "-fflags", "+bitexact", "-map_metadata", "-1", mp4])
            lines.append('%d,"Utterance %d",Speaker%d,%s,%s,%d,%d,1,1,"00:00:%02d,000","00:00:%02d,500"'
                         % (j + 1, j, k % 6, EMOTIONS[k % 7], SENTIMENTS[k % 3], dia, utt, j % 60, j % 60))
            k += 1
        with open(os.path.join(root, csv_name), "w", encoding="utf-8", newline="") as f:
            f.write("\r\n".join(lines) + "\r\n")
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(2) as ex:
        for r in ex.map(lambda c: subprocess.run(c, capture_output=True), jobs):
            if r.returncode != 0:
                raise SystemExit("bench: ffmpeg could not make the W3 data: " + r.stderr.decode()[-2000:])
    shutil.rmtree(tmp)
    open(stamp, "w").close()


def make_cold(path):
    if os.path.exists(path):
        return
    rng = np.random.default_rng(7)
    write_wav16(path, speechlike(rng, 16000, 3.0, 140)[:, None], 16000)


# ---------------------------------------------------------------- output agreement

def per_band(a, b):
    """Max |a - b| per mel band (axis -2 of arrays (..., n_mels, t)), over everything else."""
    d = np.abs(a.astype(np.float64) - b.astype(np.float64))
    d = np.moveaxis(d, -2, 0).reshape(d.shape[-2], -1)
    return d.max(axis=1)


def band_summary(bands):
    worst = np.argsort(bands)[::-1][:3]
    return "max %.2g; worst bands %s; bands 0-%d max %.2g" % (
        bands.max(), ", ".join("%d: %.2g" % (i, bands[i]) for i in worst), len(bands) - 4, bands[:-3].max())


def compare_w1(mk_dir, lr_dir, torch_dir):
    bands = None
    tb = None
    for f in sorted(os.listdir(mk_dir)):
        m = np.load(os.path.join(mk_dir, f))
        l = np.load(os.path.join(lr_dir, f))
        b = per_band(m, l)
        bands = b if bands is None else np.maximum(bands, b)
        if torch_dir:
            t = per_band(np.load(os.path.join(torch_dir, f)), l)
            tb = t if tb is None else np.maximum(tb, t)
    return {"unit": "dB", "per_band": bands.tolist(), "max": float(bands.max()), "summary": band_summary(bands),
            "torch_vs_librosa_max": None if tb is None else float(tb.max())}


def compare_tree(mk_root, lr_root):
    bands = None
    n = 0
    for dirpath, _, files in os.walk(lr_root):
        for f in files:
            if not f.endswith(".npy"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), lr_root)
            l = np.load(os.path.join(lr_root, rel))
            m = np.load(os.path.join(mk_root, rel))
            if m.shape != l.shape:
                raise SystemExit("bench: %s has shape %s from melkit, %s from librosa" % (rel, m.shape, l.shape))
            b = per_band(m, l)
            bands = b if bands is None else np.maximum(bands, b)
            n += 1
    return bands, n


# ---------------------------------------------------------------- measurement

class Table:
    def __init__(self):
        self.rows = []  # dicts: workload, config, unit, values (per round), melkit_values, ratios, rss

    def add(self, **kw):
        self.rows.append(kw)


def rounds_loop(label, configs):
    """configs: list of (name, fn) where fn(round) -> (seconds, rss_mb). The first is melkit.
    Order alternates between rounds (forward, then reversed) so load drift hits all alike."""
    res = {name: [] for name, _ in configs}
    loads = []
    for r in range(ROUNDS):
        order = configs if r % 2 == 0 else list(reversed(configs))
        for name, fn in order:
            secs, rss = fn(r)
            res[name].append((secs, rss))
            log("  %s round %d: %-26s %8.3f s  %6.0f MB" % (label, r + 1, name, secs, rss))
        loads.append(loadavg())
    return res, loads


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    return path


def bench_w1(table, checks):
    log("== W1: %d x 3 s 16 kHz clips in memory -> mel(n_fft 2048, hop 375, 128 mels) -> dB(ref=max)" % W1_CLIPS)
    dump_clips = ",".join(str(c) for c in sorted({0, 1, W1_CLIPS // 2, W1_CLIPS - 1}))
    mk_dump, lr_dump, t_dump = (fresh(os.path.join(WORK, "w1", d)) for d in ("melkit", "librosa", "torch"))

    def melkit(threads):
        def fn(r):
            cmd = MELKIT + ["bench", "--clips", str(W1_CLIPS), "--jobs", str(threads), "--rounds", "3"]
            if r == 0 and threads == 2:
                cmd += ["--dump", mk_dump, "--dump-clips", dump_clips]
            _, rss, out = run(cmd, name="melkit bench")
            line = [l for l in out.splitlines() if l.startswith("melkit  threads=%d " % threads)][0]
            cps = float(line.split()[2])
            return W1_CLIPS / cps, rss
        return fn

    def worker(mode, env=None, dump=None):
        def fn(r):
            cmd = [PY, WORKER, "w1", "--mode", mode, "--clips", str(W1_CLIPS)]
            if r == 0 and dump:
                cmd += ["--dump", dump, "--dump-clips", dump_clips]
            _, rss, out = run(cmd, env, name="librosa w1 " + mode)
            return worker_json(out)["seconds"], rss
        return fn

    configs = [("melkit 2 threads", melkit(2)), ("melkit 1 thread", melkit(1)),
               ("librosa, 1 process, 1 BLAS thread", worker("one", ENV_1BLAS, lr_dump)),
               ("librosa, 1 process, default BLAS", worker("one")),
               ("librosa, joblib 2 workers", worker("joblib", ENV_1BLAS))]
    if has_torch():
        configs.append(("torch 2 threads (batched)", worker("torch", None, t_dump)))
    res, loads = rounds_loop("W1", configs)
    add_rows(table, "W1 in-memory mel+dB", "clips/s", W1_CLIPS, res, "melkit 2 threads", loads, in_process=True)
    checks["W1"] = compare_w1(mk_dump, lr_dump, t_dump if has_torch() else None)


def has_torch():
    return subprocess.run([PY, "-c", "import torch"], capture_output=True).returncode == 0


def bench_w2(table, checks):
    log("== W2: %d WAV 44.1 kHz stereo 16-bit 5 s, 4 classes -> extract --sr 22050 vs load(soxr_hq)+mel+dB+np.save" % W2_FILES)
    src = os.path.join(DATA, "w2-%d" % W2_FILES)
    make_w2(src, W2_FILES)
    outs = {k: os.path.join(WORK, "w2", k) for k in ("melkit", "one", "joblib")}

    def melkit(r):
        out = fresh(outs["melkit"])
        t, rss, _ = run(MELKIT + ["extract", "--input", src, "--output", out, "--sr", "22050", "--jobs", "2", "--no-progress"],
                        name="melkit extract")
        return t, rss

    def worker(mode):
        def fn(r):
            out = fresh(outs[mode])
            _, rss, o = run([PY, WORKER, "w2", "--mode", mode, "--input", src, "--output", out], ENV_1BLAS, name="librosa w2")
            return worker_json(o)["seconds"], rss
        return fn

    res, loads = rounds_loop("W2", [("melkit extract --jobs 2", melkit), ("librosa, 1 process", worker("one")),
                                    ("librosa, joblib 2 workers", worker("joblib"))])
    add_rows(table, "W2 WAV corpus -> .npy", "files/s", W2_FILES, res, "melkit extract --jobs 2", loads)
    bands, n = compare_tree(outs["melkit"], outs["one"])
    checks["W2"] = {"unit": "dB", "files": n, "per_band": bands.tolist(), "max": float(bands.max()), "summary": band_summary(bands)}


def bench_w3(table, checks):
    log("== W3: %d MP4/AAC ~3 s in a MELD tree -> melkit meld vs librosa.load per file" % W3_FILES)
    src = os.path.join(DATA, "w3-%d" % W3_FILES, "MELD.Raw")
    make_w3(src, W3_FILES)
    outs = {k: os.path.join(WORK, "w3", k) for k in ("melkit", "one", "joblib")}

    def melkit(r):
        out = fresh(outs["melkit"])
        t, rss, _ = run(MELKIT + ["meld", "--root", src, "--output", out, "--jobs", "2", "--no-progress"], name="melkit meld")
        return t, rss

    def worker(mode):
        def fn(r):
            out = fresh(outs[mode])
            _, rss, o = run([PY, WORKER, "w3", "--mode", mode, "--root", src, "--output", out], ENV_1BLAS, name="librosa w3")
            return worker_json(o)["seconds"], rss
        return fn

    res, loads = rounds_loop("W3", [("melkit meld --jobs 2", melkit), ("librosa, 1 process", worker("one")),
                                    ("librosa, joblib 2 workers", worker("joblib"))])
    add_rows(table, "W3 MELD mp4 -> tensors", "clips/s", W3_FILES, res, "melkit meld --jobs 2", loads)
    bands = None
    for split in ("train", "val", "test"):
        m = np.load(os.path.join(outs["melkit"], "X_audio_%s.npy" % split))[..., 0]
        l = np.load(os.path.join(outs["one"], "X_audio_%s.npy" % split))[..., 0]
        b = per_band(m, l)
        bands = b if bands is None else np.maximum(bands, b)
    checks["W3"] = {"unit": "0-1 scale", "per_band": bands.tolist(), "max": float(bands.max()), "summary": band_summary(bands)}


def bench_cold(table, checks):
    log("== cold: one 3 s WAV -> melspectrogram -> .npy in a fresh process")
    wav = os.path.join(DATA, "cold-3s-16k.wav")
    make_cold(wav)
    mk_out = os.path.join(WORK, "cold-melkit.npy")
    lr_out = os.path.join(WORK, "cold-librosa.npy")
    script = ("import librosa, numpy as np; y, sr = librosa.load(%r); "
              "np.save(%r, librosa.feature.melspectrogram(y=y, sr=sr))" % (wav, lr_out))
    configs = [("melkit feature melspectrogram",
                lambda r: run(MELKIT + ["feature", "melspectrogram", "--input", wav, "--output", mk_out], name="melkit feature")[:2]),
               ("python -c librosa load+mel+save", lambda r: run([PY, "-c", script], name="python -c librosa")[:2]),
               ("java -version", lambda r: run(["java", "-version"], name="java -version")[:2])]
    res, loads = rounds_loop("cold", configs)
    add_rows(table, "cold start, one 3 s WAV", "s", 1, res, "melkit feature melspectrogram", loads, seconds_unit=True)
    m, l = np.load(mk_out), np.load(lr_out)
    rel = np.abs(m.astype(np.float64) - l) / max(float(np.abs(l).max()), 1e-30)
    checks["cold"] = {"unit": "relative to the peak power", "max": float(rel.max()), "summary": "max %.2g of the peak" % rel.max()}


def add_rows(table, workload, unit, items, res, melkit_name, loads, in_process=False, seconds_unit=False):
    mk = res[melkit_name]
    for name, vals in res.items():
        secs = [v[0] for v in vals]
        rss = [v[1] for v in vals]
        ratios = [s / m[0] for s, m in zip(secs, mk)] if name != melkit_name else None
        table.add(workload=workload, config=name, unit=unit, items=items, seconds=secs, rss=rss, ratios=ratios,
                  melkit=(name == melkit_name), loads=loads, in_process=in_process, seconds_unit=seconds_unit)


# ---------------------------------------------------------------- report

def fmt_rate(row):
    if row["seconds_unit"]:
        return "%.3f s" % statistics.median(row["seconds"])
    return "%s %s" % (sig(row["items"] / statistics.median(row["seconds"])), row["unit"])


def sig(x):
    """x with 3 significant figures (no exponent for the magnitudes here)."""
    return "%.0f" % x if x >= 100 else ("%.1f" % x if x >= 10 else "%.2f" % x)


def report(table, checks, started_load, cores):
    lines = []
    lines.append("# melkit vs librosa, one run (%s)" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    lines.append("")
    lines.append("%d cores; load average (1/5/15 min) at start %s, at end %s; %d round(s); W1 %d clips, W2 %d files, "
                 "W3 %d files%s; librosa %s." % (cores, started_load, loadavg(), ROUNDS, W1_CLIPS, W2_FILES, W3_FILES,
                                                  " (BENCH_QUICK)" if QUICK else "", librosa_version()))
    lines.append("Ratio = the configuration's time / melkit's time in the same round (> 1: melkit faster); for the cold "
                 "start it is melkit's time / the configuration's (the issue's form: < 1 is melkit faster).")
    lines.append("")
    lines.append("| workload | configuration | median | per round | peak RSS (MB, median) | ratio per round | ratio median | load per round |")
    lines.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in table.rows:
        per_round = ", ".join(("%.3f s" % s) if r["seconds_unit"] else sig(r["items"] / s) for s in r["seconds"])
        if r["ratios"] is None:
            rt, rm = "-", "-"
        elif r["seconds_unit"]:
            inv = [1 / x for x in r["ratios"]]
            rt, rm = ", ".join("%.2f" % x for x in inv), "**%.2f**" % statistics.median(inv)
        else:
            rt, rm = ", ".join("%.1f" % x for x in r["ratios"]), "**%.1fx**" % statistics.median(r["ratios"])
        name = ("**%s**" % r["config"]) if r["melkit"] else r["config"]
        lines.append("| %s | %s | %s | %s | %.0f | %s | %s | %s |" % (r["workload"], name, fmt_rate(r), per_round,
                     statistics.median(r["rss"]), rt, rm, "; ".join(l.split()[0] for l in r["loads"])))
    lines.append("")
    lines.append("W1 rows time the computation in-process (melkit: `melkit bench` median of 3 passes after warm-up; "
                 "librosa/torch: one timed pass after a warm-up of 40 clips); W2/W3 melkit rows time the whole command "
                 "(JVM start included), librosa rows the work after `import librosa`; cold rows the whole process.")
    lines.append("")
    lines.append("## Outputs agree")
    lines.append("")
    for k, c in checks.items():
        lines.append("- %s (%s): %s" % (k, c["unit"], c["summary"]))
        if c.get("torch_vs_librosa_max") is not None:
            lines.append("  - torch vs librosa: max %.2g dB" % c["torch_vs_librosa_max"])
    for k, c in checks.items():
        if "per_band" in c:
            lines.append("")
            lines.append("%s max |melkit - librosa| per mel band (%s), bands 0..%d:" % (k, c["unit"], len(c["per_band"]) - 1))
            lines.append("")
            lines.append("```")
            pb = c["per_band"]
            for i in range(0, len(pb), 16):
                lines.append("%3d: " % i + " ".join("%.1e" % x for x in pb[i:i + 16]))
            lines.append("```")
    return "\n".join(lines) + "\n"


def librosa_version():
    return subprocess.run([PY, "-c", "import librosa; print(librosa.__version__)"], capture_output=True, text=True).stdout.strip()


# issue 9's targets, as speed-ups over the reference (cold: <= 0.10 of librosa's time)
TARGETS = {("W1", "librosa, joblib 2 workers"): 15, ("W1", "torch 2 threads (batched)"): 20,
           ("W2", "librosa, joblib 2 workers"): 5, ("W3", "librosa, 1 process"): 10, ("W3", "librosa, joblib 2 workers"): 10,
           ("cold", "python -c librosa load+mel+save"): 10}


def chart(table, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rows = [r for r in table.rows if r["ratios"] is not None and not r["config"].startswith("melkit")
            and r["config"] != "java -version"]
    import textwrap
    labels, vals, targets = [], [], []
    for r in rows:
        med = statistics.median(r["ratios"])
        w = r["workload"].split(" ")[0] if not r["seconds_unit"] else "cold"
        labels.append(w + "\n" + "\n".join(textwrap.wrap(r["config"], 16)))
        vals.append(med)
        targets.append(TARGETS.get((w, r["config"])))
    colors = {"W1": "#4c72b0", "W2": "#55a868", "W3": "#c44e52", "cold": "#8172b2"}
    fig, ax = plt.subplots(figsize=(max(8, 1.1 * len(rows)), 5.2))
    bars = ax.bar(range(len(vals)), vals, color=[colors.get(l.split("\n")[0], "gray") for l in labels])
    for b, v in zip(bars, vals):
        ax.text(b.get_x() + b.get_width() / 2, v * 0.93, "%.1fx" % v, ha="center", va="top", fontsize=9, color="white",
                fontweight="bold")
    for b, t in zip(bars, targets):
        if t:
            ax.plot([b.get_x() - 0.05, b.get_x() + b.get_width() + 0.05], [t, t], color="black", ls="--", lw=1.2)
    ax.plot([], [], color="black", ls="--", lw=1.2, label="issue 9 target")
    ax.legend(loc="upper left", fontsize=8)
    ax.axhline(1.0, color="black", lw=0.8)
    ax.set_yscale("log")
    ax.set_ylim(0.5, max(vals + [t for t in targets if t]) * 2.2)
    ax.set_xticks(range(len(vals)))
    ax.set_xticklabels(labels, fontsize=7.5)
    ax.set_ylabel("melkit speed-up (reference time / melkit time,\nmedian of per-round pairs; log scale)")
    ax.set_title("melkit vs librosa, same run, %d round(s); load at end %s" % (ROUNDS, loadavg().split()[0]))
    ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    if not os.path.exists(JAR) and os.environ.get("MELKIT") is None:
        raise SystemExit("bench: %s is missing; run mvn -q package -DskipTests first" % JAR)
    os.makedirs(WORK, exist_ok=True)
    os.makedirs(REPORTS, exist_ok=True)
    cores = os.cpu_count()
    started = loadavg()
    log("== %d cores; load %s; %d round(s)%s; melkit: %s" % (cores, started, ROUNDS, " (quick)" if QUICK else "", " ".join(MELKIT)))
    only = os.environ.get("BENCH_ONLY", "w1,w2,w3,cold").split(",")
    table, checks = Table(), {}
    for key, fn in (("w1", bench_w1), ("w2", bench_w2), ("w3", bench_w3), ("cold", bench_cold)):
        if key in only:
            fn(table, checks)
    md = report(table, checks, started, cores)
    with open(os.path.join(REPORTS, "bench.md"), "w") as f:
        f.write(md)
    with open(os.path.join(REPORTS, "bench.json"), "w") as f:
        json.dump({"rows": table.rows, "checks": checks, "rounds": ROUNDS, "quick": QUICK}, f, indent=1)
    chart(table, os.path.join(REPORTS, "bench.png"))
    log("")
    log(md)
    log("written: build/reports/bench.md, bench.png, bench.json")


if __name__ == "__main__":
    main()
