/**
 * Training data and trained params on disk: CSV files in, standardized one-example-per-row
 * matrices and train/held-out splits out; params with their standardization as JSON; the cost
 * curve as a PNG; and a reflective adapter over a compiled generated trainer class.
 */
package dev.netgrad.data;
