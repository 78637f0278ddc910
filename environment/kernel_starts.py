#!/usr/bin/env python3
"""Start the melkit Java kernel N times in a row and count the starts that fail.

Each start is what a notebook front end does: start the kernel, wait for a kernel_info_reply
(jupyter_client's wait_for_ready, which repeats kernel_info_request every second, as nbclient and
JupyterLab do), then run one tiny cell and check its value. A start fails when the kernel never
answers (a hang), exits before answering (a death), or answers but cannot run the cell.

    .venv/bin/python environment/kernel_starts.py                 # 50 starts, the installed kernel
    .venv/bin/python environment/kernel_starts.py --without-fix   # the kernel jar alone
    .venv/bin/python environment/kernel_starts.py --java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java

The kernel is the kernelspec "melkit" written by environment/setup.sh; --java and --without-fix
change a temporary copy of it, never the installed one. Prints one line per start and a summary
(medians of start time, first-cell time and kernel RSS); exits 1 when any start failed.
"""
import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

FIX_JAR = "melkit-kernel-start-fix.jar"


def probe_spec(java, without_fix):
    spec = KernelSpecManager().get_kernel_spec("melkit")
    argv = list(spec.argv)
    if java:
        argv[0] = java
    if without_fix:
        i = argv.index("-cp") + 1
        argv[i] = os.pathsep.join(p for p in argv[i].split(os.pathsep) if not p.endswith(FIX_JAR))
    doc = {"argv": argv, "display_name": "melkit start probe", "language": spec.language,
           "interrupt_mode": spec.interrupt_mode, "env": dict(spec.env)}
    d = tempfile.mkdtemp(prefix="melkit-kernel-probe-")
    os.makedirs(os.path.join(d, "melkit-probe"))
    with open(os.path.join(d, "melkit-probe", "kernel.json"), "w") as f:
        json.dump(doc, f)
    return d, argv


def rss_mb(km):
    pid = getattr(getattr(km, "provisioner", None), "pid", None)
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def thread_dump(km, log):
    """Appends the hung kernel's thread dump (jstack of its own JDK) to its log."""
    pid = getattr(getattr(km, "provisioner", None), "pid", None)
    jstack = os.path.join(os.path.dirname(km.kernel_spec.argv[0]), "jstack")
    if pid is None or not os.access(jstack, os.X_OK):
        return
    log.write("\n==== thread dump of the hung kernel (%s %d)\n" % (jstack, pid))
    log.flush()
    try:
        subprocess.run([jstack, str(pid)], stdout=log, stderr=log, timeout=60)
    except (OSError, subprocess.SubprocessError) as e:
        log.write("jstack failed: %s\n" % e)


def run_cell(kc, code, timeout):
    """Runs code; returns (text/plain of its value, error or None)."""
    msg_id = kc.execute(code)
    deadline = time.monotonic() + timeout
    value, error = None, None
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return value, "no idle status within %ds" % timeout
        try:
            msg = kc.get_iopub_msg(timeout=left)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t, c = msg["msg_type"], msg["content"]
        if t == "execute_result":
            # rapaio labels a plain value's toString() text/html
            value = c["data"].get("text/plain") or c["data"].get("text/html")
        elif t == "error":
            error = "%s: %s" % (c.get("ename"), c.get("evalue"))
        elif t == "status" and c["execution_state"] == "idle":
            return value, error


def first_request(kc, wait):
    """Sends one kernel_info_request and waits up to wait seconds for its reply, as
    jupyter_server does before it connects a browser; returns the reply's delay or None (lost)."""
    t0 = time.monotonic()
    msg_id = kc.kernel_info()
    while True:
        left = wait - (time.monotonic() - t0)
        if left <= 0:
            return None
        try:
            msg = kc.get_shell_msg(timeout=left)
        except queue.Empty:
            return None
        if msg["parent_header"].get("msg_id") == msg_id:
            return time.monotonic() - t0


def one_start(km_factory, timeout, code, expect, log_dir, n, first_wait):
    km = km_factory()
    log_path = os.path.join(log_dir, "start-%02d.log" % n)
    log = open(log_path, "w")
    t0 = time.monotonic()
    km.start_kernel(stdout=log, stderr=log)
    kc = km.client()
    kc.start_channels()
    result = {"n": n, "log": log_path}
    try:
        if first_wait:
            result["first_request_lost"] = first_request(kc, first_wait) is None
        try:
            kc.wait_for_ready(timeout=timeout)
        except RuntimeError:
            result["outcome"] = "hang" if km.is_alive() else "death"
            if result["outcome"] == "hang":
                thread_dump(km, log)
            return result
        result["start_s"] = time.monotonic() - t0
        result["rss_mb"] = rss_mb(km)
        t1 = time.monotonic()
        value, error = run_cell(kc, code, timeout)
        result["cell_s"] = time.monotonic() - t1
        if error or value is None or expect not in value:
            result["outcome"] = "cell-failed"
            if error is None and value is None:
                thread_dump(km, log)
            result["detail"] = error or ("value %r" % value)
        else:
            result["outcome"] = "ok"
        return result
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=result.get("outcome") != "ok")
        log.close()
        with open(log_path, errors="replace") as f:
            text = f.read()
        # the second start race: a message before the handler map exists (fixed: logged, survived)
        result["npe_logged"] = "NullPointerException" in text
        result["unhandled_logged"] = "Unhandled message" in text
        if (result.get("outcome") == "ok" and not result["npe_logged"]
                and not result["unhandled_logged"] and not result.get("first_request_lost")):
            os.remove(log_path)


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--starts", type=int, default=50)
    ap.add_argument("--java", help="java binary to run the kernel on (default: the kernelspec's)")
    ap.add_argument("--without-fix", action="store_true",
                    help="leave melkit's LoopThread off the class path (the kernel jar alone)")
    ap.add_argument("--timeout", type=int, default=60,
                    help="seconds to wait for the kernel's first answer, and for the cell")
    ap.add_argument("--first-request-wait", type=float, default=0, metavar="S",
                    help="first send ONE kernel_info_request and wait S seconds for its reply, as "
                         "jupyter_server does; count the starts where it was lost")
    ap.add_argument("--code", default="int answer = 6 * 7;\nanswer",
                    help="the cell each start runs (default: a computation needing no melkit class)")
    ap.add_argument("--expect", default="42", help="text the cell's value must contain")
    ap.add_argument("--json", help="write every start's figures to this file")
    a = ap.parse_args()

    spec_dir, argv = probe_spec(a.java, a.without_fix)
    ksm = KernelSpecManager(kernel_dirs=[spec_dir])
    factory = lambda: KernelManager(kernel_name="melkit-probe", kernel_spec_manager=ksm)
    log_dir = tempfile.mkdtemp(prefix="melkit-kernel-starts-")
    label = "%s, %s" % (argv[0], "without the fix" if a.without_fix else "with melkit's LoopThread")
    print("== %d starts: %s (logs of failed starts: %s)" % (a.starts, label, log_dir), flush=True)

    code, expect = a.code, a.expect
    results = []
    for n in range(1, a.starts + 1):
        r = one_start(factory, a.timeout, code, expect, log_dir, n, a.first_request_wait)
        results.append(r)
        print("start %2d: %-11s start %s  cell %s  rss %s%s%s%s" % (
            n, r["outcome"],
            "%5.2fs" % r["start_s"] if "start_s" in r else "   - ",
            "%5.2fs" % r["cell_s"] if "cell_s" in r else "   - ",
            "%4.0fMB" % r["rss_mb"] if r.get("rss_mb") else "  -   ",
            "  (NPE logged)" if r.get("npe_logged") else "",
            ("  (first request lost)" if r.get("first_request_lost") else "")
            + ("  (Unhandled message logged)" if r.get("unhandled_logged") else ""),
            "  " + r["detail"] if "detail" in r else ""), flush=True)

    count = lambda o: sum(1 for r in results if r["outcome"] == o)
    ok = [r for r in results if r["outcome"] == "ok"]
    summary = {
        "label": label, "starts": len(results), "ok": count("ok"), "hangs": count("hang"),
        "deaths": count("death"), "cell_failures": count("cell-failed"),
        "npe_logged": sum(1 for r in results if r.get("npe_logged")),
        "unhandled_logged": sum(1 for r in results if r.get("unhandled_logged")),
        "first_request_lost": (sum(1 for r in results if r.get("first_request_lost"))
                               if a.first_request_wait else "not checked"),
        "median_start_s": round(median([r.get("start_s") for r in ok]), 2),
        "median_first_cell_s": round(median([r.get("cell_s") for r in ok]), 2),
        "median_rss_mb": round(median([r.get("rss_mb") for r in ok]), 0),
    }
    print("== %(label)s: %(starts)d starts, %(ok)d ok, %(hangs)d hangs, %(deaths)d deaths, "
          "%(cell_failures)d cell failures; NPE logged in %(npe_logged)d, 'Unhandled message' in "
          "%(unhandled_logged)d, first kernel_info_request lost in %(first_request_lost)s; median start "
          "%(median_start_s).2fs, first cell %(median_first_cell_s).2fs, RSS %(median_rss_mb).0f MB"
          % summary, flush=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"summary": summary, "starts": results}, f, indent=1)
    return 0 if summary["ok"] == summary["starts"] else 1


if __name__ == "__main__":
    sys.exit(main())
