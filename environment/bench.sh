#!/usr/bin/env bash
# Speed of melkit's core workload beside librosa's, from the same run on the same machine:
# 1000 mono 16 kHz clips of 3 s -> melspectrogram(n_fft 2048, hop 375, 128 mels) -> power_to_db(ref=max).
set -euo pipefail
cd "$(dirname "$0")/.."
bash environment/setup.sh --python
MELKIT_VENV=${MELKIT_VENV:-$HOME/.cache/melkit/venv}
CLIPS=${CLIPS:-1000}
mvn -B -ntp -q package -DskipTests
echo "== $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
NUMBA_CACHE_DIR=${TMPDIR:-/tmp}/melkit-numba "$MELKIT_VENV/bin/python" environment/bench_librosa.py --clips "$CLIPS"
java -jar toolkit/target/melkit.jar bench --clips "$CLIPS" --threads 1,2
