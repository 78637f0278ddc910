#!/usr/bin/env bash
# Builds every demo dataset under datasets/build/ (git-ignored); safe to run again.
#
#   bash datasets/build.sh            # all: languages music meld-mini emotion-mini
#   bash datasets/build.sh music      # just one (or several) by name
#
# Each dataset is rebuilt only when its recipe changed: datasets/build/NAME/.stamp holds a hash of
# the builder scripts and of the versions of what they use (the Debian/npm package, espeak-ng,
# ffmpeg, sox). A dataset is built under a temporary name and renamed into place, so an
# interrupted build never leaves a half-made folder that looks complete. Builds are
# deterministic: the same tool versions give byte-identical files.
#
# What it installs when missing (set-up time, never at notebook run time):
#   - Debian: ffmpeg, sox, espeak-ng, ktuberling-data (GPL-2+ recordings, so never committed);
#   - npm: supersonic-scsynth-samples (CC0) into datasets/build/.npm (git-ignored).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${MELKIT_DATASETS_OUT:-$HERE/build}
MUSIC_PKG=supersonic-scsynth-samples@0.84.2
ALL=(languages music meld-mini emotion-mini)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=("${ALL[@]}")
for n in "${names[@]}"; do
  case " ${ALL[*]} " in *" $n "*) ;; *) echo "usage: $0 [${ALL[*]}]" >&2; exit 2 ;; esac
done
export LC_ALL=C.UTF-8
PY=$(command -v python3)

# --- system packages
need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v sox >/dev/null 2>&1 || need+=(sox)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
[ -d /usr/share/ktuberling/sounds/en ] || need+=(ktuberling-data)
if [ ${#need[@]} -gt 0 ]; then
  echo "[datasets] apt-get install ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
mkdir -p "$OUT"

# --- npm package (only when the music dataset is wanted)
samples="$OUT/.npm/node_modules/supersonic-scsynth-samples/samples"
if [[ " ${names[*]} " == *" music "* ]] && [ ! -f "$OUT/.npm/.installed-$MUSIC_PKG" ]; then
  command -v npm >/dev/null 2>&1 || { echo "[datasets] npm is needed for the music dataset (apt-get install npm)" >&2; exit 1; }
  echo "[datasets] npm install $MUSIC_PKG into $OUT/.npm"
  npm install --silent --no-audit --no-fund --no-save --prefix "$OUT/.npm" "$MUSIC_PKG" >/dev/null
  touch "$OUT/.npm/.installed-$MUSIC_PKG"
fi
export MELKIT_MUSIC_SAMPLES="$samples"

versions() {   # what a dataset's bytes depend on besides its scripts
  case "$1" in
    languages) dpkg-query -W -f='${Version}' ktuberling-data 2>/dev/null || echo unknown ;;
    music) echo "$MUSIC_PKG" ;;
    meld-mini|emotion-mini)
      espeak-ng --version | head -n1; ffmpeg -version | head -n1; sox --version 2>&1 | head -n1 ;;
  esac
}

since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
script_of() { echo "$HERE/make_${1//-/_}.py"; }

total_start=$(date +%s.%N)
for n in "${names[@]}"; do
  script=$(script_of "$n")
  key=$( { cat "$script" "$HERE/_common.py"; versions "$n"; } | sha256sum | cut -c1-16)
  if [ -f "$OUT/$n/.stamp" ] && [ "$(cat "$OUT/$n/.stamp")" = "$key" ]; then
    echo "[datasets] $n: up to date ($OUT/$n)"
    continue
  fi
  start=$(date +%s.%N)
  tmp="$OUT/.$n.tmp"
  rm -rf "$tmp"
  "$PY" "$script" "$tmp"
  echo "$key" > "$tmp/.stamp"
  rm -rf "$OUT/$n"
  mv "$tmp" "$OUT/$n"
  files=$(find "$OUT/$n" -type f ! -name '.stamp' | wc -l)
  size=$(du -sh "$OUT/$n" | cut -f1)
  printf '[datasets] %s: built in %s s, %d files, %s (%s)\n' "$n" "$(since "$start")" \
    "$files" "$size" "$OUT/$n"
done
echo "[datasets] done in $(since "$total_start") s"
