package dev.netgrad.spec;

/** An optimizer of the train block, with every hyper-parameter filled in (defaults as the course uses). */
public record Optimizer(Kind kind, double lr, double beta, double beta1, double beta2, double eps) {
    public enum Kind { GD, MOMENTUM, ADAM }

    /**
     * The optimizer {@code gd()}, {@code momentum()} or {@code adam()} stands for: every setting its kind's
     * default, the learning rate 0.001 for adam (the course's and Keras's), else 0.01.
     */
    public static Optimizer defaults(Kind kind) {
        return switch (kind) {
            case GD -> gd(0.01);
            case MOMENTUM -> momentum(0.01, 0.9);
            case ADAM -> adam(0.001, 0.9, 0.999, 1e-8);
        };
    }

    /** The same optimizer at learning rate {@code lr}. */
    public Optimizer withLr(double lr) {
        return new Optimizer(kind, lr, beta, beta1, beta2, eps);
    }

    public static Optimizer gd(double lr) {
        return new Optimizer(Kind.GD, lr, 0.9, 0.9, 0.999, 1e-8);
    }

    public static Optimizer momentum(double lr, double beta) {
        return new Optimizer(Kind.MOMENTUM, lr, beta, 0.9, 0.999, 1e-8);
    }

    public static Optimizer adam(double lr, double beta1, double beta2, double eps) {
        return new Optimizer(Kind.ADAM, lr, 0.9, beta1, beta2, eps);
    }
}
