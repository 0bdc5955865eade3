package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.Kernels;
import dev.netgrad.runtime.Prediction;
import dev.netgrad.runtime.Trainer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A partition's predictions: its rows in chunks of at most {@code chunkRows} through
 * {@link Trainer#predict} (dropout off), each row given back with the prediction and, when the
 * labels are classes or binary, the probabilities and the raw prediction appended. A row whose features cannot be predicted
 * from (null, of another size, not finite) fails the task, is dropped or is kept with nulls, as
 * {@code handleInvalid} says.
 */
final class Predictions implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final TrainerFactory factory;
    private final long seed;
    private final double[][][] params;
    private final LabelKind labelKind;
    private final String featuresCol;
    private final int featuresIndex;
    private final int chunkRows;
    private final String handleInvalid;
    /** The columns the rows get, in the schema's order ({@link ModelColumns#added}). */
    private final EnumSet<ModelColumns.Output> added;

    Predictions(TrainerFactory factory, long seed, double[][][] params, LabelKind labelKind, String featuresCol, int featuresIndex,
            int chunkRows, String handleInvalid, Set<ModelColumns.Output> added) {
        this.factory = factory;
        this.seed = seed;
        this.params = params;
        this.labelKind = labelKind;
        this.featuresCol = featuresCol;
        this.featuresIndex = featuresIndex;
        this.chunkRows = chunkRows;
        this.handleInvalid = handleInvalid;
        this.added = EnumSet.noneOf(ModelColumns.Output.class);
        this.added.addAll(added);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Trainer trainer = TaskTrainers.create(factory, seed);
        Params.set(trainer, params);
        int partition = TaskContext.getPartitionId();
        return new Iterator<>() {
            private Iterator<Row> chunk = Collections.emptyIterator();
            /** The partition's rows read so far, to name an invalid one. */
            private long read;

            @Override
            public boolean hasNext() {
                if (!chunk.hasNext() && rows.hasNext()) {
                    chunk = predictChunk(trainer, rows);
                }
                return chunk.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return chunk.next();
            }

            private Iterator<Row> predictChunk(Trainer trainer, Iterator<Row> rows) {
                List<Row> in = new ArrayList<>();
                List<double[]> x = new ArrayList<>();
                // A skipped row takes no place in the chunk: a chunk is empty only when the rows are done.
                while (in.size() < chunkRows && rows.hasNext()) {
                    Row row = rows.next();
                    double[] features = features(row, trainer.inputSize(), partition, read++);
                    if (features != null || handleInvalid.equals(ModelColumns.KEEP)) {
                        in.add(row);
                        x.add(features);
                    }
                }
                return predicted(trainer, in, x).iterator();
            }
        };
    }

    /** The rows with their predictions; a row without features (kept invalid) gets nulls. */
    private List<Row> predicted(Trainer trainer, List<Row> in, List<double[]> x) {
        double[][] valid = x.stream().filter(Objects::nonNull).toArray(double[][]::new);
        double[][] outputs = valid.length == 0 ? valid : trainer.predict(valid);
        List<Row> out = new ArrayList<>(in.size());
        int k = 0;
        for (int i = 0; i < in.size(); i++) {
            out.add(withPrediction(in.get(i), x.get(i) == null ? null : outputs[k++], trainer.prediction()));
        }
        return out;
    }

    /** The row's features; null for an invalid row that handleInvalid skips or keeps, which "error" refuses. */
    private double[] features(Row row, int inputSize, int partition, long index) {
        Vector vector = row.isNullAt(featuresIndex) ? null : (Vector) row.get(featuresIndex);
        String problem = sizeProblem(vector, inputSize);
        double[] x = null;
        // A vector of another size is not made dense: a sparse one of 2^18 entries (HashingTF's default) would take 2 MB.
        if (problem == null) {
            x = vector.toArray();
            problem = valuesProblem(x);
        }
        if (problem == null) {
            return x;
        }
        if (handleInvalid.equals(ModelColumns.ERROR)) {
            throw new IllegalArgumentException("partition " + partition + ", row " + index + ": " + problem
                    + " (handleInvalid \"skip\" drops such rows, \"keep\" gives them a null prediction)");
        }
        return null;
    }

    /** What makes a row's features vector ({@code null} for a null cell) unfit to predict from by its size, or null. */
    private String sizeProblem(Vector vector, int inputSize) {
        if (vector == null) {
            return "the features column " + featuresCol + " is null; netgrad predicts only from features";
        }
        if (vector.size() != inputSize) {
            return "the features column " + featuresCol + " holds a vector of size " + vector.size() + ", the network takes "
                    + inputSize + " inputs";
        }
        return null;
    }

    /** What makes a row's features, of the network's size, unfit to predict from by their values, or null. */
    private String valuesProblem(double[] x) {
        // As fit refuses such a row, and netgrad predict: a class or value predicted from NaN or
        // an infinite feature would look like an answer.
        int j = Kernels.firstNonFinite(x, 0, x.length);
        return j < 0 ? null : "feature " + j + " of the features column " + featuresCol + " is " + x[j]
                + "; netgrad predicts only from finite features";
    }

    /** The row with its prediction (and probabilities), or with nulls for an {@code output} of null. */
    private Row withPrediction(Row row, double[] output, Optional<Prediction> reading) {
        int n = row.length();
        Object[] values = new Object[n + added.size()];
        for (int j = 0; j < n; j++) {
            values[j] = row.get(j);
        }
        if (output == null) {
            return RowFactory.create(values);
        }
        int j = n;
        for (ModelColumns.Output column : added) {
            values[j++] = switch (column) {
                case PREDICTION -> labelKind.prediction(output, reading);
                case PROBABILITY -> Vectors.dense(labelKind.probabilities(output, reading));
                case RAW_PREDICTION -> Vectors.dense(labelKind.rawPrediction(output, reading));
            };
        }
        return RowFactory.create(values);
    }
}
