#!/usr/bin/env bash
# Set up newsfuse and run the main job on the bundled sample corpus (examples/seeds).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
mkdir -p out
rm -f out/seeds.db out/seeds.db-wal out/seeds.db-shm
.venv/bin/newsfuse build examples/seeds --db out/seeds.db
.venv/bin/newsfuse export --db out/seeds.db --format json --out out/seeds.json
.venv/bin/newsfuse report --db out/seeds.db --out out/seeds-report.html >/dev/null
echo "report written to $(pwd)/out/seeds-report.html (JSON export: $(pwd)/out/seeds.json)"
