#!/usr/bin/env bash
# Runs netgrad's bench and the reference baselines (numpy, PyTorch) one after the other, in one
# sitting on one machine, and prints the ratios against the targets of issue 6, then the same
# figures as a Markdown table for bench/RESULTS.md.
#
# Usage: bench/compare.sh [--quick]
#   --quick   short runs (about a minute in all): to see that everything works, not for figures
# Environment: PYTHON (default /usr/bin/python3, which has python3-numpy and python3-torch),
#              THREADS (netgrad's --threads, default: all cores).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
python="${PYTHON:-/usr/bin/python3}"
threads="${THREADS:-$(nproc)}"
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1

# Build the command-line jar if needed (the launcher does), then call java directly to add JVM flags.
"$root/netgrad" --version >/dev/null
jar="$(ls "$root"/target/netgrad-*-cli.jar | head -n 1)"
out="$(mktemp -d "${TMPDIR:-/tmp}/netgrad-compare.XXXXXX")"
trap 'rm -rf "$out"' EXIT

if (( quick )); then
  ng_args=(--warmup 0.5 --steps 20); mlp_steps=20; planar_iters=500; alloc_steps=50
else
  ng_args=(--warmup 3); mlp_steps=300; planar_iters=10000; alloc_steps=1000
fi

last_line() { tail -n 1; }
netgrad_bench() { java -jar "$jar" bench "$@" --threads "$threads" "${ng_args[@]}" | last_line; }

echo "== machine"
date -u +"date: %Y-%m-%d %H:%M UTC"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -n 2
"$python" -c 'import sys, numpy, torch; print("python", sys.version.split()[0], "numpy", numpy.__version__, "torch", torch.__version__)'

echo "== runs (each prints one JSON line)"
run() {
  local name="$1"; shift
  "$@" > "$out/$name.json"
  printf '%-16s %s\n' "$name" "$(cat "$out/$name.json")"
}
run netgrad-128 netgrad_bench "$root/samples/mlp.nn" --batch 128
run numpy-128 "$python" "$bench/mlp_ref.py" numpy 128 "$mlp_steps"
run torch-128 "$python" "$bench/mlp_ref.py" torch 128 "$mlp_steps"
run netgrad-32 netgrad_bench "$root/samples/mlp.nn" --batch 32
run torch-32 "$python" "$bench/mlp_ref.py" torch 32 "$mlp_steps"
run numpy-32 "$python" "$bench/mlp_ref.py" numpy 32 "$mlp_steps"
run netgrad-planar netgrad_bench "$root/samples/planar.nn" --batch 400 --full-batch
run numpy-planar "$python" "$bench/planar_numpy.py" "$planar_iters"

echo "== allocation: $alloc_steps steps of mlp.nn at batch 128 after warm-up, with GC logging"
java -Xlog:gc:stderr -jar "$jar" bench "$root/samples/mlp.nn" --batch 128 --steps "$alloc_steps" \
  --threads "$threads" --warmup 2 --phases > "$out/alloc.json" 2> "$out/alloc.log"
gc_while_timing="$(sed -n '/netgrad bench: timing/,/netgrad bench: timed/p' "$out/alloc.log" | grep -c '\[gc' || true)"
echo "GC events while timing: $gc_while_timing (log: $(grep -c '\[gc' "$out/alloc.log" || true) GC events in the whole run)"
tail -n 1 "$out/alloc.json" > "$out/alloc-last.json"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== ratios"
"$python" - "$out" "$gc_while_timing" "$alloc_steps" "$quick" <<'PY'
import json, sys, os
out, gc_timing, alloc_steps, quick = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
r = {n[:-5]: json.load(open(os.path.join(out, n))) for n in os.listdir(out) if n.endswith(".json") and n != "alloc.json"}
rows = []
def ratio(label, ours, theirs, target, unit):
    x = ours / theirs
    rows.append((label, ours, theirs, x, target, unit))
    verdict = "no target" if not target else f"target >= {target}x: {'met' if x >= target else 'MISSED'}"
    print(f"{label:44s} {ours:12.1f} vs {theirs:10.1f} {unit:12s} = {x:5.2f}x  ({verdict})")
e = lambda k: r[k]["examples_per_s"]
ratio("mlp batch 128, netgrad / numpy", e("netgrad-128"), e("numpy-128"), 2, "examples/s")
ratio("mlp batch 128, netgrad / PyTorch", e("netgrad-128"), e("torch-128"), 2, "examples/s")
ratio("mlp batch 32, netgrad / PyTorch", e("netgrad-32"), e("torch-32"), 2, "examples/s")
ratio("mlp batch 32, netgrad / numpy (no target)", e("netgrad-32"), e("numpy-32"), 0, "examples/s")
ratio("planar full batch 400, netgrad / numpy", r["netgrad-planar"]["steps_per_s"], r["numpy-planar"]["iters_per_s"], 5, "iterations/s")
alloc = r["alloc-last"]["allocated_bytes_per_step"]
print(f"steady state: {alloc:.2f} heap bytes per step over {alloc_steps} steps (all threads), {gc_timing} GC events while timing")
print(f"netgrad GFLOP/s (6 * n_in * n_out * batch per layer): batch 128 {r['netgrad-128']['gflops']:.2f}, batch 32 {r['netgrad-32']['gflops']:.2f}")
print()
print("| workload | netgrad | baseline | ratio | target |")
print("| --- | ---: | ---: | ---: | ---: |")
for label, ours, theirs, x, target, unit in rows:
    print(f"| {label} ({unit}) | {ours:,.0f} | {theirs:,.0f} | {x:.2f}x | {'>= ' + str(target) + 'x' if target else '-'} |")
print(f"| steady-state allocation, mlp batch 128 | {alloc:.2f} B/step | | | 0 |")
if quick:
    print("\n(--quick: short runs, not figures to publish)")
PY
