#!/usr/bin/env bash
# Installs what melkit needs on a Debian machine, idempotently:
#   - system tools from apt: ffmpeg/ffprobe (decoding MP3/MP4/AAC/FLAC/Ogg), sox and espeak-ng
#     (test fixtures), python3-venv (for the librosa reference environment);
#   - with --python: the project's virtualenv (.venv/, or $MELKIT_VENV) with librosa 0.11.0
#     (reference fixtures, the conformance kit) from the machine's own pip index;
#   - with --bench: the same venv plus joblib, matplotlib and torch (CPU) for environment/bench.sh.
# Nothing is downloaded at run time by melkit itself.
set -euo pipefail
want_python=0
want_bench=0
for a in "$@"; do
  case "$a" in
    --python) want_python=1 ;;
    --bench) want_bench=1 ;;
    *) echo "usage: $0 [--python] [--bench]" >&2; exit 2 ;;
  esac
done

need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v sox >/dev/null 2>&1 || need+=(sox)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v mvn >/dev/null 2>&1 || need+=(maven)
if [ "$want_python" = 1 ] || [ "$want_bench" = 1 ]; then
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
fi
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
MELKIT_VENV=${MELKIT_VENV:-$(cd "$(dirname "$0")/.." && pwd)/.venv}
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

if [ "$want_python" = 1 ]; then
  venv_install 'import librosa, soxr, sklearn; assert librosa.__version__ == "0.11.0"' \
    librosa==0.11.0 soxr scipy numpy scikit-learn
  echo "[setup] librosa environment: $MELKIT_VENV"
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
