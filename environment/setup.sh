#!/usr/bin/env bash
# Installs what melkit needs on a Debian machine, idempotently:
#   - system tools from apt: ffmpeg/ffprobe (decoding MP3/MP4/AAC/FLAC/Ogg), sox and espeak-ng
#     (test fixtures), python3-venv (for the librosa reference environment);
#   - with --python: a virtualenv with librosa 0.11.0 (reference fixtures, benchmarks, the
#     conformance kit) from the machine's own pip index, at $MELKIT_VENV.
# Nothing is downloaded at run time by melkit itself.
set -euo pipefail
want_python=0
for a in "$@"; do
  case "$a" in
    --python) want_python=1 ;;
    *) echo "usage: $0 [--python]" >&2; exit 2 ;;
  esac
done

need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v sox >/dev/null 2>&1 || need+=(sox)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v mvn >/dev/null 2>&1 || need+=(maven)
if [ "$want_python" = 1 ]; then
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "[setup] apt-get install ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ "$want_python" = 1 ]; then
  MELKIT_VENV=${MELKIT_VENV:-$HOME/.cache/melkit/venv}
  if ! "$MELKIT_VENV/bin/python" -c 'import librosa, soxr, sklearn; assert librosa.__version__ == "0.11.0"' >/dev/null 2>&1; then
    echo "[setup] creating $MELKIT_VENV with librosa 0.11.0"
    python3 -m venv "$MELKIT_VENV"
    # the machine's pip index is configured as an *extra* index; pass it as the index so pip
    # never waits on an unreachable default index
    idx=$(pip config list 2>/dev/null | sed -n "s/^global.extra-index-url='\(.*\)'$/\1/p" | head -n1)
    args=()
    if [ -n "$idx" ]; then
      first=${idx%% *}; args+=(--index-url "$first")
      for extra in ${idx#"$first"}; do args+=(--extra-index-url "$extra"); done
    fi
    "$MELKIT_VENV/bin/pip" install -q "${args[@]}" librosa==0.11.0 soxr scipy numpy scikit-learn
  fi
  echo "[setup] librosa environment: $MELKIT_VENV"
fi
