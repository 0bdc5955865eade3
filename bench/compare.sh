#!/usr/bin/env bash
# Runs netgrad's bench and the reference baselines (numpy, PyTorch) one after the other, in one
# sitting on one machine, checks the baselines themselves, measures the machine's matrix-product
# rate, and prints the ratios against the speed targets, then the same figures as a Markdown table
# for bench/RESULTS.md.
#
# Usage: bench/compare.sh [--quick] [--avx2]
#   --quick   one short round (a minute or two): to see that everything works, not for figures
#   --avx2    on an AVX-512 machine, an AVX2-only one as nearly as it can be had: netgrad's JVM with
#             -XX:UseAVX=2 (4 lanes, 16 registers), numpy and PyTorch with OpenBLAS's Zen kernel (the
#             one it picks on AVX2 Zen processors) and oneDNN held to AVX2. Indicative only: the
#             cores, caches and clocks stay this machine's. Every line of the output says so.
# Each workload runs ROUNDS times (default 3), netgrad and its baselines one after the other in each
# round, and the ratios are taken between medians, with every run's figure printed beside them: a
# single short run of a baseline can be off by 3x on a shared machine (PyTorch at batch 32 gave
# 7,000 to 29,000 examples/s in consecutive windows of 250 steps of one run).
# Environment: PYTHON (default /usr/bin/python3, which has Debian's python3-numpy, python3-torch and
#              python3-threadpoolctl, and numpy's BLAS from libopenblas0-pthread), THREADS
#              (netgrad's --threads, default: netgrad's own, see below), ROUNDS (odd, default 3).
#
# The baselines run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, for those commands alone, and with
# glibc keeping the memory they free (see keep_memory below):
# some machines set those two to keep older OpenBLAS builds off kernels they get wrong, and a forced
# kernel can be several times slower than the one OpenBLAS picks. bench/baseline_probe.py records
# which BLAS, version, kernel and thread count numpy really uses, checks the kernel's products
# against a plain summation, and the ratios are refused when the baseline is crippled (reference
# BLAS, a generic or forced kernel, fewer threads than cores) or wrong.
set -euo pipefail
# Figures are written and read with decimal points: awk's printf and bash's `times` follow the locale,
# and a decimal comma (LC_ALL=de_DE.UTF-8) wrote each run's .machine line as invalid JSON, on which the
# ratios below stopped after the whole sitting; lscpu's "Model name:" is English in the C locale alone.
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
python="${PYTHON:-/usr/bin/python3}"
# netgrad's threads: its default unless THREADS is set (every core, each step's work shared only
# while the trainer measures that faster than one thread; the bench's JSON says which it used).
threads="${THREADS:-}"
thread_args=(); [[ -n "$threads" ]] && thread_args=(--threads "$threads")
quick=0
avx2=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --avx2) avx2=1 ;;
    *) echo "compare.sh: unknown option $arg (use --quick, --avx2)" >&2; exit 2 ;;
  esac
done
# As the netgrad launcher runs bench and train (see its comment on the threshold).
java_flags=(-XX:Tier4MinInvocationThreshold=10 --add-modules jdk.incubator.vector)
emulation=()
if (( avx2 )); then
  java_flags=(-XX:UseAVX=2 "${java_flags[@]}")
  emulation=(NETGRAD_EMULATE=avx2 OPENBLAS_CORETYPE=Zen ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2)
fi

if ! "$python" -c 'import numpy, torch, threadpoolctl' 2>/dev/null; then
  echo "compare.sh: $python needs numpy, torch and threadpoolctl:" >&2
  echo "  apt-get update && apt-get install -y python3-numpy python3-torch python3-threadpoolctl libopenblas0-pthread" >&2
  exit 2
fi

# Build the command-line jar if needed (the launcher does), then call java directly to add JVM flags.
"$root/netgrad" --version >/dev/null
jar="$(ls "$root"/target/netgrad-*-cli.jar | head -n 1)"
out="$(mktemp -d "${TMPDIR:-/tmp}/netgrad-compare.XXXXXX")"
trap 'rm -rf "$out"' EXIT

rounds="${ROUNDS:-3}"
# The figures compared are each run's median, a run of its own (its threads, JIT time and machine
# counters are printed beside it): an even count has no middle run.
if ! [[ "$rounds" =~ ^[0-9]+$ ]] || (( rounds % 2 == 0 )); then
  echo "compare.sh: ROUNDS must be an odd number (1, 3, 5, ...): the medians are each workload's middle run; found '$rounds'" >&2
  exit 2
fi
if (( quick )); then
  ng_args=(--warmup 0.5 --steps 20); mlp_steps=20; wide_steps=10; cnn_steps=20; planar_iters=500; alloc_steps=50; alloc_warmup=3; rounds=1
else
  # Reference runs of about a second or more each (numpy's mlp at batch 32 takes 1.3 s for 1000 steps).
  # netgrad warms up for 10 s, as the allocation check below does: after 3 s, HotSpot was still compiling
  # the step (300 - 450 ms of C2's work inside the mlp's 3-s timed run at batch 128, the step among the
  # methods), and the timed figure was 190,000 - 193,000 examples/s against 199,000 - 205,000 after 10 s,
  # when the JIT worked 0 - 6 ms while timing (three pairs, 2026-12-06). The ratios are of steady states;
  # each run's JIT milliseconds while timed are printed beside them.
  ng_args=(--warmup 10); mlp_steps=1000; wide_steps=300; cnn_steps=500; planar_iters=20000; alloc_steps=1000
  # The allocation check measures the steady state, after C2 has compiled even the methods called
  # once a step: HotSpot asks for that after about 5,000 calls, and the request itself resolves the
  # class's string constants on the training thread (a few hundred bytes, once). 3 s of warm-up is
  # about 4,000 steps of either network, so that one-off fell in the timed steps in some runs (456
  # bytes in 1 of 1,000 steps of the CNN); 10 s is 15,000 steps or more.
  alloc_warmup=10
fi

# The baselines also run with glibc's malloc keeping the memory it frees (MALLOC_MMAP_THRESHOLD_ and
# MALLOC_TRIM_THRESHOLD_ at 1 GiB). By default glibc hands arrays of more than about 128 kB back to
# the kernel when they are freed, and numpy and PyTorch free and allocate such temporaries every step
# (the 784 x 128 weight gradient is 800 kB): every step then touches fresh pages, and each first
# touch is a page fault. On the virtual machines this was measured on a page fault cost up to a few
# microseconds, and the default allocator made numpy's mlp at batch 128 eight times slower (15,000
# against 123,000 examples/s) and PyTorch's four times. netgrad allocates nothing a step, so it never
# pays this; a baseline that does is crippled by the machine, not measured. The allocator check below
# prints both figures at every sitting.
keep_memory=(MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=1073741824)
baseline() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${keep_memory[@]}" "${emulation[@]}" "$python" "$@"; }
# PyTorch three ways, since its best differs by workload on a 2-core machine: a thread per core, as
# numpy's BLAS and netgrad run ("torch"; 2 on the machine of the figures, as the reference scripts set
# them; held to 2 on a larger machine, PyTorch would have run on fewer cores than netgrad), 1 thread
# ("torch1"), and a thread per core whose OpenMP workers sleep rather than spin between operations
# ("torchp"). The spinning workers compete for the two cores with the threads of the BLAS that
# PyTorch's matrix products call (OpenBLAS here, with its own pthreads): the mlp at batch 128 ran 4x slower with them than with 1 thread. The baseline is the
# fastest of the three; all three are printed.
# The cores this sitting may run on (nproc alone would read OMP_NUM_THREADS as their count).
cores="$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)"
torch_threads="$cores"
torch_runs() {
  local name="$1"; shift
  run "torch-$name" env -u OMP_WAIT_POLICY -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${keep_memory[@]}" "${emulation[@]}" TORCH_THREADS="$torch_threads" "$python" "$@"
  run "torch1-$name" env -u OMP_WAIT_POLICY -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${keep_memory[@]}" "${emulation[@]}" TORCH_THREADS=1 "$python" "$@"
  run "torchp-$name" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=PASSIVE "${keep_memory[@]}" "${emulation[@]}" TORCH_THREADS="$torch_threads" "$python" "$@"
}
netgrad_bench() { java "${java_flags[@]}" -jar "$jar" bench "$@" "${thread_args[@]}" "${ng_args[@]}" | tail -n 1; }
# What else the machine did while each run ran, so that a slow run can be told apart as one that shared
# the cores or one that did not (a guess that "the machine was loaded" is not a finding). Read from the
# guest's own counters before and after the run, whole runs (start-up and warm-up included, so an upper
# bound on the timed part), at the kernel's 10 ms accounting tick:
#   others' CPU   the cores' busy time (/proc/stat) less the run's own CPU (its rusage): every other
#                 process and kernel thread, kdamond's share named apart;
#   kdamond       the guest kernel's DAMON threads, which page out file-backed memory left cold for a
#                 minute (the sitting's libraries among it) and take their CPU from the runs' cores;
#   waited        CPU pressure (/proc/pressure/cpu "some"): how long a runnable thread waited for a core;
#   major faults  pages read back from disk (/proc/vmstat), e.g. a library DAMON paged out.
# What the hypervisor takes from the vCPUs does not show here (this guest reports no steal time):
# the probes before each round measure that side.
kdamond_pids=()
for stat in /proc/[0-9]*/stat; do
  [[ "$(cat "$stat" 2>/dev/null)" == *"(kdamond"* ]] && kdamond_pids+=("$(basename "$(dirname "$stat")")")
done
# Sets counters to: busy jiffies of the cores, kdamond's jiffies, CPU pressure in microseconds, major
# faults, this shell's children's CPU in milliseconds, and the time in nanoseconds. Called in this
# shell, never in $( ): `times` in a subshell would count that subshell's children alone.
counters=()
machine_counters() {
  local cpu user nice system idle iowait irq softirq steal rest kd=0 pid fields waited=0 majflt children
  read -r cpu user nice system idle iowait irq softirq steal rest < /proc/stat
  for pid in "${kdamond_pids[@]}"; do
    # Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    fields="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
    read -r -a fields <<< "${fields##*) }"
    kd=$((kd + fields[11] + fields[12]))
  done
  [[ -r /proc/pressure/cpu ]] && waited="$(sed -n 's/^some .*total=//p' /proc/pressure/cpu)"
  majflt="$(sed -n 's/^pgmajfault //p' /proc/vmstat)"
  # bash's `times`: its second line is the children's user and system time, as 0m1.234s 0m0.056s.
  times > "$out/times.txt"
  children="$(sed -n 2p "$out/times.txt" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] } printf "%d", t * 1000 }')"
  counters=($((user + nice + system + irq + softirq + steal)) "$kd" "$waited" "${majflt:-0}" "$children" "$(date +%s%N)")
}
run() {
  local name="$1"; shift
  local b a hz
  machine_counters; b=("${counters[@]}")
  if "$@" > "$out/$name.json" 2> "$out/$name.err"; then
    machine_counters; a=("${counters[@]}")
    hz="$(getconf CLK_TCK)"
    # As JSON beside the run's own, for the ratios below; and as words on the run's line.
    awk -v busy=$((a[0] - b[0])) -v kd=$((a[1] - b[1])) -v waited=$((a[2] - b[2])) -v majflt=$((a[3] - b[3])) \
        -v own=$((a[4] - b[4])) -v ns=$((a[5] - b[5])) -v hz="$hz" 'BEGIN {
      others = busy / hz - own / 1000; if (others < 0) others = 0
      printf "{\"wall_s\": %.2f, \"own_cpu_s\": %.2f, \"others_cpu_s\": %.2f, \"kdamond_cpu_s\": %.2f, \"waited_s\": %.2f, \"major_faults\": %d}\n",
        ns / 1e9, own / 1000, others, kd / hz, waited / 1e6, majflt }' > "$out/$name.machine"
    printf '%-16s %s\n%-16s machine during the run: %s\n' "$name" "$(cat "$out/$name.json")" "" "$(cat "$out/$name.machine")"
  else
    rm -f "$out/$name.json"
    printf '%-16s FAILED: %s\n' "$name" "$(tail -n 3 "$out/$name.err" | tr '\n' ' ')"
  fi
}

echo "== machine"
(( avx2 )) && echo "EMULATED AVX2 (--avx2): netgrad on -XX:UseAVX=2, the baselines on OpenBLAS's Zen kernel; not an AVX2 machine's figures"
date -u +"date: %Y-%m-%d %H:%M UTC"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), family $(lscpu | sed -n 's/^CPU family: *//p'), model $(lscpu | sed -n 's/^Model: *//p'), $cores cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# A sitting beside other work measures that work as much as netgrad: say so where the figures are read.
# Measured, not read off the load average: the cores' busy share over one second in which nothing of the
# sitting runs. The load average trails by minutes (a build that has just ended still counts in it) and
# counts the sitting's own threads; each run's own share of other work is recorded beside it (run, below).
busy_warning() {
  local cpu u n s i w q sq st rest busy0 all0 busy1 all1
  read -r cpu u n s i w q sq st rest < /proc/stat; busy0=$((u + n + s + q + sq + st)); all0=$((busy0 + i + w))
  sleep 1
  read -r cpu u n s i w q sq st rest < /proc/stat; busy1=$((u + n + s + q + sq + st)); all1=$((busy1 + i + w))
  if (( all1 > all0 && (busy1 - busy0) * 10 > all1 - all0 )); then
    echo "WARNING: the cores were $(( (busy1 - busy0) * 100 / (all1 - all0) )) % busy over a second in which nothing of this sitting ran: something else is running; these are not a quiet machine's figures"
  fi
}
busy_warning
java -version 2>&1 | head -n 2
# What sharing work between the cores costs here (netgrad's trainers measure it for themselves).
if command -v gcc >/dev/null && gcc -O2 -pthread "$bench/vcpu_probe.c" -o "$out/vcpu_probe" 2>/dev/null; then
  "$out/vcpu_probe"
else
  echo "vcpu probe: not run (no gcc)"
fi
# How fast the caches and memory feed the cores (L2, the shared L3, memory), measured again before
# every round below: on a shared host these are what other tenants share, and a stretch in which
# every implementation slows with the FMA rate unchanged shows here if it is they that moved.
# Both C probes are built for the widest vectors netgrad's JVM uses (256-bit ones with --avx2).
probe_isa=(-march=native); (( avx2 )) && probe_isa=(-mavx2 -mfma)
memory_probe=()
if command -v gcc >/dev/null && gcc -O3 "${probe_isa[@]}" -pthread "$bench/memory_probe.c" -o "$out/memory_probe" 2>/dev/null; then
  memory_probe=("$out/memory_probe")
  "${memory_probe[@]}"
else
  echo "memory probe: not run (no gcc)"
fi
# The machine's ceiling: fused multiply-adds alone on its widest vectors (on 256-bit ones with --avx2).
if command -v gcc >/dev/null && gcc -O3 "${probe_isa[@]}" -pthread "$bench/peak_probe.c" -o "$out/peak_probe" 2>/dev/null; then
  "$out/peak_probe" | tee "$out/peak.txt"
else
  echo "FMA peak: not measured (no gcc)"
fi

echo "== baselines: what numpy and PyTorch really run on"
# The products of each workload's forward pass (n_out x n_in times n_in x batch), for the machine's
# rate at the workloads' own shapes.
run probe baseline "$bench/baseline_probe.py" \
  128,784,128 64,128,128 10,64,128  128,784,32 64,128,32 10,64,32 \
  512,784,256 256,512,256 10,256,256  4,2,400 1,4,400
# A crippled or unchecked baseline refuses the ratios: say so now, not after nine minutes of rounds.
if [[ ! -s "$out/probe.json" ]]; then
  echo "No ratios: bench/baseline_probe.py failed (its FAILED line above says why): stopping before the rounds." >&2
  exit 1
fi
"$python" - "$out/probe.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
b = p["blas"]
print(f"numpy {p['numpy']}: {b['internal_api']} {b['version']}, kernel {b['architecture']}, {b['num_threads']} threads ({b['filepath']})")
print(f"PyTorch {p['torch']}; cpu {p['cpu']['model']} family {p['cpu']['family']}, SIMD {', '.join(p['cpu']['simd'])}")
print(f"BLAS kernel's products correct: {p['kernel_correct']}; numpy dgemm 1024: {p['dgemm_1024_gflops']:.1f} GFLOP/s")
for problem in p["problems"]:
    print("BASELINE PROBLEM: " + problem)
if p["problems"]:
    print("No ratios: the numpy baseline is crippled or wrong on this machine; fix it (see the top of bench/compare.sh)"
          " before quoting any figure: stopping before the rounds.", file=sys.stderr)
    sys.exit(1)
PY

echo "== allocator check: mlp batch 128, 200 steps, glibc's default malloc against memory kept"
for impl in numpy torch; do
  default="$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${emulation[@]}" TORCH_THREADS=1 "$python" "$bench/mlp_ref.py" "$impl" 128 200)"
  kept="$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${keep_memory[@]}" "${emulation[@]}" TORCH_THREADS=1 "$python" "$bench/mlp_ref.py" "$impl" 128 200)"
  "$python" - "$impl" "$default" "$kept" <<'PY'
import json, sys
impl, default, kept = sys.argv[1], json.loads(sys.argv[2])["examples_per_s"], json.loads(sys.argv[3])["examples_per_s"]
name = {"numpy": "numpy", "torch": "PyTorch (1 thread)"}[impl]
print(f"{name}: default malloc {default:,.0f}, memory kept {kept:,.0f} examples/s ({kept / default:.2f}x); the baselines run with memory kept")
PY
done

echo "== runs ($rounds rounds; each run prints one JSON line)"
for ((round = 1; round <= rounds; round++)); do
  # The host's state, round by round: a round that runs slower for every implementation can then be
  # told apart as the cores paused more, the caches or memory fed them slower, or neither.
  echo "machine before round $round: load average $(cut -d' ' -f1-3 /proc/loadavg)"
  busy_warning
  [[ -x "$out/vcpu_probe" ]] && "$out/vcpu_probe"
  (( ${#memory_probe[@]} )) && "${memory_probe[@]}"
  # The FMA peak again (a fifth of a second): the host may move both vCPUs onto one core mid-sitting.
  [[ -x "$out/peak_probe" ]] && "$out/peak_probe" | tee "$out/peak.round$round.txt"
  run "netgrad-128.$round" netgrad_bench "$root/samples/mlp.nn" --batch 128
  run "numpy-128.$round" baseline "$bench/mlp_ref.py" numpy 128 "$mlp_steps"
  torch_runs "128.$round" "$bench/mlp_ref.py" torch 128 "$mlp_steps"
  run "netgrad-32.$round" netgrad_bench "$root/samples/mlp.nn" --batch 32
  run "numpy-32.$round" baseline "$bench/mlp_ref.py" numpy 32 "$mlp_steps"
  torch_runs "32.$round" "$bench/mlp_ref.py" torch 32 "$mlp_steps"
  run "netgrad-wide.$round" netgrad_bench "$bench/wide.nn" --batch 256
  run "numpy-wide.$round" baseline "$bench/mlp_ref.py" numpy 256 "$wide_steps" 784,512,256,10
  torch_runs "wide.$round" "$bench/mlp_ref.py" torch 256 "$wide_steps" 784,512,256,10
  run "netgrad-cnn.$round" netgrad_bench "$bench/digits_cnn.nn" --batch 64
  run "numpy-cnn.$round" baseline "$bench/cnn_ref.py" numpy 64 "$cnn_steps"
  torch_runs "cnn.$round" "$bench/cnn_ref.py" torch 64 "$cnn_steps"
  run "netgrad-planar.$round" netgrad_bench "$root/samples/planar.nn" --batch 400 --full-batch
  run "numpy-planar.$round" baseline "$bench/planar_numpy.py" "$planar_iters"
done

echo "== allocation: $alloc_steps steps of mlp.nn at batch 128 and of digits_cnn.nn at batch 64 after $alloc_warmup s of warm-up, with GC logging"
gc_while_timing=0
alloc_specs=("$root/samples/mlp.nn" "$bench/digits_cnn.nn")
alloc_batches=(128 64)
alloc_tags=(mlp cnn)
for i in 0 1; do
  tag="${alloc_tags[$i]}"
  # A run that fails is said and left out (under set -e it ended the sitting without a word, the rounds' figures
  # deleted with $out before their ratios were printed).
  if ! java "${java_flags[@]}" -Xlog:gc:stderr -jar "$jar" bench "${alloc_specs[$i]}" --batch "${alloc_batches[$i]}" --steps "$alloc_steps" \
      "${thread_args[@]}" --warmup "$alloc_warmup" --phases > "$out/alloc-$tag.out" 2> "$out/alloc-$tag.log"; then
    echo "$tag: FAILED: $(grep -v '^\[' "$out/alloc-$tag.log" | tail -n 3 | tr '\n' ' ')"
    continue
  fi
  gc_run="$(sed -n '/netgrad bench: timing/,/netgrad bench: timed/p' "$out/alloc-$tag.log" | grep -c '\[gc' || true)"
  gc_while_timing=$((gc_while_timing + gc_run))
  echo "$tag: GC events while timing: $gc_run (log: $(grep -c '\[gc' "$out/alloc-$tag.log" || true) GC events in the whole run)"
  tail -n 1 "$out/alloc-$tag.out" > "$out/alloc-$tag.json"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
busy_warning

echo "== ratios"
"$python" - "$out" "$gc_while_timing" "$alloc_steps" "$quick" "$threads" "$avx2" "$torch_threads" <<'PY'
import json, os, sys
out, gc_timing, alloc_steps, quick, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1", sys.argv[5]
emulated = sys.argv[6] == "1"
if emulated:
    print("EMULATED AVX2 (--avx2): indicative ratios for an AVX2-only machine, measured on this one")
# Repeated runs are NAME.ROUND.json: r[NAME] is the run with the median figure, runs[NAME] all of them in
# the order of their rounds, rounds[NAME] those rounds' numbers (a failed run leaves its round out).
# NAME.ROUND.machine: what else the machine did during that run (see machine_counters), in the same order.
def name_and_round(stem):
    name, _, number = stem.partition(".")
    return name, int(number) if number.isdigit() else 0
runs, machines, rounds = {}, {}, {}
for name, number, stem in sorted(name_and_round(n[:-5]) + (n[:-5],) for n in os.listdir(out) if n.endswith(".json")):
    runs.setdefault(name, []).append(json.load(open(os.path.join(out, stem + ".json"))))
    rounds.setdefault(name, []).append(number)
    m = os.path.join(out, stem + ".machine")
    machines.setdefault(name, []).append(json.load(open(m)) if os.path.exists(m) else None)
def figure(run):
    return run.get("examples_per_s", run.get("iters_per_s"))
r = {}
for name, rs in runs.items():
    ranked = sorted(rs, key=lambda run: figure(run) or 0)
    r[name] = ranked[(len(ranked) - 1) // 2]
# PyTorch's baseline for a workload: the fastest of its three configurations (by median).
torch_threads = sys.argv[7]
torch_configs = {"torch": f"{torch_threads} threads", "torch1": "1 thread", "torchp": f"{torch_threads} threads, OMP_WAIT_POLICY=PASSIVE"}
for workload in ("128", "32", "wide", "cnn"):
    medians = {c: figure(r[f"{c}-{workload}"]) for c in torch_configs if f"{c}-{workload}" in r}
    if medians:
        best = max(medians, key=medians.get)
        r[f"torchbest-{workload}"] = dict(r[f"{best}-{workload}"], config=torch_configs[best])
        runs[f"torchbest-{workload}"] = runs[f"{best}-{workload}"]
        machines[f"torchbest-{workload}"] = machines[f"{best}-{workload}"]
        rounds[f"torchbest-{workload}"] = rounds[f"{best}-{workload}"]
        print(f"PyTorch {workload}: " + "; ".join(f"{torch_configs[c]} {m:,.0f}" for c, m in medians.items())
              + f" examples/s (medians): baseline = {torch_configs[best]}")
# The probe ran and found nothing wrong: the sitting stopped before its rounds otherwise.
probe = r["probe"]
peak = probe["dgemm_1024_gflops"]
shapes = probe["dgemm_shapes"]
def shape_rate(*names):
    """numpy's rate over the products of a workload together: their flops over the time numpy takes for them all."""
    flops = [2.0 * eval(n.replace("x", "*")) for n in names]
    return sum(flops) / sum(f / shapes[n] for f, n in zip(flops, names))
rows = []
def ratio(label, ours, theirs, target, unit):
    if ours not in r or theirs not in r:
        print(f"{label:44s} not measured ({'netgrad' if ours not in r else 'baseline'} run failed)")
        rows.append((label, None, None, None, target, unit, None))
        return
    key = "steps_per_s" if unit == "iterations/s" else "examples_per_s"
    # Steps the trainer ran on one thread while timed: its sharing tuner measuring or deciding so
    # (unknown in full-batch mode, and in a jar older than the key).
    alone = lambda r_: "?" if r_.get("steps_alone", -1) < 0 else f"{r_['steps_alone']} of {r_['steps']}"
    a = r[ours][key]
    b = r[theirs]["iters_per_s" if theirs == "numpy-planar" else "examples_per_s"]
    x = a / b
    threads_b = r[theirs].get("threads", "?")
    if "config" in r[theirs]:
        threads_b = r[theirs]["config"]
    rows.append((label, a, b, x, target, unit, threads_b))
    verdict = "no target" if not target else f"target >= {target}x: {'met' if x >= target else 'MISSED'}"
    print(f"{label:44s} {a:12.1f} vs {b:10.1f} {unit:12s} = {x:5.2f}x  (baseline threads {threads_b}; {verdict})")
    every = lambda name: ", ".join(f"{(r_[key] if name == ours else figure(r_)):,.0f}" for r_ in runs[name])
    print(f"{'':44s} medians of: netgrad {every(ours)}; baseline {every(theirs)}")
    print(f"{'':44s} netgrad's threads in use: {', '.join(str(r_.get('threads_in_use', '?')) for r_ in runs[ours])}"
          f"; timed steps alone (the sharing tuner's): {', '.join(alone(r_) for r_ in runs[ours])}")
    # Compiling during the timed run (HotSpot's count, summed over its compiler threads): a slow run with
    # hundreds of milliseconds here ran partly in code not yet compiled.
    print(f"{'':44s} JIT compiling while timed (ms): {', '.join(str(r_.get('jit_ms_timed', '?')) for r_ in runs[ours])}")
    # Each round runs netgrad and its baselines a minute apart: their ratio round by round shares the
    # host's drift, which the medians (taken apart) do not; the verdict stays on the medians. Runs are paired
    # by their round's number: a round in which either failed has no ratio.
    ours_by_round, theirs_by_round = dict(zip(rounds[ours], runs[ours])), dict(zip(rounds[theirs], runs[theirs]))
    by_round = ", ".join(f"{ours_by_round[n][key] / figure(theirs_by_round[n]):.2f}x"
                         if n in ours_by_round and n in theirs_by_round else f"(round {n} not measured)"
                         for n in sorted(set(ours_by_round) | set(theirs_by_round)))
    print(f"{'':44s} round by round: {by_round}")
    def beside(name, field):
        return ", ".join("?" if m is None else f"{m[field]:.2f}" for m in machines[name])
    print(f"{'':44s} others' CPU during each run (s): netgrad {beside(ours, 'others_cpu_s')}; baseline {beside(theirs, 'others_cpu_s')}"
          f" (kdamond: {beside(ours, 'kdamond_cpu_s')}; {beside(theirs, 'kdamond_cpu_s')})")
ratio("mlp batch 128, netgrad / numpy", "netgrad-128", "numpy-128", 1.5, "examples/s")
ratio("mlp batch 128, netgrad / PyTorch", "netgrad-128", "torchbest-128", 3, "examples/s")
ratio("mlp batch 32, netgrad / numpy", "netgrad-32", "numpy-32", 1.5, "examples/s")
ratio("mlp batch 32, netgrad / PyTorch", "netgrad-32", "torchbest-32", 3, "examples/s")
ratio("wide 784-512-256-10 batch 256 / numpy", "netgrad-wide", "numpy-wide", 1.0, "examples/s")
ratio("wide 784-512-256-10 batch 256 / PyTorch", "netgrad-wide", "torchbest-wide", 0, "examples/s")
ratio("digits CNN batch 64, netgrad / numpy", "netgrad-cnn", "numpy-cnn", 5, "examples/s")
ratio("digits CNN batch 64, netgrad / PyTorch", "netgrad-cnn", "torchbest-cnn", 2, "examples/s")
ratio("planar full batch 400, netgrad / numpy", "netgrad-planar", "numpy-planar", 5, "iterations/s")
# Runs that shared the cores: more than a tenth of a core's time, on average over the run, went to other
# work. Their figures stand in the medians (three rounds absorb one such run); they are named so that a
# figure far from other sittings' can be traced to them, or found not to be.
shared = []
for name in sorted(machines):
    if name.startswith("torchbest-"):
        continue
    for number, m in zip(rounds[name], machines[name]):
        if m and m["others_cpu_s"] > 0.1 * m["wall_s"]:
            shared.append(f"{name} round {number}: {m['others_cpu_s']:.2f} s of others' CPU in {m['wall_s']:.2f} s"
                          f" (kdamond {m['kdamond_cpu_s']:.2f} s), threads waited {m['waited_s']:.2f} s, {m['major_faults']} major faults")
print("runs that shared the cores with other work (over 10 % of a core): " + ("none" if not shared else str(len(shared))))
for line in shared:
    print("  " + line)
print()
print("(GFLOP/s count 6 * n_in * n_out * batch per layer for netgrad and the scripts alike, the first layer's input")
print(" gradient included, which neither computes: \"done\" below leaves it out, the work really done)")
print(f"machine: numpy dgemm 1024 x 1024 x 1024 {peak:.1f} GFLOP/s ({probe['blas']['architecture']} kernel, {probe['blas']['num_threads']} threads)")
fma_peak = None
if os.path.exists(os.path.join(out, "peak.txt")):
    # "FMA peak, ...: 1 thread X GFLOP/s, 2 threads Y GFLOP/s": the last figure, every core busy.
    peak_text = open(os.path.join(out, "peak.txt")).read()
    fma_peak = float(peak_text.split("threads ")[-1].split(" GFLOP/s")[0])
    print(f"machine: FMA peak {fma_peak:.1f} GFLOP/s on 2 threads (bench/peak_probe.c: multiply-adds alone, no memory)")
    one_thread = float(peak_text.split("1 thread ")[-1].split(" GFLOP/s")[0]) if "1 thread " in peak_text else None
    # A host may run both vCPUs on one physical core (two hyperthreads sharing its FMA units): the
    # thirty-eighth session's second sitting measured 113.3 GFLOP/s on one thread and 113.4 on two, an
    # hour after 210.7 on two. The ratios then describe one core, not the 2-core machine of the targets.
    if one_thread and fma_peak < 1.5 * one_thread:
        print(f"WARNING: the FMA peak on 2 threads ({fma_peak:.1f} GFLOP/s) is not well above 1 thread's ({one_thread:.1f}): "
              "the host ran both vCPUs on one core's FMA units when the sitting began; its ratios are not the 2-core machine's")
# The same probe before every round: the fourteenth sitting's host moved the vCPUs within the sitting,
# so a warning from the start alone can miss a round run on one core (or name a sitting that recovered).
round_peaks = []
for n in range(1, 100):
    path = os.path.join(out, f"peak.round{n}.txt")
    if not os.path.exists(path):
        break
    text = open(path).read()
    if "1 thread " in text and "2 threads " in text:
        round_peaks.append((n, float(text.split("1 thread ")[-1].split(" GFLOP/s")[0]),
                            float(text.split("2 threads ")[-1].split(" GFLOP/s")[0])))
if round_peaks:
    print("machine: FMA peak before each round, 1 / 2 threads: "
          + ", ".join(f"round {n} {one:.1f} / {two:.1f}" for n, one, two in round_peaks) + " GFLOP/s")
    for n, one, two in round_peaks:
        if two < 1.5 * one:
            print(f"WARNING: round {n} began with both vCPUs on one core's FMA units ({two:.1f} GFLOP/s on 2 threads, "
                  f"{one:.1f} on 1): its ratios (round by round above) are not the 2-core machine's")
def done_share(sizes):
    """The share of the counted flops really done: all but the first layer's input gradient."""
    layers = list(zip(sizes, sizes[1:]))
    return 1 - 2 * layers[0][0] * layers[0][1] / (6 * sum(a * b for a, b in layers))
mlp_sizes, wide_sizes = (784, 128, 64, 10), (784, 512, 256, 10)
for name, workload, sizes, gemms in (("netgrad-128", "mlp batch 128", mlp_sizes, ("128x784x128", "64x128x128", "10x64x128")),
                                     ("netgrad-32", "mlp batch 32", mlp_sizes, ("128x784x32", "64x128x32", "10x64x32")),
                                     ("netgrad-wide", "wide batch 256", wide_sizes, ("512x784x256", "256x512x256", "10x256x256"))):
    if name in r:
        g = r[name]["gflops"]
        done = g * done_share(sizes)
        of_peak = f", done {done:.1f} = {done / fma_peak:.0%} of the FMA peak" if fma_peak else ""
        print(f"netgrad {workload}: {g:.2f} GFLOP/s = {g / peak:.0%} of numpy's dgemm at 1024, "
              f"{g / shape_rate(*gemms):.0%} of numpy's dgemm at the workload's own shapes ({shape_rate(*gemms):.1f} GFLOP/s){of_peak}")
if fma_peak and "torchbest-128" in r and "netgrad-128" in r:
    # What the 3x PyTorch target at batch 128 asks of the machine, in the work really done.
    needed = 3 * r["torchbest-128"]["examples_per_s"]
    flops_per_example = r["netgrad-128"]["gflops"] * 1e9 / r["netgrad-128"]["examples_per_s"] * done_share(mlp_sizes)
    print(f"3x PyTorch at batch 128 = {needed:,.0f} examples/s = {needed * flops_per_example / 1e9:.1f} GFLOP/s done = "
          f"{needed * flops_per_example / 1e9 / fma_peak:.0%} of the FMA peak and {needed * flops_per_example / 1e9 / peak:.0%} "
          f"of numpy's dgemm at 1024")
def allocation(tag):
    """The allocation check's bytes per step, the steps in which the calling thread allocated and the JIT's milliseconds
    while timed (a C2 compile request made from a trainer's thread allocates there, once), or None if its run failed."""
    run = r.get(f"alloc-{tag}")
    return None if run is None else (f"{run['allocated_bytes_per_step']:.2f}", run.get("allocating_steps"), run.get("jit_ms_timed", "?"))
alloc, alloc_cnn = allocation("mlp"), allocation("cnn")
if alloc and alloc_cnn:
    print(f"steady state: {alloc[0]} (mlp) and {alloc_cnn[0]} (CNN) heap bytes per step over {alloc_steps} steps each (the trainer's threads), "
          f"the calling thread allocating in {alloc[1]} and {alloc_cnn[1]} of them, {gc_timing} GC events while timing, "
          f"JIT compiling while timed {alloc[2]} and {alloc_cnn[2]} ms")
else:
    print("steady state: not measured (" + " and ".join(t for t, a in (("mlp", alloc), ("CNN", alloc_cnn)) if not a) + ": run failed)")
print()
print(f"| workload{' (EMULATED AVX2)' if emulated else ''} | netgrad ({threads + ' threads' if threads else 'default threads'}) | baseline | ratio | target |")
print("| --- | ---: | ---: | ---: | ---: |")
for label, a, b, x, target, unit, tb in rows:
    tgt = ">= " + str(target) + "x" if target else "-"
    if a is None:
        print(f"| {label} ({unit}) | not measured | | | {tgt} |")
    else:
        print(f"| {label} ({unit}) | {a:,.0f} | {b:,.0f} | {x:.2f}x | {tgt} |")
print(f"| steady-state allocation, mlp batch 128 | {alloc[0] + ' B/step' if alloc else 'not measured'} | | | 0 |")
print(f"| steady-state allocation, CNN batch 64 | {alloc_cnn[0] + ' B/step' if alloc_cnn else 'not measured'} | | | 0 |")
if quick:
    print("\n(--quick: short runs, not figures to publish)")
PY
