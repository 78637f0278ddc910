#!/usr/bin/env python3
"""Execute every notebook in the real melkit Java kernel and write the reports.

For each notebooks/*.ipynb (sorted; or the ones named on the command line) this runs every cell
top to bottom with nbclient in the kernelspec "melkit" (environment/setup.sh installs it), with
the notebook's folder as the working directory, and writes build/reports/NAME.ipynb (executed)
and build/reports/NAME.html. It prints each notebook's time and fails (exit 1) when:
  - a cell raises an error (the notebook's report is still written, to see where),
  - a notebook produced no image (every tutorial shows at least one image/png output),
  - the kernel never answered, after the retries.
Only a kernel that never answered (it hung or died before its first kernel_info_reply) is
started again; the number of such retries is printed. A cell error is never retried.

    .venv/bin/python environment/run_notebooks.py [--out build/reports] [NOTEBOOK.ipynb ...]
"""
import argparse
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter

ROOT = pathlib.Path(__file__).resolve().parent.parent


class KernelNeverAnswered(Exception):
    pass


def execute(path, kernel, cell_timeout, startup_timeout, kernel_log):
    """Runs one notebook once; returns (notebook node, seconds to the kernel's first answer,
    kernel RSS in MB after the last cell)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=cell_timeout,
                            startup_timeout=startup_timeout, allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.reset_execution_trackers()
    t0 = time.monotonic()
    answered = False
    with open(kernel_log, "a") as log:
        try:
            with client.setup_kernel(stdout=log, stderr=log):
                answered = True
                started = time.monotonic() - t0
                info = client.wait_for_reply(client.kc.kernel_info())
                nb.metadata["language_info"] = info["content"]["language_info"]
                try:
                    for index, cell in enumerate(nb.cells):
                        client.execute_cell(cell, index,
                                            execution_count=client.code_cells_executed + 1)
                except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
                    e.notebook = nb
                    raise
                rss = kernel_rss_mb(client)
        except (RuntimeError, DeadKernelError, TimeoutError) as e:
            if answered:
                raise
            raise KernelNeverAnswered(str(e)) from e
    return nb, started, rss


def kernel_rss_mb(client):
    """The kernel process's resident memory after the last cell, in MB (None if unknown)."""
    pid = getattr(getattr(client.km, "provisioner", None), "pid", None)
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, TypeError):
        return None
    return None


def images(nb):
    return sum(1 for c in nb.cells if c.cell_type == "code"
               for o in c.get("outputs", []) if "image/png" in o.get("data", {}))


def write_reports(nb, out, stem):
    nbformat.write(nb, out / (stem + ".ipynb"))
    body, _ = HTMLExporter().from_notebook_node(nb)
    (out / (stem + ".html")).write_text(body, encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", type=pathlib.Path)
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "reports")
    ap.add_argument("--kernel", default="melkit")
    ap.add_argument("--cell-timeout", type=int, default=1200, help="seconds per cell")
    ap.add_argument("--startup-timeout", type=int, default=90,
                    help="seconds to wait for the kernel's first answer")
    ap.add_argument("--retries", type=int, default=2,
                    help="new starts for a kernel that never answered (never for cell errors)")
    a = ap.parse_args()

    paths = a.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    paths = [p.resolve() for p in paths]
    if not paths:
        print("no notebooks found under notebooks/", file=sys.stderr)
        return 1
    a.out.mkdir(parents=True, exist_ok=True)
    passed, failed, retries = [], [], 0
    t_all = time.monotonic()
    for path in paths:
        stem = path.stem
        kernel_log = a.out / (stem + ".kernel.log")
        kernel_log.write_text("")
        t0 = time.monotonic()
        problem, nb, started, rss = None, None, None, None
        for attempt in range(a.retries + 1):
            try:
                nb, started, rss = execute(path, a.kernel, a.cell_timeout, a.startup_timeout,
                                           kernel_log)
                break
            except KernelNeverAnswered as e:
                if attempt < a.retries:
                    retries += 1
                    print("  %s: the kernel never answered (%s); starting it again" % (stem, e),
                          flush=True)
                else:
                    problem = "the kernel never answered in %d starts: %s" % (a.retries + 1, e)
            except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
                nb = getattr(e, "notebook", None)
                problem = "cell failed:\n%s" % e
                break
        seconds = time.monotonic() - t0
        if nb is not None:
            write_reports(nb, a.out, stem)
        n_images = images(nb) if nb is not None and problem is None else 0
        if problem is None and n_images == 0:
            problem = "produced no image (no image/png output in any cell)"
        if problem is None:
            passed.append(stem)
            cells = sum(1 for c in nb.cells if c.cell_type == "code")
            print("%-40s %7.1fs  ok: %d code cells, %d images, kernel answered in %.1fs, "
                  "kernel RSS %s" % (path.name, seconds, cells, n_images, started,
                                     "%.0f MB" % rss if rss else "unknown"), flush=True)
        else:
            failed.append(stem)
            print("%-40s %7.1fs  FAILED: %s" % (path.name, seconds, problem), flush=True)
            print("  kernel log: %s" % kernel_log, flush=True)
    print("reports in %s; kernel restarts after no answer: %d; total %.1fs"
          % (a.out, retries, time.monotonic() - t_all))
    print("notebooks: %d passed, %d failed" % (len(passed), len(failed)))
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
