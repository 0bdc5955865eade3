package dev.netgrad.spec.ast;

import dev.netgrad.spec.SourcePos;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** One line of a {@code train} block. */
public sealed interface TrainSetting {
    SourcePos pos();

    /** {@code optimizer adam(lr = 0.001, ...)}; {@code pos} is the optimizer's name. */
    record Optimizer(String kind, List<Expr.Arg> args, SourcePos pos) implements TrainSetting {
        public Optimizer {
            Objects.requireNonNull(kind, "kind");
            args = List.copyOf(args);
            Objects.requireNonNull(pos, "pos");
        }
    }

    /** {@code batch 64}, {@code epochs 100} or {@code seed 3}; {@code pos} is the keyword. */
    record Count(Kind kind, Expr value, SourcePos pos) implements TrainSetting {
        public enum Kind {
            BATCH, EPOCHS, SEED;

            public String keyword() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public Count {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(pos, "pos");
        }
    }
}
