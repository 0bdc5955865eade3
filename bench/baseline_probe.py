#!/usr/bin/python3
"""What the baselines really run on: numpy's BLAS library, version, kernel and threads
(threadpoolctl), whether the BLAS kernel computes correctly, and the machine's
double-precision matrix-product rate through numpy at 1024 and at the benchmark workloads' own
shapes. Prints one JSON object. Run it with the same environment as the baselines.

Usage: baseline_probe.py [M,K,N ...]   extra product shapes (M x K times K x N) to time
"""
import json
import os
import sys
import time

import numpy as np
import threadpoolctl

# Kernels OpenBLAS falls back to when it does not know the processor: no AVX2, no FMA.
GENERIC_KERNELS = {"prescott", "generic", "core2", "katmai", "coppermine", "northwood", "atom",
                   "dunnington", "penryn", "nehalem", "opteron", "barcelona", "bobcat"}


def blas_info():
    libs = [i for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]
    if not libs:
        # threadpoolctl knows OpenBLAS, MKL and BLIS; anything else (the reference BLAS of
        # Debian's libblas3, for one) is single-threaded, unblocked Fortran.
        paths = sorted({line.split()[-1] for line in open("/proc/self/maps")
                        if len(line.split()) >= 6 and "blas" in line.split()[-1]})
        return {"internal_api": "unknown (not OpenBLAS, MKL or BLIS)", "filepath": ", ".join(paths),
                "version": None, "architecture": None, "num_threads": 1}
    lib = libs[0]
    return {k: lib.get(k) for k in ("internal_api", "filepath", "version", "architecture", "num_threads",
                                    "threading_layer")}


def kernel_is_correct():
    """The BLAS product against numpy's own summation (which does not call BLAS), to 1e-12."""
    rng = np.random.default_rng(1)
    a = rng.standard_normal((67, 131))
    b = rng.standard_normal((131, 45))
    exact = (a[:, :, None] * b[None, :, :]).sum(axis=1)
    return bool(np.max(np.abs(a @ b - exact)) <= 1e-12 * np.max(np.abs(exact)))


def gflops(m, k, n, seconds=0.6):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((m, k))
    b = rng.standard_normal((k, n))
    out = np.empty((m, n))
    for _ in range(3):
        np.matmul(a, b, out=out)
    reps, start = 0, time.perf_counter()
    while True:
        np.matmul(a, b, out=out)
        reps += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return 2.0 * m * k * n * reps / elapsed / 1e9


def cpu():
    model, flags = "?", set()
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name") and model == "?":
            model = line.split(":", 1)[1].strip()
        if line.startswith("flags") and not flags:
            flags = set(line.split(":", 1)[1].split())
    family = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("cpu family")), "?")
    simd = [f for f in ("avx2", "fma", "avx512f") if f in flags]
    return {"model": model, "family": family, "cores": os.cpu_count(), "simd": simd}


def main():
    info = blas_info()
    arch = (info.get("architecture") or "").lower()
    threads = info.get("num_threads") or 1
    problems = []
    if not info["internal_api"] in ("openblas", "mkl", "blis"):
        problems.append("numpy does not use an optimized BLAS (" + str(info["internal_api"]) + ": " + str(info["filepath"]) + ")")
    if arch in GENERIC_KERNELS:
        problems.append("OpenBLAS runs the generic kernel " + info["architecture"])
    # compare.sh --avx2 forces the kernel OpenBLAS picks on AVX2 Zen processors, on purpose and
    # said so; any other forced kernel cripples the baseline.
    emulated = os.environ.get("NETGRAD_EMULATE") == "avx2" and os.environ.get("OPENBLAS_CORETYPE") == "Zen"
    if os.environ.get("OPENBLAS_CORETYPE") and not emulated:
        problems.append("OPENBLAS_CORETYPE=" + os.environ["OPENBLAS_CORETYPE"] + " forces OpenBLAS's kernel; unset it for the baselines")
    if threads < os.cpu_count():
        problems.append(f"numpy's BLAS uses {threads} thread{'' if threads == 1 else 's'} on {os.cpu_count()} cores")
    correct = kernel_is_correct()
    if not correct:
        problems.append("the BLAS kernel gives wrong products")
    shapes = [tuple(int(v) for v in s.split(",")) for s in sys.argv[1:]]
    result = {
        "cpu": cpu(),
        "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")},
        "numpy": np.__version__,
        "blas": info,
        "kernel_correct": correct,
        "dgemm_1024_gflops": gflops(1024, 1024, 1024, 1.5),
        "dgemm_shapes": {f"{m}x{k}x{n}": gflops(m, k, n) for m, k, n in shapes},
        "problems": problems,
    }
    try:
        import torch
        result["torch"] = torch.__version__
    except ImportError:
        result["torch"] = None
    print(json.dumps(result))


main()
