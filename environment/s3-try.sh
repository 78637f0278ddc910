#!/usr/bin/env bash
# melkit-spark on s3a:// against a local S3 server, by hand (not part of CI): s3rver (npm) on
# 127.0.0.1, the s3a connector (hadoop-aws and the AWS SDK v2 modules it needs, from Maven Central
# at set-up time, never a build dependency) on environment/spark.sh's class path through
# MELKIT_SPARK_CLASSPATH, and the Hadoop settings in a core-site.xml through HADOOP_CONF_DIR. Then:
# upload datasets/build/languages and music, extract (folder layout and --format parquet) and
# summary from s3a:// to s3a://, download and compare with `melkit extract` / `melkit summary` on
# the local copies, a re-run (all reused), a second run while the first holds the output's lock,
# and a race of two create(overwrite=false) on S3A. Prints each step's time; stops the server.
#   bash environment/s3-try.sh
# Work files go to build/s3-try (MELKIT_S3_DIR); the server listens on MELKIT_S3_PORT (4569).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=${MELKIT_S3_DIR:-$root/build/s3-try}
port=${MELKIT_S3_PORT:-4569}
S3RVER_PKG=s3rver@3.7.1
t0=$(date +%s.%N)
say() { printf "[s3 %6.1fs] %s\n" "$(awk -v a="$(date +%s.%N)" -v b="$t0" "BEGIN{print a-b}")" "$*"; }
timed() { # timed LABEL LOG command...: runs it, prints its wall time and the log's last line
  local label=$1 log=$2 s e rc=0; shift 2
  s=$(date +%s.%N); "$@" > "$log" 2>&1 || rc=$?; e=$(date +%s.%N)
  say "$(printf '%-44s %5.1f s  exit %d  %s' "$label" "$(awk -v a="$e" -v b="$s" 'BEGIN{print a-b}')" "$rc" \
    "$(grep -v 'WARN\|INFO\|SLF4J\|log4j\|^\s*at ' "$log" | tail -1)")"
  return $rc
}
fail() { say "FAILED: $*"; exit 1; }

if [ ! -f spark/target/melkit-spark.jar ] || [ ! -f spark/target/spark-classpath.txt ] || [ ! -f toolkit/target/melkit.jar ]; then
  say "building"
  mvn -B -ntp -q package -DskipTests -pl toolkit,spark -am
fi
[ -d datasets/build/languages ] && [ -d datasets/build/music ] || bash datasets/build.sh languages music
mkdir -p "$work"

# --- set-up: the server (npm) and the connector (Maven Central), once
if [ ! -x "$work/npm/node_modules/.bin/s3rver" ]; then
  say "installing $S3RVER_PKG (npm) into $work/npm"
  npm install --prefix "$work/npm" --no-audit --no-fund --silent "$S3RVER_PKG"
fi
aws=$(sed -n 's:.*<hadoop.version>\(.*\)</hadoop.version>.*:\1:p' pom.xml)
sdk=$(sed -n 's:.*<s3a.awssdk.version>\(.*\)</s3a.awssdk.version>.*:\1:p' pom.xml)
conn=$work/connector-$aws-$sdk
if [ ! -f "$conn/.complete" ]; then
  say "fetching hadoop-aws $aws and AWS SDK $sdk modules (s3, s3-transfer-manager, sts) into $conn"
  rm -rf "$conn"; mkdir -p "$conn"
  # hadoop-aws's pom asks for software.amazon.awssdk:bundle, the whole SDK shaded into one jar of
  # 686 MB (2.35.4); the S3 modules it uses are about 18 MB
  cat > "$conn/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.melkit.try</groupId><artifactId>s3a-connector</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.hadoop</groupId><artifactId>hadoop-aws</artifactId><version>$aws</version>
      <exclusions>
        <exclusion><groupId>software.amazon.awssdk</groupId><artifactId>bundle</artifactId></exclusion>
        <exclusion><groupId>org.wildfly.openssl</groupId><artifactId>*</artifactId></exclusion>
      </exclusions>
    </dependency>
    <dependency><groupId>software.amazon.awssdk</groupId><artifactId>s3</artifactId><version>$sdk</version></dependency>
    <dependency><groupId>software.amazon.awssdk</groupId><artifactId>s3-transfer-manager</artifactId><version>$sdk</version></dependency>
    <dependency><groupId>software.amazon.awssdk</groupId><artifactId>sts</artifactId><version>$sdk</version></dependency>
  </dependencies>
</project>
EOF
  (cd "$conn" && mvn -B -ntp -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$conn/lib")
  touch "$conn/.complete"
fi
# Spark's own netty (4.2), commons-logging/codec and slf4j serve the SDK; the SDK's copies would only shadow nothing
connector=$(ls "$conn"/lib/*.jar | grep -v '/netty-[a-z0-9-]*-4\.1\.[0-9.]*Final\.jar$\|/commons-logging-\|/commons-codec-\|/slf4j-api-' | paste -sd:)
say "connector: $(ls "$conn"/lib/*.jar | wc -l) jars, $(du -sh "$conn/lib" | cut -f1) (on the class path: $(echo "$connector" | tr ':' '\n' | wc -l))"

conf=$work/conf; mkdir -p "$conf"
cat > "$conf/core-site.xml" <<EOF
<?xml version="1.0"?>
<configuration>
  <property><name>fs.s3a.endpoint</name><value>http://127.0.0.1:$port</value></property>
  <property><name>fs.s3a.endpoint.region</name><value>us-east-1</value></property>
  <property><name>fs.s3a.path.style.access</name><value>true</value></property>
  <property><name>fs.s3a.connection.ssl.enabled</name><value>false</value></property>
  <property><name>fs.s3a.aws.credentials.provider</name><value>org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider</value></property>
  <property><name>fs.s3a.access.key</name><value>S3RVER</value></property>
  <property><name>fs.s3a.secret.key</name><value>S3RVER</value></property>
  <!-- over plain http the SDK's S3 signer sends bodies aws-chunked (STREAMING-AWS4-HMAC-SHA256-PAYLOAD),
       which s3rver 3.7.1 stores as they came, chunk signatures and all: sign headers only -->
  <property><name>fs.s3a.signing-algorithm</name><value>AWS4UnsignedPayloadSignerType</value></property>
</configuration>
EOF
export HADOOP_CONF_DIR=$conf MELKIT_SPARK_CLASSPATH=$connector
opens=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' pom.xml)
toolcp="$conf:$(cat spark/target/spark-classpath.txt):spark/target/melkit-spark.jar:$connector"
mkdir -p "$work/classes"
javac -nowarn -d "$work/classes" -cp "$toolcp" environment/s3-try/S3Tool.java
# shellcheck disable=SC2086
tool() { java $opens -Xmx1g -cp "$work/classes:$toolcp" S3Tool "$@"; }

# --- the server
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then fail "127.0.0.1:$port is in use (set MELKIT_S3_PORT)"; fi
data=$work/data; out=$work/out; logs=$work/logs
rm -rf "$data" "$out" "$logs"; mkdir -p "$data" "$out" "$logs"
# s3rver makes list continuation tokens with DES, which Node 17+ (OpenSSL 3) enables only with its legacy provider
NODE_OPTIONS=--openssl-legacy-provider "$work/npm/node_modules/.bin/s3rver" --address 127.0.0.1 --port "$port" \
  --directory "$data" --configure-bucket melkit --silent > "$logs/s3rver.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
say "s3rver $(cat "$work/npm/node_modules/s3rver/package.json" | sed -n 's/.*"version": "\(.*\)".*/\1/p') on 127.0.0.1:$port, bucket melkit in $data"

timed "upload languages (115 files)" "$logs/put1.log" tool put datasets/build/languages s3a://melkit/languages
timed "upload music (63 files)" "$logs/put2.log" tool put datasets/build/music s3a://melkit/music

spark() { bash environment/spark.sh "$@"; }
timed "CLI extract (local)" "$logs/cli-extract.log" java -jar toolkit/target/melkit.jar extract --input datasets/build/languages --output "$out/cli"
timed "spark extract local[2] s3a -> s3a" "$logs/extract.log" spark extract --master 'local[2]' --input s3a://melkit/languages --output s3a://melkit/feat
timed "download s3a://melkit/feat" "$logs/get1.log" tool get s3a://melkit/feat "$out/feat"
diff -r -x manifest.json -x journal.jsonl "$out/cli" "$out/feat" > "$logs/diff-extract.txt" || fail "extract differs: $logs/diff-extract.txt"
say "extract: identical to the CLI's ($(find "$out/feat" -name '*.npy' | wc -l) .npy, metadata.csv, labels.json, failures.csv)"
timed "spark extract re-run" "$logs/rerun.log" spark extract --master 'local[2]' --input s3a://melkit/languages --output s3a://melkit/feat
grep -q "(0 decoded, 112 reused)" "$logs/rerun.log" || fail "the re-run decoded again: $logs/rerun.log"

timed "spark extract --format parquet" "$logs/parquet.log" spark extract --master 'local[2]' --format parquet --input s3a://melkit/languages --output s3a://melkit/featpq
timed "download s3a://melkit/featpq" "$logs/get2.log" tool get s3a://melkit/featpq "$out/featpq"
for f in labels.json failures.csv; do cmp "$out/cli/$f" "$out/featpq/$f" || fail "parquet run's $f differs"; done
timed "parquet rows vs the CLI's .npy" "$logs/pqcheck.log" tool parquet "$out/featpq/features.parquet" "$out/cli"

timed "CLI summary (local)" "$logs/cli-summary.log" java -jar toolkit/target/melkit.jar summary --input datasets/build/music --output "$out/cli-summary/summary.csv"
timed "spark summary local[2] s3a -> s3a" "$logs/summary.log" spark summary --master 'local[2]' --input s3a://melkit/music --output s3a://melkit/reports/summary.csv
timed "download s3a://melkit/reports" "$logs/get3.log" tool get s3a://melkit/reports "$out/reports"
for f in summary.csv summary.failures.csv; do cmp "$out/cli-summary/$f" "$out/reports/$f" || fail "summary's $f differs"; done
say "summary: summary.csv and summary.failures.csv identical to the CLI's"

# one run per output: a second run while the first holds the lock; the lock's heartbeat on S3A
lock=$data/melkit/feat2/.melkit.lock._S3rver_object # s3rver's file for the object feat2/.melkit.lock
spark extract --master 'local[1]' --input s3a://melkit/languages --output s3a://melkit/feat2 > "$logs/holder.log" 2>&1 &
holder=$!
for _ in $(seq 1 300); do [ -f "$lock" ] && break; sleep 0.2; done
[ -f "$lock" ] || fail "the first run never took its lock: $logs/holder.log"
first=$(stat -c %Y "$lock")
rc=0; timed "second run on the same output" "$logs/second.log" spark extract --master 'local[1]' --input s3a://melkit/languages --output s3a://melkit/feat2 || rc=$?
[ "$rc" = 2 ] && grep -q "is in use by another melkit run" "$logs/second.log" || fail "the second run was not refused: $logs/second.log"
last=$first
while kill -0 "$holder" 2>/dev/null; do [ -f "$lock" ] && last=$(stat -c %Y "$lock"); sleep 1; done
wait "$holder" || fail "the first run failed: $logs/holder.log"
say "lock: the first run renewed it for $((last - first)) s (heartbeat every 15 s), removed it at the end: $([ -f "$lock" ] && echo NO || echo yes)"

timed "create(overwrite=false) race, 5 rounds" "$logs/race.log" tool race s3a://melkit/race 5
say "done: every comparison identical; logs in $logs"
