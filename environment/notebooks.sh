#!/usr/bin/env bash
# Executes every notebooks/*.ipynb top to bottom in the real Java kernel ("Java (melkit)") and
# writes build/reports/NAME.ipynb and NAME.html for each, printing each notebook's time. Fails on
# any cell error or a notebook without an image. Sets up first (environment/setup.sh), builds
# melkit.jar when it is missing and the demo datasets the tutorials read (datasets/build.sh,
# quick when they are current). Arguments go to environment/run_notebooks.py (e.g. one
# notebook's path).
set -euo pipefail
cd "$(dirname "$0")/.."
bash environment/setup.sh
[ -f toolkit/target/melkit.jar ] || mvn -B -ntp -q package -DskipTests
[ ! -f datasets/build.sh ] || bash datasets/build.sh
exec "${MELKIT_VENV:-$PWD/.venv}/bin/python" environment/run_notebooks.py "$@"
