#!/usr/bin/env bash
# Quick start 1: set up, then run the main job on the bundled example city (示例市).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/cwassess assess
