#!/usr/bin/env bash
# melkit's extract and summary as Apache Spark jobs, on a local Spark (default master local[*]):
#   bash environment/spark.sh extract --master local[2] --input DIR --output DIR [extract's options]
#   bash environment/spark.sh summary --input DIR --output FILE.csv [summary's options]
# Inputs and outputs are local or shared paths (or file:// URIs), or URIs of hdfs://, s3a:// (with its
# connector) and other Hadoop file systems: extract in either --format there too. Spark comes
# from Maven Central through the build (spark/target/spark-classpath.txt); nothing is downloaded.
# Spark's own jars come first on the class path, as under spark-submit.
# Hadoop settings (fs.defaultFS, s3a credentials, ...) come from $HADOOP_CONF_DIR's *-site.xml when it is
# set, or as -Dspark.hadoop.NAME=VALUE in MELKIT_SPARK_JAVA_OPTS (which then also replaces the default -Xmx2g).
# MELKIT_SPARK_CLASSPATH (a :-separated list) goes after Spark's jars, e.g. the s3a connector (environment/s3-try.sh).
# For a cluster, submit spark/target/melkit-spark.jar with spark-submit (see the README).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/spark/target/melkit-spark.jar
cp_file=$root/spark/target/spark-classpath.txt
if [ ! -f "$jar" ] || [ ! -f "$cp_file" ]; then
  echo "[spark] building melkit-spark.jar" >&2
  (cd "$root" && mvn -B -ntp -q package -DskipTests -pl spark -am) >&2
fi
opens=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' "$root/pom.xml")
# a local master (the default local[*]) binds the driver to the loopback address: it needs no other
# interface, and Spark then does not warn that the host name resolves to a loopback address
master=local; prev=
case ${MELKIT_SPARK_JAVA_OPTS:-} in *-Dspark.master=*) m=${MELKIT_SPARK_JAVA_OPTS##*-Dspark.master=}; master=${m%% *} ;; esac
for a in "$@"; do
  case $prev in --master) master=$a ;; esac
  case $a in --master=*) master=${a#--master=} ;; esac
  prev=$a
done
case $master in local*) export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1} ;; esac
# Spark's log: warnings and errors only (environment/spark-log4j2.properties); a -Dlog4j2.configurationFile
# in MELKIT_SPARK_JAVA_OPTS comes later and wins
# shellcheck disable=SC2086
exec java -Dlog4j2.configurationFile="$root/environment/spark-log4j2.properties" ${MELKIT_SPARK_JAVA_OPTS:--Xmx2g} $opens \
  -Djava.awt.headless=true \
  -cp "${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}$(cat "$cp_file"):$jar${MELKIT_SPARK_CLASSPATH:+:$MELKIT_SPARK_CLASSPATH}" org.melkit.spark.SparkMain "$@"
