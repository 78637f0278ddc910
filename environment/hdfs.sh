#!/usr/bin/env bash
# A real HDFS on this machine, for trying melkit-spark's hdfs:// lines without a cluster: one
# NameNode and one DataNode (Hadoop's MiniHadoopClusterManager, from hadoop-client-minicluster
# 3.5.0: spark/'s test dependency and Spark 4.2.0's own Hadoop; nothing is downloaded) on
# 127.0.0.1, its storage, log and client configuration under build/hdfs/.
#   bash environment/hdfs.sh start [PORT]      start it in the background (default 19000); prints its URI
#   bash environment/hdfs.sh fs -put datasets/build/languages /languages     any `hadoop fs` command
#   bash environment/hdfs.sh fs -get /features build/features-from-hdfs
#   bash environment/hdfs.sh stop              stop it and delete its storage
# While it runs:
#   bash environment/spark.sh extract --input hdfs://127.0.0.1:19000/languages --output hdfs://127.0.0.1:19000/features
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${MELKIT_HDFS_DIR:-$root/build/hdfs}
cp_spark=$root/spark/target/spark-classpath.txt
cp_hdfs=$root/spark/target/hdfs-classpath.txt
if [ ! -f "$cp_spark" ] || [ ! -f "$cp_hdfs" ]; then
  echo "[hdfs] building spark/ for its class path" >&2
  (cd "$root" && mvn -B -ntp -q package -DskipTests -pl spark -am) >&2
fi
cp="$dir/conf:$(cat "$cp_spark"):$(cat "$cp_hdfs")"

case "${1:-}" in
  start)
    port=${2:-19000}
    if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "[hdfs] already running (pid $(cat "$dir/pid")): hdfs://127.0.0.1:$(cat "$dir/port")"; exit 0
    fi
    rm -rf "$dir"; mkdir -p "$dir/conf"
    echo "$port" > "$dir/port"
    nohup java -Xmx512m -Dtest.build.data="$dir/data" -cp "$cp" org.apache.hadoop.mapreduce.MiniHadoopClusterManager \
      -nomr -format -nnport "$port" -datanodes 1 -writeConfig "$dir/conf/core-site.xml" > "$dir/hdfs.log" 2>&1 &
    echo $! > "$dir/pid"
    for _ in $(seq 1 120); do
      if [ -s "$dir/conf/core-site.xml" ]; then
        echo "hdfs://127.0.0.1:$port"; exit 0
      fi
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || { echo "[hdfs] failed to start; see $dir/hdfs.log" >&2; tail -n 20 "$dir/hdfs.log" >&2; exit 1; }
      sleep 0.5
    done
    echo "[hdfs] not up after 60 s; see $dir/hdfs.log" >&2; exit 1 ;;
  fs)
    shift
    [ -f "$dir/port" ] || { echo "[hdfs] not started: bash environment/hdfs.sh start" >&2; exit 2; }
    exec java -cp "$cp" org.apache.hadoop.fs.FsShell -fs "hdfs://127.0.0.1:$(cat "$dir/port")" "$@" ;;
  stop)
    if [ -f "$dir/pid" ]; then
      pid=$(cat "$dir/pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done # its DataNode writes until it is gone
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -rf "$dir"; echo "[hdfs] stopped" ;;
  *)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
