/*
 * How fast this machine's caches and memory feed the cores, for bench/compare.sh: every thread
 * (one a core, pinned) reads its own buffer again and again, summing it with vector loads, for a
 * quarter of a second a size, and the probe prints the read rate of all of them together in GB/s
 * for a buffer that stays in a core's L2 (512 KB), one that needs the shared L3 (4 MB a thread) and
 * one that comes from memory (128 MB a thread). bench/peak_probe.c measures the multiply-adds
 * alone; a training step also streams its batch and weights through these, and on a shared host
 * the L3 and the memory are what other tenants share: a slow stretch with an unchanged FMA rate
 * shows here if it is the caches or the memory.
 *
 * Build and run: gcc -O3 -march=native -pthread bench/memory_probe.c -o memory_probe && ./memory_probe
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SECONDS_A_SIZE 0.25
#define MAX_THREADS 64

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

struct reader {
    int cpu;
    size_t doubles;
    double *buffer;
    double bytes_read;
    double seconds;
    double sum; /* kept, so that the compiler cannot drop the reads */
};

static void *read_buffer(void *arg) {
    struct reader *r = arg;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(r->cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    double *b = r->buffer;
    for (size_t i = 0; i < r->doubles; i++) {
        b[i] = (double) (i % 7);
    }
    /* 32 sums, four 512-bit vectors of them: the loop is bounded by the loads, not by a chain of additions. */
    double acc[32] = {0};
    long passes = 0;
    double start = now_s(), elapsed;
    do {
        for (size_t i = 0; i < r->doubles; i += 32) {
            for (int j = 0; j < 32; j++) {
                acc[j] += b[i + j];
            }
        }
        passes++;
        elapsed = now_s() - start;
    } while (elapsed < SECONDS_A_SIZE);
    r->sum = 0;
    for (int j = 0; j < 32; j++) {
        r->sum += acc[j];
    }
    r->bytes_read = (double) passes * r->doubles * sizeof(double);
    r->seconds = elapsed;
    return NULL;
}

/* The read rate of all the threads together, in GB/s, each reading a buffer of bytes_a_thread. */
static double rate(int threads, size_t bytes_a_thread) {
    pthread_t ids[MAX_THREADS];
    struct reader readers[MAX_THREADS];
    for (int t = 0; t < threads; t++) {
        readers[t] = (struct reader) {.cpu = t, .doubles = bytes_a_thread / sizeof(double)};
        if (posix_memalign((void **) &readers[t].buffer, 64, bytes_a_thread) != 0) {
            fprintf(stderr, "memory probe: cannot allocate %zu bytes\n", bytes_a_thread);
            exit(1);
        }
        pthread_create(&ids[t], NULL, read_buffer, &readers[t]);
    }
    double gb_per_s = 0, checksum = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
        gb_per_s += readers[t].bytes_read / readers[t].seconds / 1e9;
        checksum += readers[t].sum;
        free(readers[t].buffer);
    }
    if (checksum < 0) {
        printf("(checksum %g)\n", checksum);
    }
    return gb_per_s;
}

int main(void) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = cores < 1 ? 1 : cores > MAX_THREADS ? MAX_THREADS : (int) cores;
    double l2 = rate(threads, 512u << 10);
    double l3 = rate(threads, 4u << 20);
    double memory = rate(threads, 128u << 20);
    printf("memory read, %d threads: L2 (512 KB a thread) %.0f GB/s, L3 (4 MB a thread) %.0f GB/s, memory (128 MB a thread) %.0f GB/s\n",
           threads, l2, l3, memory);
    return 0;
}
