#!/usr/bin/env python3
"""Start the melkit kernel N times through a real Jupyter server, as JupyterLab does.

Runs `jupyter server` on 127.0.0.1 (a free port, a random token), then N times: start a kernel
"melkit" with the REST API, connect a websocket to its channels (the server first sends ONE
kernel_info_request and waits up to 60 s for the reply), send a kernel_info_request and wait
for its reply (JupyterLab does the same before it runs code), run `Audio.load` of a real recording,
and delete the kernel. Prints the time from the start request to the cell's result, and counts
the server's "Timeout waiting for kernel_info reply" (a dropped first request: a minute's wait
in JupyterLab). Exits 1 when a start failed.

    .venv/bin/python environment/jupyterlab_starts.py [--starts 10] [--without-fix]
"""
import argparse
import asyncio
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

CODE = ('org.melkit.audio.Audio.load(java.nio.file.Path.of("/usr/share/sounds/alsa/Front_Center.wav"))'
        '.sampleRate()')
EXPECT = "22050"


def plain_spec_dir():
    """A data dir whose kernelspec "melkit" (found before the installed one) runs the kernel jar
    alone, without melkit's LoopThread."""
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec("melkit")
    argv = list(spec.argv)
    i = argv.index("-cp") + 1
    argv[i] = os.pathsep.join(p for p in argv[i].split(os.pathsep)
                              if not p.endswith("melkit-kernel-start-fix.jar"))
    d = tempfile.mkdtemp(prefix="melkit-plain-kernel-")
    os.makedirs(os.path.join(d, "kernels", "melkit"))
    with open(os.path.join(d, "kernels", "melkit", "kernel.json"), "w") as f:
        json.dump({"argv": argv, "display_name": "Java (rapaio alone)", "language": "java",
                   "interrupt_mode": spec.interrupt_mode, "env": dict(spec.env)}, f)
    return d


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def one_start(base, headers, timeout, on_failure):
    http = AsyncHTTPClient()
    t0 = time.monotonic()
    r = await http.fetch(HTTPRequest(f"http://{base}/api/kernels", method="POST", headers=headers,
                                     body=json.dumps({"name": "melkit"})))
    kid = json.loads(r.body)["id"]
    try:
        ws = await websocket_connect(HTTPRequest(
            f"ws://{base}/api/kernels/{kid}/channels?session_id={uuid.uuid4()}", headers=headers,
            connect_timeout=timeout, request_timeout=timeout))
        session = uuid.uuid4().hex

        def send(msg_type, content):
            msg_id = uuid.uuid4().hex
            ws.write_message(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": msg_type, "username": "probe",
                           "session": session, "version": "5.3", "date": ""},
                "parent_header": {}, "metadata": {}, "channel": "shell", "content": content}))
            return msg_id

        # like JupyterLab: a kernel_info_request first, and code only after its reply
        info_id = send("kernel_info_request", {})
        while True:
            m = json.loads(await asyncio.wait_for(ws.read_message(), timeout))
            if (m.get("parent_header", {}).get("msg_id") == info_id
                    and m["msg_type"] == "kernel_info_reply"):
                break
        msg_id = send("execute_request", {"code": CODE, "silent": False, "store_history": True,
                                          "user_expressions": {}, "allow_stdin": False})
        result, seen = None, []
        while True:
            m = json.loads(await asyncio.wait_for(ws.read_message(), timeout))
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            seen.append(m["msg_type"])
            if m["msg_type"] == "execute_result" and EXPECT in json.dumps(m["content"]["data"]):
                result = time.monotonic() - t0
            if m["msg_type"] == "error":
                seen.append("%s: %s" % (m["content"].get("ename"), m["content"].get("evalue")))
            if m["msg_type"] == "execute_reply":
                ws.close()
                if m["content"]["status"] == "ok" and result is not None:
                    return result
                raise RuntimeError("no result %s; messages: %s" % (EXPECT, ", ".join(seen)))
    except Exception:
        on_failure()  # before the kernel is deleted
        raise
    finally:
        await http.fetch(HTTPRequest(f"http://{base}/api/kernels/{kid}", method="DELETE",
                                     headers=headers), raise_error=False)


def dump_kernels(server_pid, log_dir, n):
    """jstack of every kernel JVM the server runs, into log_dir (the failed start's evidence)."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if ppid == server_pid and argv and argv[0].endswith(b"/java"):
            jstack = os.path.join(os.path.dirname(argv[0].decode()), "jstack")
            out = os.path.join(log_dir, "start-%02d-jstack-%s.txt" % (n, pid))
            with open(out, "w") as f:
                subprocess.run([jstack, pid], stdout=f, stderr=f, timeout=60)
            print("  thread dump: %s" % out, flush=True)


async def run(base, headers, starts, timeout, server_pid, log_dir):
    times = []
    for n in range(1, starts + 1):
        try:
            t = await one_start(base, headers, timeout,
                                lambda: dump_kernels(server_pid, log_dir, n))
        except Exception as e:  # a failed start is a result here, not a crash
            t = None
            print("start %2d: failed: %r" % (n, e), flush=True)
        else:
            print("start %2d: %s" % (n, "result after %.1fs" % t if t else "failed"), flush=True)
        times.append(t)
    return times


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--starts", type=int, default=10)
    ap.add_argument("--timeout", type=int, default=120, help="seconds per start")
    ap.add_argument("--without-fix", action="store_true",
                    help="a copy of the kernelspec without melkit's LoopThread (the kernel jar alone)")
    a = ap.parse_args()
    port, token = free_port(), secrets.token_hex(16)
    log_path = os.path.join(tempfile.mkdtemp(prefix="melkit-jupyter-server-"), "server.log")
    cmd = [os.path.join(os.path.dirname(sys.executable), "jupyter"), "server", "--no-browser",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           f"--IdentityProvider.token={token}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    env = dict(os.environ)
    if a.without_fix:
        env["JUPYTER_PATH"] = plain_spec_dir()
    with open(log_path, "w") as log:
        server = subprocess.Popen(cmd, stdout=log, stderr=log, env=env)
    try:
        base, headers = f"127.0.0.1:{port}", {"Authorization": "token " + token}
        for _ in range(120):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(1)
        times = asyncio.run(run(base, headers, a.starts, a.timeout, server.pid,
                                os.path.dirname(log_path)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    with open(log_path, errors="replace") as f:
        text = f.read()
    dropped = text.count("Timeout waiting for kernel_info reply")
    ok = [t for t in times if t is not None]
    print("== %d starts through jupyter server: %d gave the cell's result, median %.1fs, "
          "slowest %.1fs; first kernel_info_request dropped (server waited 60 s) in %d "
          "(server log: %s)" % (len(times), len(ok), statistics.median(ok) if ok else float("nan"),
                                max(ok) if ok else float("nan"), dropped, log_path))
    return 0 if len(ok) == len(times) and dropped == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
