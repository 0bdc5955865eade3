package dev.netgrad.data;

import dev.netgrad.spec.Network;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Trained params (each r x c, in the equations' layout), the running statistics of the network's
 * batchnorms (by the value each assigns; none when it has no batchnorm, or when a file of params
 * alone was read) and the standardization the network was trained with (none when it was trained
 * on raw features), and the names of the feature columns of the CSV file it was trained on, in their
 * order (none when no file's header named them: params alone, or saved by a trainer's {@code save}), and the
 * forward pass of the network that trained them, a line a value as {@code show} prints it (none when not known).
 */
public record SavedParams(String network, Map<String, double[][]> params, Map<String, RunningStatistics> batchnorm,
                          Optional<Standardization> standardization, List<String> columns, List<String> forward) {
    public SavedParams {
        Objects.requireNonNull(network, "network");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        batchnorm = Collections.unmodifiableMap(new LinkedHashMap<>(batchnorm));
        Objects.requireNonNull(standardization, "standardization");
        columns = List.copyOf(columns);
        forward = List.copyOf(forward);
    }

    /** Params whose training data's columns and network's forward pass are not known. */
    public SavedParams(String network, Map<String, double[][]> params, Map<String, RunningStatistics> batchnorm,
                       Optional<Standardization> standardization) {
        this(network, params, batchnorm, standardization, List.of(), List.of());
    }

    /** Params of a network without batchnorm (or params alone). */
    public SavedParams(String network, Map<String, double[][]> params, Optional<Standardization> standardization) {
        this(network, params, Map.of(), standardization);
    }

    /** These params, trained on a file whose feature columns are {@code columns}. */
    public SavedParams withColumns(List<String> columns) {
        return new SavedParams(network, params, batchnorm, standardization, columns, forward);
    }

    /** These params, trained by a network whose forward pass is {@code forward} (NetworkPrinter.forward's lines). */
    public SavedParams withForward(List<String> forward) {
        return new SavedParams(network, params, batchnorm, standardization, columns, forward);
    }

    /**
     * What using these params with {@code network} on a file of {@code columns} is to be warned of, {@code source}
     * naming where they came from: columns renamed since training ({@link CsvColumns#renamed}), a forward pass changed
     * since ({@link ParamsFile#otherForward}). Columns in other places are refused before, by {@link
     * CsvColumns#requireTrainedOn}.
     */
    public List<String> warnings(CsvColumns columns, Network network, String source) {
        return Stream.of(columns.renamed(this.columns, source), ParamsFile.otherForward(forward, network, source))
                .flatMap(Optional::stream).toList();
    }

    /** The features the network takes: standardized when it was trained that way. */
    public double[][] prepare(double[][] rawFeatures) {
        return standardization.map(s -> s.apply(rawFeatures)).orElse(rawFeatures);
    }
}
