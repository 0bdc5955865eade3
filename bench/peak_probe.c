/*
 * The machine's double-precision peak, for bench/compare.sh: the rate of fused multiply-adds on the
 * widest vectors the compiler targets (build with -march=native), with nothing else in the loop:
 * no loads, no stores, twelve independent chains, enough to keep two FMA units of four-cycle
 * latency busy. No program computing anything reaches it; it is the ceiling a figure in GFLOP/s
 * is measured against. Prints one line: the rate on one thread and on two, each pinned to a core.
 *
 * Build and run: gcc -O3 -march=native -pthread bench/peak_probe.c -o peak_probe && ./peak_probe
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>

#if defined(__AVX512F__)
#define LANES 8
#elif defined(__AVX__)
#define LANES 4
#else
#define LANES 2
#endif
#define CHAINS 12
#define ROUNDS 40000000L

typedef double vec __attribute__((vector_size(LANES * sizeof(double))));

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

struct work {
    int cpu;
    double sink;
};

static void *chains(void *arg) {
    struct work *w = arg;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(w->cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    vec acc[CHAINS], scale, shift;
    for (int l = 0; l < LANES; l++) {
        scale[l] = 0.999999;
        shift[l] = 1e-9;
    }
    for (int c = 0; c < CHAINS; c++) {
        for (int l = 0; l < LANES; l++) {
            acc[c][l] = c + l;
        }
    }
    for (long r = 0; r < ROUNDS; r++) {
#pragma GCC unroll 12
        for (int c = 0; c < CHAINS; c++) {
            acc[c] = acc[c] * scale + shift; /* one fused multiply-add under -march=native */
        }
    }
    double sum = 0;
    for (int c = 0; c < CHAINS; c++) {
        for (int l = 0; l < LANES; l++) {
            sum += acc[c][l];
        }
    }
    w->sink = sum; /* the chains' results are used, so the loop stays */
    return NULL;
}

/* GFLOP/s of `threads` threads running the chains at once, on cores 0 .. threads - 1. */
static double rate(int threads) {
    pthread_t t[2];
    struct work w[2];
    double start = now_s();
    for (int i = 0; i < threads; i++) {
        w[i].cpu = i;
        pthread_create(&t[i], NULL, chains, &w[i]);
    }
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
    }
    double seconds = now_s() - start;
    return threads * (double) ROUNDS * CHAINS * LANES * 2 / seconds / 1e9;
}

int main(void) {
    rate(1); /* let the clock rise before timing */
    double one = rate(1);
    double two = rate(2);
    printf("FMA peak, double precision, %d-bit vectors: 1 thread %.1f GFLOP/s, 2 threads %.1f GFLOP/s\n",
           LANES * 64, one, two);
    return 0;
}
