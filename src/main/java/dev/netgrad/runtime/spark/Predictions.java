package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.Prediction;
import dev.netgrad.runtime.Trainer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A partition's predictions: its rows in chunks of at most {@code chunkRows} through
 * {@link Trainer#predict} (dropout off), each row given back with the prediction and, when the
 * labels are classes or binary, the probabilities appended.
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

    Predictions(TrainerFactory factory, long seed, double[][][] params, LabelKind labelKind, String featuresCol, int featuresIndex,
            int chunkRows) {
        this.factory = factory;
        this.seed = seed;
        this.params = params;
        this.labelKind = labelKind;
        this.featuresCol = featuresCol;
        this.featuresIndex = featuresIndex;
        this.chunkRows = chunkRows;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Trainer trainer = TaskTrainers.create(factory, seed);
        Params.set(trainer, params);
        return new Iterator<>() {
            private Iterator<Row> chunk = Collections.emptyIterator();

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
        };
    }

    private Iterator<Row> predictChunk(Trainer trainer, Iterator<Row> rows) {
        List<Row> in = new ArrayList<>();
        while (in.size() < chunkRows && rows.hasNext()) {
            in.add(rows.next());
        }
        double[][] x = new double[in.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = features(in.get(i), trainer.inputSize());
        }
        double[][] outputs = trainer.predict(x);
        List<Row> out = new ArrayList<>(in.size());
        for (int i = 0; i < x.length; i++) {
            out.add(withPrediction(in.get(i), outputs[i], trainer.prediction()));
        }
        return out.iterator();
    }

    private double[] features(Row row, int inputSize) {
        if (row.isNullAt(featuresIndex)) {
            throw new IllegalArgumentException("a row's features column " + featuresCol + " is null; netgrad predicts only from features");
        }
        double[] x = ((Vector) row.get(featuresIndex)).toArray();
        if (x.length != inputSize) {
            throw new IllegalArgumentException("a row's features column " + featuresCol + " holds a vector of size " + x.length
                    + ", the network takes " + inputSize + " inputs");
        }
        for (int j = 0; j < x.length; j++) {
            // As fit refuses such a row, and netgrad predict: a class or value predicted from NaN or
            // an infinite feature would look like an answer.
            if (!Double.isFinite(x[j])) {
                throw new IllegalArgumentException("a row's feature " + j + " is " + x[j] + "; netgrad predicts only from finite features");
            }
        }
        return x;
    }

    private Row withPrediction(Row row, double[] output, Optional<Prediction> reading) {
        int n = row.length();
        Object[] values = new Object[n + (labelKind.classifies() ? 2 : 1)];
        for (int j = 0; j < n; j++) {
            values[j] = row.get(j);
        }
        values[n] = labelKind.prediction(output, reading);
        if (labelKind.classifies()) {
            values[n + 1] = Vectors.dense(labelKind.probabilities(output, reading));
        }
        return RowFactory.create(values);
    }
}
