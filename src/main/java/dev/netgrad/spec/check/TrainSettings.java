package dev.netgrad.spec.check;

import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.WholeNumbers;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.Optimizer;
import dev.netgrad.spec.TrainConfig;
import dev.netgrad.spec.ast.Expr;
import dev.netgrad.spec.ast.Member;
import dev.netgrad.spec.ast.TrainSetting;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@code train} block (docs/language.md section 7) to {@link TrainConfig}. Omitted settings take
 * {@link TrainConfig#DEFAULT}'s values; omitted optimizer arguments the usual defaults.
 */
final class TrainSettings {
    private static final String SEED_RANGE = WholeNumbers.mustBeBetween("the seed", Long.MIN_VALUE, Long.MAX_VALUE) + ", found ";

    private final ConstantFolder folder;
    private final Diagnostics diagnostics;

    TrainSettings(ConstantFolder folder, Diagnostics diagnostics) {
        this.folder = folder;
        this.diagnostics = diagnostics;
    }

    /** The block's settings as they are read; what is not set keeps {@link TrainConfig#DEFAULT}'s value. */
    private static final class Draft {
        Optimizer optimizer = TrainConfig.DEFAULT.optimizer();
        OptionalInt batch = TrainConfig.DEFAULT.batch();
        int epochs = TrainConfig.DEFAULT.epochs();
        long seed = TrainConfig.DEFAULT.seed();
        boolean ok = true;
    }

    /** Empty after reporting an error. */
    Optional<TrainConfig> config(Member.Train train) {
        Draft draft = new Draft();
        boolean sawOptimizer = false;
        Set<TrainSetting.Count.Kind> seen = EnumSet.noneOf(TrainSetting.Count.Kind.class);
        for (TrainSetting s : train.settings()) {
            if (s instanceof TrainSetting.Optimizer o) {
                if (sawOptimizer) {
                    diagnostics.error(o.pos(), "the train block already names an optimizer");
                    draft.ok = false;
                }
                sawOptimizer = true;
                Optional<Optimizer> built = optimizer(o);
                draft.ok &= built.isPresent();
                draft.optimizer = built.orElse(draft.optimizer);
            } else if (s instanceof TrainSetting.Count c && seen.add(c.kind())) {
                count(c, draft);
            } else {
                diagnostics.error(s.pos(), "the train block already sets " + ((TrainSetting.Count) s).kind().keyword());
                draft.ok = false;
            }
        }
        return draft.ok ? Optional.of(new TrainConfig(draft.optimizer, draft.batch, draft.epochs, draft.seed))
                : Optional.empty();
    }

    private void count(TrainSetting.Count c, Draft draft) {
        switch (c.kind()) {
            case BATCH -> {
                OptionalInt b = folder.size(c.value(), "the batch size");
                draft.ok &= b.isPresent();
                draft.batch = b.isPresent() ? b : draft.batch;
            }
            case EPOCHS -> {
                OptionalInt e = whole(c.value(), "the number of epochs", 1, Integer.MAX_VALUE);
                draft.ok &= e.isPresent();
                draft.epochs = e.orElse(draft.epochs);
            }
            case SEED -> {
                Optional<Long> v = seed(c.value());
                draft.ok &= v.isPresent();
                draft.seed = v.orElse(draft.seed);
            }
        }
    }

    private Optional<Optimizer> optimizer(TrainSetting.Optimizer o) {
        List<String> names = switch (o.kind()) {
            case "gd" -> List.of("lr");
            case "momentum" -> List.of("lr", "beta");
            case "adam" -> List.of("lr", "beta1", "beta2", "eps");
            default -> null;
        };
        if (names == null) {
            diagnostics.error(o.pos(), "unknown optimizer '" + o.kind() + "': expected gd(lr), momentum(lr, beta) "
                    + "or adam(lr, beta1, beta2, eps)");
            return Optional.empty();
        }
        Map<String, Double> values = arguments(o, names);
        if (values == null) {
            return Optional.empty();
        }
        // Each setting given, else its kind's default; a kind takes only its own settings' names (above).
        Optimizer.Kind kind = Optimizer.Kind.valueOf(o.kind().toUpperCase(Locale.ROOT));
        Optimizer d = Optimizer.defaults(kind);
        return Optional.of(new Optimizer(kind, values.getOrDefault("lr", d.lr()), values.getOrDefault("beta", d.beta()),
                values.getOrDefault("beta1", d.beta1()), values.getOrDefault("beta2", d.beta2()), values.getOrDefault("eps", d.eps())));
    }

    /** Named or positional arguments, by name; null after reporting every bad one (each is checked on its own). */
    private Map<String, Double> arguments(TrainSetting.Optimizer o, List<String> names) {
        Map<String, Double> values = new LinkedHashMap<>();
        Set<String> given = new java.util.HashSet<>();
        boolean ok = true;
        int position = 0;
        String signature = o.kind() + "(" + String.join(", ", names) + ")";
        for (Expr.Arg a : o.args()) {
            String name;
            if (a.name().isPresent()) {
                name = a.name().get();
                if (!names.contains(name)) {
                    diagnostics.error(a.pos(), o.kind() + " has no argument '" + name + "': it takes " + signature);
                    ok = false;
                    continue;
                }
            } else if (position < names.size()) {
                name = names.get(position++);
            } else {
                diagnostics.error(a.pos(), "too many arguments: " + o.kind() + " takes " + signature);
                ok = false;
                continue;
            }
            if (!given.add(name)) {
                diagnostics.error(a.pos(), name + " is given twice");
                ok = false;
                continue;
            }
            OptionalDouble v = range(name, a.value());
            ok &= v.isPresent();
            v.ifPresent(x -> values.put(name, x));
        }
        return ok ? values : null;
    }

    private OptionalDouble range(String name, Expr value) {
        String what = "the " + name + " of the optimizer";
        return switch (name) {
            case "lr", "eps" -> folder.inRange(value, what, NumberRange.POSITIVE);
            default -> folder.inRange(value, what, NumberRange.BETA);
        };
    }

    private OptionalInt whole(Expr e, String what, long min, long max) {
        OptionalDouble v = folder.number(e, what);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        double x = v.getAsDouble();
        if (!WholeNumbers.isBetween(x, min, max)) {
            diagnostics.error(e.start(), WholeNumbers.mustBeBetween(what, min, max) + ", found "
                    + folder.found(e, x));
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) x);
    }

    /** Any whole number that fits a long; read from the literal's text so big seeds stay exact. */
    private Optional<Long> seed(Expr e) {
        boolean negative = e instanceof Expr.Negate;
        Expr inner = negative ? ((Expr.Negate) e).operand() : e;
        if (inner instanceof Expr.Literal l && l.text().chars().allMatch(Character::isDigit)) {
            BigInteger v = new BigInteger(l.text());
            v = negative ? v.negate() : v;
            if (v.bitLength() < Long.SIZE) {
                return Optional.of(v.longValue());
            }
            diagnostics.error(e.start(), SEED_RANGE + v);
            return Optional.empty();
        }
        // Written otherwise (1.5, 2 * k): the same range as a literal, not an int's.
        OptionalDouble v = folder.number(e, "the seed");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        double x = v.getAsDouble();
        if (x != Math.rint(x) || x < Long.MIN_VALUE || x >= -(double) Long.MIN_VALUE) {
            diagnostics.error(e.start(), SEED_RANGE + ExprPrinter.number(x));
            return Optional.empty();
        }
        return Optional.of((long) x);
    }
}
