#!/usr/bin/env bash
# Set-up and main job: install into .venv, then build, validate, query and
# draw the knowledge graph of the seed descriptions under out/.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install.sh
.venv/bin/kg run seeds -o out "$@"
