#!/usr/bin/env bash
# The main job: build every jar, set up (tools, JupyterLab and the Java kernel), make some real
# audio (speech by espeak-ng) and the demo datasets, run melkit on them (features as .npy, a
# broken file, validate, EDA, extract, MELD), the speed benchmark, and then execute every
# tutorial in notebooks/ top to bottom in the Java kernel into build/reports/ (.ipynb + .html).
set -euo pipefail
cd "$(dirname "$0")/.."
bash environment/setup.sh
export LC_ALL=${LC_ALL:-C.UTF-8}
mvn -B -ntp -q package -DskipTests
JAR=toolkit/target/melkit.jar
OUT=${MELKIT_DEMO_OUT:-build/demo}
mkdir -p "$OUT/audio" "$OUT/features"

echo "== audio"
espeak-ng -v en-us -s 150 -w "$OUT/audio/hello.wav" "melkit turns raw audio into model ready datasets"
ffmpeg -nostdin -loglevel error -y -i "$OUT/audio/hello.wav" -ar 44100 -ac 2 "$OUT/audio/hello_stereo.flac"
ffmpeg -nostdin -loglevel error -y -i "$OUT/audio/hello.wav" -b:a 96k "$OUT/audio/hello.mp3"
ls -l "$OUT/audio"

echo "== features (librosa 0.11 semantics)"
for f in "$OUT"/audio/*; do
  b=$(basename "${f%.*}")_$(echo "${f##*.}")
  java -jar $JAR feature load --input "$f" --output "$OUT/features/$b.load.npy" --sr 22050
  java -jar $JAR feature melspectrogram --input "$f" --output "$OUT/features/$b.mel.npy" --sr 22050 --n-mels 128
  java -jar $JAR feature mfcc --input "$f" --output "$OUT/features/$b.mfcc.npy" --sr 22050 --n-mfcc 13
  java -jar $JAR feature trim --input "$f" --output "$OUT/features/$b.trim.npy" --sr 22050 --top-db 30
done
python3 - "$OUT/features" <<'PY' 2>/dev/null || ls -l "$OUT/features"
import sys, os
try:
    import numpy as np
except ImportError:
    raise SystemExit(1)
d = sys.argv[1]
for f in sorted(os.listdir(d)):
    a = np.load(os.path.join(d, f))
    print("%-34s %-8s %-14s min %10.4f max %10.4f" % (f, a.dtype, a.shape, a.min(), a.max()))
PY

echo "== bad input gives a clear error"
printf 'not audio' > "$OUT/audio/broken.wav"
java -jar $JAR feature load --input "$OUT/audio/broken.wav" --output "$OUT/features/broken.npy" || echo "(exit $?, no file written)"
rm -f "$OUT/audio/broken.wav"

echo "== a tiny class-folder dataset: validate, EDA, mel features"
DS="$OUT/dataset"; rm -rf "$DS" "$OUT/features-ds"; mkdir -p "$DS/yes" "$DS/no"
i=0
for v in en-us en-gb en-sc de fr es; do
  i=$((i + 1))
  espeak-ng -v "$v" -s $((130 + 10 * i)) -w "$DS/yes/yes_$v.wav" "yes"
  espeak-ng -v "$v" -s $((130 + 10 * i)) -w "$DS/no/no_$v.wav" "no"
done
cp "$DS/yes/yes_en-us.wav" "$DS/yes/yes_en-us_copy.wav"   # sorts after the original: validate flags the copy
java -jar $JAR validate --input "$DS" --output "$OUT/validate.csv"
cat "$OUT/validate.csv"
java -jar $JAR eda --input "$DS" --output "$OUT/eda.csv" | head -n 20
java -jar $JAR extract --input "$DS" --output "$OUT/features-ds" --sr 16000 --frames 64 --jobs 2
head -n 5 "$OUT/features-ds/metadata.csv"

echo "== demo datasets (datasets/README.md): languages, music, meld-mini, emotion-mini"
bash datasets/build.sh
java -jar $JAR meld --root datasets/build/meld-mini/MELD.Raw --output "$OUT/meld-mini" --jobs 2 --no-progress \
  || echo "(exit $?: meld-mini holds a corrupt, a missing and a silent clip on purpose)"

echo "== speed"
java -jar $JAR bench --clips ${MELKIT_BENCH_CLIPS:-1000}

echo "== tutorials: every notebook top to bottom in the Java kernel (build/reports/)"
bash environment/notebooks.sh
