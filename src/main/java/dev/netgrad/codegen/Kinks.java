package dev.netgrad.codegen;

import dev.netgrad.diff.Derivation;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinks of a forward pass, where relu, leaky_relu and abs change slope at 0, seen through the
 * values a trainer keeps: a kink's input where it is a named value (Z1 in {@code relu(Z1)}), else
 * the result of a statement that is a relu (or a leaky_relu whose slope is a number of at least 0)
 * of an expression, whose sign is its input's side. A kink inside an expression of a statement
 * ({@code abs(A2 - Y)} in a loss) has no value to watch and is not seen.
 *
 * <p>Centred differences whose steps take a kink's input across 0 measure half of one slope and half
 * of the other, and call a right gradient wrong; {@link #crossing} tells the gradient check which
 * steps did, by the sides of every watched entry, which it compares with the sides at the checked
 * point.
 */
final class Kinks {
    /** A value whose sign is a kink's side; {@code input} when it is the kink's input itself. */
    private record Watched(String name, Op op, boolean input) {
        /** "relu's input Z1" or "the input of A1's relu". */
        String describe() {
            return input ? op.symbol() + "'s input " + name : "the input of " + name + "'s " + op.symbol();
        }
    }

    private final List<Watched> watched;

    private Kinks(List<Watched> watched) {
        this.watched = List.copyOf(watched);
    }

    /** The kinks of {@code d}'s forward pass that {@code trainer} keeps a value of. */
    static Kinks of(Derivation d, CompiledTrainer trainer) {
        List<Watched> kept = new ArrayList<>();
        for (Watched w : watched(d)) {
            try {
                trainer.value(w.name());
                kept.add(w);
            } catch (IllegalArgumentException e) {
                // a value the trainer keeps no buffer of: its kink cannot be seen
            }
        }
        return new Kinks(kept);
    }

    /** The names of the values whose signs are the sides of {@code d}'s kinks, in the forward pass's order. */
    static List<String> names(Derivation d) {
        return watched(d).stream().map(Watched::name).toList();
    }

    private static List<Watched> watched(Derivation d) {
        Map<String, Watched> found = new LinkedHashMap<>();
        for (Statement s : d.stableForward()) {
            collect(s, s.value(), found);
        }
        return List.copyOf(found.values());
    }

    private static void collect(Statement s, Node node, Map<String, Watched> found) {
        if (!(node instanceof Apply a)) {
            return;
        }
        boolean kink = a.op() == Op.RELU || a.op() == Op.LEAKY_RELU || a.op() == Op.ABS;
        if (kink && a.x() instanceof Ref r && r.kind() == RefKind.VALUE) {
            found.putIfAbsent(r.name(), new Watched(r.name(), a.op(), true));
        } else if (kink && node == s.value() && signKeepsSide(a)) {
            found.putIfAbsent(s.name(), new Watched(s.name(), a.op(), false));
        }
        a.args().forEach(arg -> collect(s, arg, found));
    }

    /** relu(x) is above 0 exactly when x is, and leaky_relu(x, a) with a >= 0 has the sign of x, or relu's. */
    private static boolean signKeepsSide(Apply a) {
        return a.op() == Op.RELU || a.op() == Op.LEAKY_RELU && a.arg(1) instanceof Num slope && slope.value() >= 0;
    }

    /**
     * The smallest |v| over the entries of every named kink input in the trainer's last forward
     * pass (infinite when there is none); the results that stand for their inputs' sides are left
     * out, their size not being their input's.
     */
    double margin(CompiledTrainer trainer) {
        double margin = Double.POSITIVE_INFINITY;
        for (Watched w : watched) {
            if (!w.input()) {
                continue;
            }
            for (double[] row : trainer.value(w.name())) {
                for (double v : row) {
                    margin = Math.min(margin, Math.abs(v));
                }
            }
        }
        return margin;
    }

    /** The side of every watched entry in the trainer's last forward pass. */
    byte[][][] sides(CompiledTrainer trainer) {
        byte[][][] out = new byte[watched.size()][][];
        for (int k = 0; k < watched.size(); k++) {
            double[][] value = trainer.value(watched.get(k).name());
            out[k] = new byte[value.length][];
            for (int r = 0; r < value.length; r++) {
                out[k][r] = new byte[value[r].length];
                for (int c = 0; c < value[r].length; c++) {
                    out[k][r][c] = side(value[r][c]);
                }
            }
        }
        return out;
    }

    /**
     * Where the trainer's last forward pass first has a watched entry on another side than in
     * {@code base}, "relu's input Z1 at row 2, column 5", or null when none is.
     */
    String crossing(byte[][][] base, CompiledTrainer trainer) {
        byte[][][] now = sides(trainer);
        for (int k = 0; k < watched.size(); k++) {
            for (int r = 0; r < now[k].length; r++) {
                for (int c = 0; c < now[k][r].length; c++) {
                    if (now[k][r][c] != base[k][r][c]) {
                        return watched.get(k).describe() + " at row " + (r + 1) + ", column " + (c + 1);
                    }
                }
            }
        }
        return null;
    }

    /**
     * 1 above 0, -1 below, 0 at it (-0.0 too), and 2 for NaN, which is on no side: a NaN that
     * appears or goes counts as a change of side, so the difference across it is not trusted.
     */
    private static byte side(double v) {
        return v > 0 ? 1 : v < 0 ? -1 : v == 0 ? 0 : (byte) 2;
    }
}
