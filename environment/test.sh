#!/usr/bin/env bash
# Runs every melkit test: the unit, parity and integration tests on JDK 17 (the build's
# release), then again on Temurin 25 when it is installed, then every notebook top to bottom in
# the real Java kernel (environment/notebooks.sh: a failing cell fails the run). Installs what the
# tests and notebooks use (environment/setup.sh) first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash environment/setup.sh
export LC_ALL=${LC_ALL:-C.UTF-8}
MVN="mvn -B -ntp"

echo "== tests on $(java -version 2>&1 | head -n1)"
$MVN verify

T25=/usr/lib/jvm/temurin-25-jdk-amd64
if [ -x "$T25/bin/java" ]; then
  echo "== tests on $("$T25/bin/java" -version 2>&1 | head -n1)"
  JAVA_HOME=$T25 $MVN test
else
  echo "== Temurin 25 not installed at $T25: skipped the second JDK"
fi

echo "== notebooks in the Java kernel (reports in build/reports/)"
bash environment/notebooks.sh
