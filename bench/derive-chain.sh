#!/usr/bin/env bash
# How `derive` grows with the length of a spec: writes chains of 2,500 to 20,000 statements
# (A1 = tanh(A0), A2 = tanh(A1), ...; the 20,000 one is about 459 KB) and prints the seconds of
# `netgrad derive` for each (JVM start included), with the growth per doubling (about 2 means linear).
# Usage: bench/derive-chain.sh [LENGTH...]     (NETGRAD_JAR=... to time another build)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/netgrad" --version >/dev/null
jar="${NETGRAD_JAR:-$(ls "$root"/target/netgrad-*-cli.jar | head -n 1)}"
lengths=("$@")
[[ ${#lengths[@]} -gt 0 ]] || lengths=(2500 5000 10000 20000)
dir="$(mktemp -d "${TMPDIR:-/tmp}/derive-chain.XXXXXX")"
trap 'rm -rf "$dir"' EXIT

chain() {
  local n="$1" i
  printf 'network Chain {\n  input X[4]\n  target Y[1]\n  param W[4, 4]\n  param v[1, 4]\n  A0 = W @ X\n'
  for ((i = 1; i <= n; i++)); do
    printf '  A%d = tanh(A%d)\n' "$i" "$((i - 1))"
  done
  printf '  Z = v @ A%d\n  P = sigmoid(Z)\n' "$n"
  printf '  loss L = -(Y * log(P) + (1 - Y) * log(1 - P))\n  cost J = mean(L)\n}\n'
}

previous=""
printf '%8s %10s %8s %8s\n' statements bytes seconds growth
for n in "${lengths[@]}"; do
  chain "$n" >"$dir/chain.nn"
  start=$(date +%s.%N)
  java -jar "$jar" derive "$dir/chain.nn" >"$dir/out.txt"
  end=$(date +%s.%N)
  seconds=$(echo "$end - $start" | bc -l)
  growth=$([[ -n "$previous" ]] && printf '%.2f' "$(echo "$seconds / $previous" | bc -l)" || echo "-")
  printf '%8d %10d %8.2f %8s\n' "$n" "$(wc -c <"$dir/chain.nn")" "$seconds" "$growth"
  previous=$seconds
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
