package dev.netgrad.spec.ast;

import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a network block as written. Declarations with a name carry the name's position;
 * the others carry their keyword's.
 */
public sealed interface Member {
    SourcePos pos();

    /** {@code input X[n]} or {@code target Y[k]}. */
    record Data(boolean target, String name, List<Expr> sizes, SourcePos pos) implements Member {
        public Data {
            Objects.requireNonNull(name, "name");
            sizes = List.copyOf(sizes);
            Objects.requireNonNull(pos, "pos");
        }
    }

    /** {@code param W[r, c] init I}. */
    record ParamDecl(String name, List<Expr> sizes, Optional<InitSpec> init, SourcePos pos) implements Member {
        public ParamDecl {
            Objects.requireNonNull(name, "name");
            sizes = List.copyOf(sizes);
            Objects.requireNonNull(init, "init");
            Objects.requireNonNull(pos, "pos");
        }
    }

    /** {@code const lambda = 0.7}. */
    record ConstDecl(String name, Expr value, SourcePos pos) implements Member {
        public ConstDecl {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(pos, "pos");
        }
    }

    /** {@code dim n_h = 4}. */
    record DimDecl(String name, Expr value, SourcePos pos) implements Member {
        public DimDecl {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(pos, "pos");
        }
    }

    /** {@code NAME = expr}, {@code loss NAME = expr} or {@code cost NAME = expr}. */
    record Assignment(String name, Statement.Role role, Expr value, SourcePos pos) implements Member {
        public Assignment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(pos, "pos");
        }
    }

    /** {@code loss cross_entropy} or {@code loss mse}; {@code pos} is the kind. */
    record LossShorthand(String kind, SourcePos pos) implements Member {
        public LossShorthand {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(pos, "pos");
        }
    }

    /** {@code output A2}. */
    record Output(String name, SourcePos pos) implements Member {
        public Output {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pos, "pos");
        }
    }

    /** {@code dense N act [init I] [dropout k]}; {@code pos} is the keyword dense. */
    record Dense(Expr units, String activation, SourcePos activationPos, Optional<InitSpec> init,
                 Optional<Expr> keep, SourcePos pos) implements Member {
        public Dense {
            Objects.requireNonNull(units, "units");
            Objects.requireNonNull(activation, "activation");
            Objects.requireNonNull(activationPos, "activationPos");
            Objects.requireNonNull(init, "init");
            Objects.requireNonNull(keep, "keep");
            Objects.requireNonNull(pos, "pos");
        }
    }

    /**
     * {@code conv N f act [stride s] [pad p|same] [init I]}; {@code pos} is the keyword conv. A pad
     * of {@code same} is the name {@code same}.
     */
    record Conv(Expr units, Expr size, String activation, SourcePos activationPos, Optional<InitSpec> init,
                Optional<Expr> stride, Optional<Expr> pad, SourcePos pos) implements Member {
        public Conv {
            Objects.requireNonNull(units, "units");
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(activation, "activation");
            Objects.requireNonNull(activationPos, "activationPos");
            Objects.requireNonNull(init, "init");
            Objects.requireNonNull(stride, "stride");
            Objects.requireNonNull(pad, "pad");
            Objects.requireNonNull(pos, "pos");
        }
    }

    /** {@code maxpool f [stride s]} or {@code avgpool f [stride s]}; {@code pos} is the keyword. */
    record Pool(boolean max, Expr size, Optional<Expr> stride, SourcePos pos) implements Member {
        public Pool {
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(stride, "stride");
            Objects.requireNonNull(pos, "pos");
        }
    }

    /** {@code flatten}; {@code pos} is the keyword. */
    record Flatten(SourcePos pos) implements Member {
        public Flatten {
            Objects.requireNonNull(pos, "pos");
        }
    }

    /** {@code regularize l2(lambda)}; {@code pos} is the kind. */
    record Regularize(String kind, List<Expr.Arg> args, SourcePos pos) implements Member {
        public Regularize {
            Objects.requireNonNull(kind, "kind");
            args = List.copyOf(args);
            Objects.requireNonNull(pos, "pos");
        }
    }

    /** {@code train { ... }}; {@code pos} is the keyword train. */
    record Train(List<TrainSetting> settings, SourcePos pos) implements Member {
        public Train {
            settings = List.copyOf(settings);
            Objects.requireNonNull(pos, "pos");
        }
    }
}
