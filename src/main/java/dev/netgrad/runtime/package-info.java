/**
 * The runtime every generated trainer extends ({@link dev.netgrad.runtime.NetworkTrainer}, a
 * {@link dev.netgrad.runtime.Trainer}): ordinary Java, java.base alone, compiled and tested with
 * netgrad and written out verbatim beside generated trainers by {@code generate} and the Maven
 * plugin.
 */
package dev.netgrad.runtime;
