package dev.netgrad.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** Sampled entries (row-major) and their differences, in the same order. */
record Compared(int[] entries, Slope[] slopes) {
    /** The entries whose differences with the step {@link GradientCheck#EPSILON} {@code leftOut} keeps. */
    static Compared of(int[] sampled, IntFunction<Slope> at, LeftOut leftOut) {
        List<Integer> entries = new ArrayList<>();
        List<Slope> slopes = new ArrayList<>();
        for (int entry : sampled) {
            Slope slope = at.apply(entry);
            if (leftOut.keeps(slope)) {
                entries.add(entry);
                slopes.add(slope);
            }
        }
        return new Compared(entries.stream().mapToInt(Integer::intValue).toArray(), slopes.toArray(Slope[]::new));
    }

    /** The same entries' differences with another step. */
    Compared again(IntFunction<Slope> at) {
        return new Compared(entries, Arrays.stream(entries).mapToObj(at).toArray(Slope[]::new));
    }

    Compared kept(boolean[] kept) {
        int[] in = IntStream.range(0, entries.length).filter(k -> kept[k]).toArray();
        return new Compared(Arrays.stream(in).map(k -> entries[k]).toArray(),
                Arrays.stream(in).mapToObj(k -> slopes[k]).toArray(Slope[]::new));
    }

    int size() {
        return entries.length;
    }

    Slope slope(int k) {
        return slopes[k];
    }

    double[] gradients(double[][] analytic) {
        int cols = analytic[0].length;
        return Arrays.stream(entries).mapToDouble(e -> analytic[e / cols][e % cols]).toArray();
    }

    double[] values() {
        return Arrays.stream(slopes).mapToDouble(Slope::value).toArray();
    }

    double[] roundings() {
        return Arrays.stream(slopes).mapToDouble(Slope::rounding).toArray();
    }
}
