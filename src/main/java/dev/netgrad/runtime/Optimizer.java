package dev.netgrad.runtime;

/**
 * An optimizer and its settings, for {@link NetworkTrainer#useOptimizer(Optimizer)}: plain gradient
 * descent, momentum (an exponentially weighted average of the gradients, weight {@code beta}) or
 * Adam (with bias correction). Settings an optimizer does not use keep the course's defaults.
 */
public record Optimizer(Kind kind, double lr, double beta, double beta1, double beta2, double eps) {
    /** The three optimizers of the course. */
    public enum Kind {
        /** Gradient descent: W = W - lr * dW. */
        GD,
        /** Momentum: a weighted average of the gradients, weight {@code beta}, in place of dW. */
        MOMENTUM,
        /** Adam: averages of the gradients and of their squares, with bias correction. */
        ADAM
    }

    /** Refuses a learning rate or eps that is not a positive number, and betas outside [0, 1). */
    public Optimizer {
        if (kind == null) {
            throw new IllegalArgumentException("the optimizer's kind is missing; use GD, MOMENTUM or ADAM");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, found " + lr);
        }
        requireFraction("beta", beta);
        requireFraction("beta1", beta1);
        requireFraction("beta2", beta2);
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a positive number, found " + eps);
        }
    }

    /** Gradient descent: W = W - lr * dW. */
    public static Optimizer gd(double lr) {
        return new Optimizer(Kind.GD, lr, 0.9, 0.9, 0.999, 1e-8);
    }

    /** Momentum: v = beta * v + (1 - beta) * dW; W = W - lr * v. */
    public static Optimizer momentum(double lr, double beta) {
        return new Optimizer(Kind.MOMENTUM, lr, beta, 0.9, 0.999, 1e-8);
    }

    /** Adam with the usual beta1 0.9, beta2 0.999 and eps 1e-8. */
    public static Optimizer adam(double lr) {
        return adam(lr, 0.9, 0.999, 1e-8);
    }

    /** Adam with bias correction. */
    public static Optimizer adam(double lr, double beta1, double beta2, double eps) {
        return new Optimizer(Kind.ADAM, lr, 0.9, beta1, beta2, eps);
    }

    private static void requireFraction(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), found " + value);
        }
    }
}
