/*
 * What sharing work between the cores costs on this machine, for bench/compare.sh: the round trip
 * of one cache line between two threads pinned to cores 0 and 1 (each waits for the other's write
 * to an atomic, then writes back), and the pauses each core takes (a thread spinning on the clock
 * counts the gaps of 20 µs or more: the host's or the kernel's interruptions). Prints one line each.
 *
 * Build and run: gcc -O2 -pthread bench/vcpu_probe.c -o vcpu_probe && ./vcpu_probe
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#define ROUND_TRIPS 1000000
#define PAUSE_NS 20000.0
#define WATCH_SECONDS 2.0

static _Atomic long flag __attribute__((aligned(64)));

static int pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static void *answer(void *unused) {
    (void) unused;
    pin(1);
    for (long i = 0; i < ROUND_TRIPS; i++) {
        while (atomic_load(&flag) != 2 * i + 1) {
        }
        atomic_store(&flag, 2 * i + 2);
    }
    return NULL;
}

static void *watch(void *cpu) {
    int c = (int) (long) cpu;
    pin(c);
    double start = now_ns(), last = start, lost = 0, longest = 0;
    long pauses = 0;
    while (last - start < WATCH_SECONDS * 1e9) {
        double t = now_ns();
        double gap = t - last;
        if (gap >= PAUSE_NS) {
            pauses++;
            lost += gap;
            longest = gap > longest ? gap : longest;
        }
        last = t;
    }
    printf("core %d: %.0f pauses of 20 us or more a second, %.1f %% of the time, longest %.2f ms\n",
           c, pauses / WATCH_SECONDS, 100 * lost / (last - start), longest / 1e6);
    return NULL;
}

int main(void) {
    if (pin(0) != 0) {
        printf("cache line round trip between cores 0 and 1: not measured (no core 1)\n");
        return 0;
    }
    pthread_t other;
    pthread_create(&other, NULL, answer, NULL);
    double start = now_ns();
    for (long i = 0; i < ROUND_TRIPS; i++) {
        atomic_store(&flag, 2 * i + 1);
        while (atomic_load(&flag) != 2 * i + 2) {
        }
    }
    double elapsed = now_ns() - start;
    pthread_join(other, NULL);
    printf("cache line round trip between cores 0 and 1: %.0f ns\n", elapsed / ROUND_TRIPS);
    pthread_t watchers[2];
    for (long c = 0; c < 2; c++) {
        pthread_create(&watchers[c], NULL, watch, (void *) c);
    }
    for (int c = 0; c < 2; c++) {
        pthread_join(watchers[c], NULL);
    }
    return 0;
}
