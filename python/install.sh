#!/usr/bin/env bash
# Creates python/.venv with python/requirements.txt (DuckDB, pyarrow, pandas, polars, matplotlib, ipykernel, pytest, pytz)
# and registers it as the Jupyter kernel "mailtriage-python" under notebooks/.kernel/jupyter (the folder
# notebooks/install-kernel.sh uses for the Java kernel). The Python tests and notebooks run on this venv.
#   python/install.sh            # pip as configured on this machine (an index, a local wheel folder, ...)
# Environment: PYTHON (the interpreter to make the venv from; default python3).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="$here/.venv"
"${PYTHON:-python3}" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
# Fails here, not in a test, when a package is missing.
"$venv/bin/python" -c 'import duckdb, pyarrow, pandas, polars, matplotlib, ipykernel, pytest, pytz'

kernel="$root/notebooks/.kernel/jupyter/kernels/mailtriage-python"
mkdir -p "$kernel"
cat > "$kernel/kernel.json" <<JSON
{
  "argv": ["$venv/bin/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
  "display_name": "Python (mailtriage)",
  "language": "python",
  "env": {"MPLBACKEND": "module://matplotlib_inline.backend_inline"}
}
JSON
echo "python/install.sh: $venv ready; Jupyter kernel mailtriage-python in $kernel"
