#!/usr/bin/env bash
# Set-up and test suite: install into .venv, then run pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install.sh
exec .venv/bin/python -m pytest -q "$@"
