#!/usr/bin/env python3
"""melkit extract on one JVM beside the same extraction on local Spark, for the scaling estimate.

    python3 environment/spark_scaling.py [--files 2000] [--small 200] [--rounds 3] [--data DIR]

Makes N three-second WAV clips (sox: 22,050 Hz, 16-bit mono, 4 classes of tones, noise, square
waves and tone+noise; cached in DIR, default /tmp/melkit-spark-scaling), then runs, round by round
and in a rotated order so that drift in the machine's load spreads over all of them:
`melkit extract --jobs 1`, `melkit extract --jobs 2`, `spark.sh extract --master local[1]` and
`local[2]`, each on the small set and on the full set, every run into an empty output folder.
Each run is timed from outside as a whole process (JVM and Spark start included), with the load
average read just before it. Prints per command: the median time of each size, the per-file cost
(the slope between the two sizes) and the fixed cost (the intercept: JVM, Spark session, planning
and the driver's global steps), and checks once per size that Spark's outputs are the CLI's bytes.
Writes the table to build/reports/spark-scaling.md and every run to build/reports/spark-scaling.json.
"""
import argparse
import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLASSES = [
    ("tones", lambda i: ["synth", "3", "sine", str(200 + i % 800)]),
    ("noise", lambda i: ["synth", "3", "pinknoise", "gain", "-%d" % (6 + i % 12)]),
    ("square", lambda i: ["synth", "3", "square", str(100 + i % 400), "gain", "-12"]),
    ("mixed", lambda i: ["synth", "3", "sine", str(300 + i % 900), "synth", "3", "whitenoise", "mix", "gain", "-9"]),
]


def make_data(folder, n):
    mark = os.path.join(folder, ".complete")
    if os.path.exists(mark):
        return
    shutil.rmtree(folder, ignore_errors=True)
    for name, _ in CLASSES:
        os.makedirs(os.path.join(folder, name))
    for i in range(n):
        name, effect = CLASSES[i % len(CLASSES)]
        out = os.path.join(folder, name, "clip%05d.wav" % i)
        subprocess.run(["sox", "-n", "-r", "22050", "-b", "16", "-c", "1", out] + effect(i), check=True,
                       stderr=subprocess.DEVNULL)
    open(mark, "w").close()


def subset(full, small, n):
    """The first n clips of the full set, as links (the same bytes, no second copy)."""
    mark = os.path.join(small, ".complete")
    if os.path.exists(mark):
        return
    shutil.rmtree(small, ignore_errors=True)
    for i in range(n):
        name, _ = CLASSES[i % len(CLASSES)]
        os.makedirs(os.path.join(small, name), exist_ok=True)
        f = "clip%05d.wav" % i
        os.symlink(os.path.join(full, name, f), os.path.join(small, name, f))
    open(mark, "w").close()


def commands(data, out):
    cli = ["java", "-jar", os.path.join(ROOT, "toolkit/target/melkit.jar"), "extract", "--no-progress"]
    spark = ["bash", os.path.join(ROOT, "environment/spark.sh"), "extract"]
    io = ["--input", data, "--output", out]
    return {
        "cli --jobs 1": cli + io + ["--jobs", "1"],
        "cli --jobs 2": cli + io + ["--jobs", "2"],
        "spark local[1]": spark + ["--master", "local[1]"] + io + ["--no-progress"],
        "spark local[2]": spark + ["--master", "local[2]"] + io + ["--no-progress"],
    }


def run(cmd, log):
    """Wall seconds, CPU seconds (user + system of the process and its children), load average, exit code."""
    load = os.getloadavg()[0]
    t = time.monotonic()
    with open(log, "ab") as f:
        p = subprocess.Popen(cmd, stdout=f, stderr=f)
        _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - t
    return wall, usage.ru_utime + usage.ru_stime, load, os.waitstatus_to_exitcode(status)


def same_tree(a, b):
    """Every file below a and b has the same bytes (manifest.json and the lock aside)."""
    cmp = filecmp.dircmp(a, b, ignore=["manifest.json", ".melkit.lock"])
    stack = [cmp]
    while stack:
        c = stack.pop()
        if c.left_only or c.right_only or c.diff_files or c.funny_files:
            return False
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        if mismatch or errors:
            return False
        stack.extend(c.subdirs.values())
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--small", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--data", default="/tmp/melkit-spark-scaling")
    a = ap.parse_args()
    for jar in ("toolkit/target/melkit.jar", "spark/target/melkit-spark.jar", "spark/target/spark-classpath.txt"):
        if not os.path.exists(os.path.join(ROOT, jar)):
            subprocess.run(["mvn", "-B", "-ntp", "-q", "package", "-DskipTests", "-pl", "toolkit,spark", "-am"], cwd=ROOT, check=True)
            break
    full = os.path.join(a.data, "clips-%d" % a.files)
    small = os.path.join(a.data, "clips-%d-of-%d" % (a.small, a.files))
    t = time.monotonic()
    make_data(full, a.files)
    subset(full, small, a.small)
    print("data: %d and %d three-second clips (%.0f s to make or find)" % (a.files, a.small, time.monotonic() - t), flush=True)
    sizes = {a.small: small, a.files: full}
    out = os.path.join(a.data, "out")
    log = os.path.join(a.data, "runs.log")
    runs = []
    names = list(commands("", "").keys())
    for r in range(a.rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        for n, data in sizes.items():
            for name in order:
                target = os.path.join(out, "%s-%d" % (name.replace(" ", "_").replace("[", "").replace("]", ""), n))
                shutil.rmtree(target, ignore_errors=True)
                sec, cpu, load, rc = run(commands(data, target)[name], log)
                runs.append({"round": r + 1, "files": n, "command": name, "seconds": round(sec, 3), "cpu_seconds": round(cpu, 3),
                             "load1": load, "rc": rc})
                print("round %d  %5d files  %-15s %7.2f s wall  %7.2f s cpu  load %.2f  rc %d" % (r + 1, n, name, sec, cpu, load, rc),
                      flush=True)
        if r == 0:
            for n in sizes:
                ref = os.path.join(out, "cli_--jobs_2-%d" % n)
                for name in ("spark_local1", "spark_local2"):
                    ok = same_tree(ref, os.path.join(out, "%s-%d" % (name, n)))
                    print("  %s on %d files: %s" % (name, n, "IDENTICAL to the CLI's output" if ok else "DIFFERENT"), flush=True)
                    if not ok:
                        sys.exit(1)
    lines = ["| command | %d files: wall s (cpu s) | %d files: wall s (cpu s) | per file: wall ms (cpu ms) | fixed: wall s (cpu s)"
             " | load avg (1 min) before the runs |" % (a.small, a.files), "| --- | --- | --- | --- | --- | --- |"]
    summary = {}
    for name in names:
        med = {n: statistics.median(x["seconds"] for x in runs if x["command"] == name and x["files"] == n) for n in sizes}
        cpu = {n: statistics.median(x["cpu_seconds"] for x in runs if x["command"] == name and x["files"] == n) for n in sizes}
        loads = [x["load1"] for x in runs if x["command"] == name]
        per_file = (med[a.files] - med[a.small]) / (a.files - a.small)
        fixed = med[a.small] - a.small * per_file
        cpu_per_file = (cpu[a.files] - cpu[a.small]) / (a.files - a.small)
        cpu_fixed = cpu[a.small] - a.small * cpu_per_file
        summary[name] = {"median_s": med, "median_cpu_s": cpu, "per_file_ms": per_file * 1000, "fixed_s": fixed,
                         "cpu_per_file_ms": cpu_per_file * 1000, "cpu_fixed_s": cpu_fixed}
        lines.append("| %s | %.1f (%.1f) | %.1f (%.1f) | %.2f (%.2f) | %.1f (%.1f) | %.1f-%.1f (median %.1f) |" % (
            name, med[a.small], cpu[a.small], med[a.files], cpu[a.files], per_file * 1000, cpu_per_file * 1000, fixed, cpu_fixed,
            min(loads), max(loads), statistics.median(loads)))
    table = "\n".join(lines)
    print(table)
    reports = os.path.join(ROOT, "build/reports")
    os.makedirs(reports, exist_ok=True)
    with open(os.path.join(reports, "spark-scaling.md"), "w") as f:
        f.write("%d rounds, medians; machine: %d cores\n\n%s\n" % (a.rounds, os.cpu_count(), table))
    with open(os.path.join(reports, "spark-scaling.json"), "w") as f:
        json.dump({"runs": runs, "summary": summary}, f, indent=1)


if __name__ == "__main__":
    main()
