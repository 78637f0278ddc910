#!/usr/bin/env bash
# Installs what melkit and its notebooks need on a Debian machine. Safe to run again: each step
# checks first and is quick when everything is in place.
#   - Debian packages: ffmpeg/ffprobe (decoding MP3/MP4/AAC/FLAC/Ogg), sox and espeak-ng (test
#     fixtures, demo speech), maven, python3-venv, and the sound packages the demo datasets
#     arrange (ktuberling-data, alsa-utils, sound-icons);
#   - the project's Python environment .venv/ (project root, git-ignored; or $MELKIT_VENV) with
#     JupyterLab, nbclient and nbconvert from the machine's own pip index;
#   - the Java kernel: rapaio-jupyter-kernel from Maven Central plus melkit's fix for its start
#     races (module jupyter-kernel/), installed as the kernelspec "melkit" ("Java (melkit)") in
#     .venv/share/jupyter/kernels/melkit/, running on the pinned JDK ($MELKIT_KERNEL_JAVA, else
#     $JAVA_HOME's, else the java on PATH) with toolkit/target/melkit.jar itself on the kernel's
#     class path;
#   - with --python: librosa 0.11.0 in the same venv (reference fixtures, the conformance kit);
#   - with --bench: the same venv plus joblib, matplotlib and torch (CPU) for environment/bench.sh;
#   - with --parquet: the same venv plus pandas and pyarrow for environment/parquet_check.py.
# Nothing is downloaded at run time by melkit itself.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
want_python=0
want_bench=0
want_parquet=0
for a in "$@"; do
  case "$a" in
    --python) want_python=1 ;;
    --bench) want_bench=1 ;;
    --parquet) want_parquet=1 ;;
    *) echo "usage: $0 [--python] [--bench] [--parquet]" >&2; exit 2 ;;
  esac
done

need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v sox >/dev/null 2>&1 || need+=(sox)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v mvn >/dev/null 2>&1 || need+=(maven)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
# data-only packages (no command to look for): ask dpkg
for pkg in ktuberling-data alsa-utils sound-icons; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "[setup] apt-get install ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# venv_install CHECK PACKAGE...: makes sure the project's Python environment ($MELKIT_VENV,
# default .venv/ in the project root, git-ignored) exists and that python -c CHECK succeeds in it,
# else pip-installs PACKAGE... into it. pip uses the machine's own indexes (from `pip config
# list`), the first as --index-url, so pip never waits on an unreachable default index.
# Every caller (librosa reference, benchmark, JupyterLab) shares this one venv.
MELKIT_VENV=${MELKIT_VENV:-$ROOT/.venv}
venv_install() {
  local check=$1; shift
  if [ -x "$MELKIT_VENV/bin/python" ] && "$MELKIT_VENV/bin/python" -c "$check" >/dev/null 2>&1; then
    return 0
  fi
  [ -x "$MELKIT_VENV/bin/python" ] || { echo "[setup] creating $MELKIT_VENV"; python3 -m venv "$MELKIT_VENV"; }
  local idx first extra args=()
  idx=$(pip config list 2>/dev/null | sed -n "s/^global.extra-index-url='\(.*\)'$/\1/p" | head -n1)
  if [ -n "$idx" ]; then
    first=${idx%% *}; args+=(--index-url "$first")
    for extra in ${idx#"$first"}; do args+=(--extra-index-url "$extra"); done
  fi
  echo "[setup] pip install $* into $MELKIT_VENV"
  # pip warns about every package absent from an extra index: keep its errors, drop those lines
  "$MELKIT_VENV/bin/pip" install -q "${args[@]}" "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}

# JupyterLab for people, nbclient/nbconvert for environment/notebooks.sh and CI
venv_install 'import jupyterlab, nbclient, nbconvert, jupyter_client' \
  jupyterlab nbclient nbconvert jupyter_client

if [ "$want_python" = 1 ]; then
  venv_install 'import librosa, soxr, sklearn; assert librosa.__version__ == "0.11.0"' \
    librosa==0.11.0 soxr scipy numpy scikit-learn
  echo "[setup] librosa environment: $MELKIT_VENV"
fi
if [ "$want_parquet" = 1 ]; then
  venv_install 'import pandas, pyarrow, numpy' pandas pyarrow numpy
  echo "[setup] pandas and pyarrow: $MELKIT_VENV"
fi
if [ "$want_bench" = 1 ]; then
  # the benchmark's reference side: librosa 0.11.0 with soxr, joblib for 2 workers, matplotlib
  # for the chart, and torch (CPU) where the machine's index has it
  venv_install 'import librosa, soxr, joblib, matplotlib; assert librosa.__version__ == "0.11.0"' \
    librosa==0.11.0 soxr joblib scipy numpy matplotlib
  venv_install 'import torch' 'torch==2.13.0+cpu' \
    || venv_install 'import torch' torch \
    || echo "[setup] torch is not installable from this machine's index: the benchmark skips its torch column"
  echo "[setup] benchmark environment: $MELKIT_VENV"
fi

# ---- the Java kernel -------------------------------------------------------------------------
# jupyter-kernel/ builds melkit's LoopThread (the start-race fix) and copies the kernel jar from
# Maven Central (version pinned in the root pom) beside it; rebuilt only when its sources change.
KDIR=$ROOT/jupyter-kernel/target/kernel
FIX=$KDIR/melkit-kernel-start-fix.jar
if [ ! -f "$FIX" ] || ! ls "$KDIR"/rapaio-jupyter-kernel-*.jar >/dev/null 2>&1 \
   || [ -n "$(find "$ROOT/jupyter-kernel/src/main" "$ROOT/jupyter-kernel/pom.xml" "$ROOT/pom.xml" -newer "$FIX" -type f 2>/dev/null)" ]; then
  echo "[setup] building the Java kernel (jupyter-kernel/)"
  (cd "$ROOT" && mvn -B -ntp -q -pl jupyter-kernel package -DskipTests)
fi

SPEC=$MELKIT_VENV/share/jupyter/kernels/melkit
mkdir -p "$SPEC"
for j in "$KDIR"/*.jar; do
  cmp -s "$j" "$SPEC/$(basename "$j")" || cp "$j" "$SPEC/"
done
# drop jars a previous kernel version left behind
for j in "$SPEC"/*.jar; do
  [ -f "$KDIR/$(basename "$j")" ] || rm -f "$j"
done

if [ -n "${MELKIT_KERNEL_JAVA:-}" ]; then
  KJAVA=$MELKIT_KERNEL_JAVA
elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  KJAVA=$JAVA_HOME/bin/java
else
  KJAVA=$(readlink -f "$(command -v java)")
fi
"$KJAVA" -version >/dev/null 2>&1 || { echo "[setup] kernel JDK $KJAVA does not run" >&2; exit 1; }

# The kernelspec: the fix jar ahead of the kernel jar; melkit.jar (and the deeplearning4j
# module's jar, which a notebook uses only when it trains a model) on the cells' class path
# through RJK_CLASSPATH, whose entries are separated by ';' on every OS. The jars are referenced
# where the build writes them, so a rebuild is what the next kernel start sees.
# OMP_NUM_THREADS=1: ND4J's OpenMP workers buy nothing for the tutorial's small CNN and, on a busy
# 2-core machine, made a 6-epoch run 10x slower (SpectrogramCnn's Javadoc).
"$MELKIT_VENV/bin/python" - "$SPEC" "$KJAVA" "$ROOT" <<'PY'
import glob, json, os, sys
spec, java, root = sys.argv[1:]
fix = os.path.join(spec, "melkit-kernel-start-fix.jar")
kernel = sorted(glob.glob(os.path.join(spec, "rapaio-jupyter-kernel-*.jar")))[-1]
cells = [os.path.join(root, "toolkit", "target", "melkit.jar"),
         os.path.join(root, "dl4j", "target", "melkit-dl4j.jar")]
doc = {
    "argv": [java, "-Djava.awt.headless=true", "-cp", fix + os.pathsep + kernel,
             "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
    "display_name": "Java (melkit)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"RJK_CLASSPATH": ";".join(cells), "OMP_NUM_THREADS": "1"},
    "metadata": {"melkit": "written by environment/setup.sh; run it again to refresh"},
}
path = os.path.join(spec, "kernel.json")
text = json.dumps(doc, indent=2) + "\n"
old = open(path).read() if os.path.exists(path) else None
if old != text:
    with open(path, "w") as f:
        f.write(text)
    print(f"[setup] kernelspec melkit -> {path} (JDK {java})")
PY
