#!/usr/bin/env bash
# Starts JupyterLab on notebooks/ for interactive use, with the Java kernel "Java (melkit)".
# It listens on 127.0.0.1 only and asks for the token it prints (Jupyter's defaults); open the
# printed http://127.0.0.1:8888/lab?token=... address. Extra arguments go to `jupyter lab`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash environment/setup.sh
[ -f toolkit/target/melkit.jar ] || mvn -B -ntp -q package -DskipTests
args=(--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.root_dir="$PWD/notebooks"
      --MappingKernelManager.default_kernel_name=melkit)
# Jupyter refuses to run as root unless told; on a root-only machine (CI, containers) say so
[ "$(id -u)" != 0 ] || args+=(--allow-root)
exec "${MELKIT_VENV:-$PWD/.venv}/bin/jupyter" lab "${args[@]}" "$@"
