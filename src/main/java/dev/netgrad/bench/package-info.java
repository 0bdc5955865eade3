/**
 * Training throughput of generated trainers: takes a derived network, compiles its trainer in
 * memory, trains it on seeded random data and gives examples/s, steps/s, GFLOP/s and the bytes
 * allocated per step. Also the compiler's own scaling with network depth.
 */
package dev.netgrad.bench;
