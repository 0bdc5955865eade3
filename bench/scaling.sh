#!/usr/bin/env bash
# How the compiler's time and output grow with depth: reads, derives and generates chains of 25,
# 50, 100 and 200 dense layers (or the depths given) and prints seconds and Java characters per
# depth, with the growth per doubling (about 2 means linear).
# Usage: bench/scaling.sh [DEPTH...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/netgrad" --version >/dev/null
jar="$(ls "$root"/target/netgrad-*-cli.jar | head -n 1)"
exec java -Xss512m -cp "$jar" dev.netgrad.bench.GeneratorScaling "$@"
