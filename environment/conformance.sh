#!/usr/bin/env bash
# Developer check (not part of the test suite, which never reads ../shared): runs the librosa
# conformance kit beside the checkout on the public and the peer sets.
set -euo pipefail
cd "$(dirname "$0")/.."
KIT=${MELKIT_CONFORMANCE:-../shared/conformance}
[ -d "$KIT" ] || { echo "no conformance kit at $KIT" >&2; exit 2; }
mvn -B -ntp -q package -DskipTests
JAR=$(pwd)/toolkit/target/melkit.jar
export CANDIDATE="java -XX:TieredStopAtLevel=1 -Xshare:auto -jar $JAR feature {kind} --input {input} --output {output} {params}"
rc=0
for set in public peer; do
  "$KIT/run_candidate.sh" --set "$set" --jobs "$(nproc)" --out "${TMPDIR:-/tmp}/melkit-conformance-$set" | tail -n 4 || rc=1
done
exit $rc
