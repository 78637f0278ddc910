#!/usr/bin/env bash
# A Spark standalone cluster on this machine (a master and two workers on 127.0.0.1, from the
# Spark jars the build fetched: nothing is downloaded), melkit's extract submitted to it with
# spark-submit's main class, one worker and its executor killed mid-run, and the output compared
# byte for byte with `melkit extract` on the same input. Prints each step's time.
#   bash environment/spark-cluster.sh [--hdfs] [N_FILES]    (default 240 three-second WAVs)
# With --hdfs, input and output are on a real HDFS started beside the cluster (environment/hdfs.sh):
# the executors read and write hdfs:// and the output is fetched to compare it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
hdfs=
if [ "${1:-}" = "--hdfs" ]; then hdfs=1; shift; fi
n=${1:-240}
work=${MELKIT_CLUSTER_DIR:-$root/build/spark-cluster}
t0=$(date +%s.%N)
say() { printf "[cluster %6.1fs] %s\n" "$(awk -v a="$(date +%s.%N)" -v b="$t0" "BEGIN{print a-b}")" "$*"; }

if [ ! -f spark/target/melkit-spark.jar ] || [ ! -f spark/target/spark-classpath.txt ] || [ ! -f toolkit/target/melkit.jar ]; then
  say "building"
  mvn -B -ntp -q package -DskipTests -pl toolkit,spark -am
fi

# Spark's launcher finds its jars through SPARK_HOME (RELEASE + jars/): link the build's jars there.
home=$work/spark-home
rm -rf "$home"; mkdir -p "$home/jars" "$work"
tr ':' '\n' < spark/target/spark-classpath.txt | while read -r j; do ln -sf "$j" "$home/jars/"; done
echo "melkit: Spark jars from the Maven build" > "$home/RELEASE"
export SPARK_HOME=$home SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR=$work/logs SPARK_WORKER_DIR=$work/worker
mkdir -p "$SPARK_LOG_DIR" "$SPARK_WORKER_DIR"
opens=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' pom.xml)
cp="$home/jars/*"

in=$work/input; out_cli=$work/out-cli; out_spark=$work/out-spark
if [ ! -f "$in/.complete-$n" ]; then
  say "making $n three-second WAVs in 4 classes (sox)"
  rm -rf "$in"; mkdir -p "$in"
  for i in $(seq 1 "$n"); do
    c=class$((i % 4)); mkdir -p "$in/$c"
    sox -n -r 22050 -b 16 "$in/$c/clip$(printf %05d "$i").wav" synth 3 sine $((200 + i)) sine $((1000 + 3 * i)) remix 1,2 gain -6
  done
  printf 'not audio' > "$in/class0/broken.wav"
  touch "$in/.complete-$n"
fi
rm -rf "$out_cli" "$out_spark"

pids=()
cleanup() {
  for p in "${pids[@]}"; do pkill -9 -P "$p" 2>/dev/null || true; kill -9 "$p" 2>/dev/null || true; done
  if [ -n "$hdfs" ]; then MELKIT_HDFS_DIR=$work/hdfs bash environment/hdfs.sh stop > /dev/null 2>&1 || true; fi
}
trap cleanup EXIT

src=$in; dst=$out_spark
count_done() { (find "$out_spark/features" -name '*.npy' 2>/dev/null || true) | wc -l; }
if [ -n "$hdfs" ]; then
  export MELKIT_HDFS_DIR=$work/hdfs
  say "starting HDFS (a NameNode and a DataNode on 127.0.0.1:19100) and copying the input to it"
  uri=$(bash environment/hdfs.sh start 19100)
  bash environment/hdfs.sh fs -put "$in" /input 2> "$work/logs/hdfs-put.log"
  src=$uri/input; dst=$uri/out-spark
  count_done() { bash environment/hdfs.sh fs -count /out-spark/features 2>/dev/null | awk '{print $2}' || echo 0; }
fi

say "starting the master and two workers (1 core, 1 GiB each) on 127.0.0.1"
# shellcheck disable=SC2086
java $opens -Xmx256m -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 17077 --webui-port 18080 \
  > "$work/logs/master.log" 2>&1 & pids+=($!)
for w in 1 2; do
  # shellcheck disable=SC2086
  java $opens -Xmx256m -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
    --webui-port $((18080 + w)) --work-dir "$SPARK_WORKER_DIR/w$w" spark://127.0.0.1:17077 > "$work/logs/worker$w.log" 2>&1 &
  pids+=($!); eval "worker$w=$!"
done
for _ in $(seq 1 120); do
  [ "$(grep -c 'Registering worker' "$work/logs/master.log" 2>/dev/null)" -ge 2 ] && break; sleep 0.5
done
say "cluster up: $(grep -c 'Registering worker' "$work/logs/master.log") workers registered"

say "submitting: extract --input $src --output $dst"
# shellcheck disable=SC2086
java $opens -Xmx512m -cp "$cp" org.apache.spark.deploy.SparkSubmit --master spark://127.0.0.1:17077 \
  --conf spark.executor.memory=768m --conf spark.ui.enabled=false --class org.melkit.spark.SparkMain \
  spark/target/melkit-spark.jar extract --input "$src" --output "$dst" > "$work/logs/submit.log" 2>&1 &
submit=$!
target=$((n / 5))
while kill -0 $submit 2>/dev/null; do
  done_n=$(count_done)
  [ "${done_n:-0}" -ge "$target" ] && break
  sleep 0.2
done
# shellcheck disable=SC2154
exec_pids=$(pgrep -P "$worker2" || true)
say "killing worker 2 (pid $worker2) and its executor (pid ${exec_pids:-none}) after $(count_done) of $n features"
for p in $exec_pids; do kill -9 "$p" 2>/dev/null || true; done
kill -9 "$worker2" 2>/dev/null || true
set +e; wait $submit; rc=$?; set -e
say "spark-submit exited $rc: $(tail -n 2 "$work/logs/submit.log" | tr '\n' ' ')"
grep -E "Lost executor|lost|Resubmitted|Removing executor" "$work/logs/submit.log" | head -n 3 || true

ignore=(-x manifest.json -x '.melkit.lock')
if [ -n "$hdfs" ]; then
  bash environment/hdfs.sh fs -get /out-spark "$out_spark" 2> "$work/logs/hdfs-get.log"
  say "fetched $dst to $out_spark"
  ignore+=(-x journal.jsonl) # its times are the HDFS copies' modification times, not the local files'
fi

say "the same extraction with the melkit CLI"
set +e; java -jar toolkit/target/melkit.jar extract --input "$in" --output "$out_cli" --jobs 2 > "$work/logs/cli.log" 2>&1; cli_rc=$?; set -e
say "melkit extract exited $cli_rc: $(tail -n 1 "$work/logs/cli.log")"
if [ -n "$hdfs" ]; then
  # a failure text quotes the file ffmpeg read: the CLI's local path is the Spark run's hdfs:// URI
  sed -i "s#file:$in/#$src/#g" "$out_cli/failures.csv"
fi
if diff -r "${ignore[@]}" "$out_cli" "$out_spark" > "$work/diff.txt"; then
  if [ -n "$hdfs" ]; then aside="failures.csv (journal and manifest aside)"; else aside="failures.csv and journal (manifest aside)"; fi
  say "IDENTICAL: every .npy, metadata.csv, labels.json, $aside matches the CLI's"
  [ "$rc" = "$cli_rc" ] && exit 0
  say "but the exit statuses differ (spark $rc, cli $cli_rc)"; exit 1
fi
say "DIFFERENT (see $work/diff.txt):"; head -n 20 "$work/diff.txt"; exit 1
