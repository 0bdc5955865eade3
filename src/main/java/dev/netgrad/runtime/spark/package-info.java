/**
 * Data-parallel training on Apache Spark: takes a {@code Dataset<Row>} (a features vector column
 * and a label column) and a {@link dev.netgrad.runtime.Trainer}, and gives a Spark ML
 * {@link dev.netgrad.runtime.spark.NetgradEstimator} whose {@code fit} returns a
 * {@link dev.netgrad.runtime.spark.NetgradModel}. Every step broadcasts the params, each
 * partition returns its row count, loss sum and gradient sums ({@link dev.netgrad.runtime.GradientSums},
 * never a mean), the driver adds them in partition order and applies the 1/m once with the
 * global m. Both are saved and loaded as Spark ML stages (folders laid out as Spark ML lays out its own).
 * Spark is the user's ({@code provided}); nothing here is on the tool's own path.
 */
package dev.netgrad.runtime.spark;
