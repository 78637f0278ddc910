#!/usr/bin/env bash
# melkit beside librosa 0.11 (and torch), end to end, from one run on this machine:
#   W1  1000 x 3 s 16 kHz clips in memory -> mel (n_fft 2048, hop 375, 128 mels) -> dB(ref=max)
#   W2  200 WAV 44.1 kHz stereo 16-bit 5 s in 4 classes -> `melkit extract --sr 22050`
#       vs librosa load(soxr_hq) + mel + dB + np.save (one process; joblib 2 workers)
#   W3  300 MP4/AAC ~3 s in a MELD tree -> `melkit meld` vs librosa.load per file
#   cold `melkit feature melspectrogram` of one 3 s WAV in a fresh process vs `python -c` librosa,
#       and a bare `java -version`; peak RSS of every run (W2's is the memory comparison)
# Interleaved rounds (3; BENCH_ROUNDS=N), outputs compared (max and per-mel-band difference),
# one table printed and written to build/reports/bench.md, a bar chart of the ratios to
# build/reports/bench.png. BENCH_QUICK=1: small workloads, one round (a smoke test);
# BENCH_ONLY=w1,w2,w3,cold picks workloads. Not part of CI (it takes ~10 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
bash environment/setup.sh --bench
MELKIT_VENV=${MELKIT_VENV:-$PWD/.venv}
if [ -z "${MELKIT:-}" ] || [ ! -f toolkit/target/melkit.jar ]; then
  mvn -B -ntp -q -o package -DskipTests 2>/dev/null || mvn -B -ntp -q package -DskipTests
fi
exec "$MELKIT_VENV/bin/python" environment/bench.py
