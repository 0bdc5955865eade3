package dev.netgrad.runtime.spark;

/**
 * {@code fit} stopped because a step made the cost, a gradient or a param infinite or NaN. The
 * steps done before it are not lost: {@link #model()} holds the params from before the failing
 * step and the costs of the steps done, as the command line's {@code train} saves them to
 * {@code NAME.diverged.json}.
 */
public final class TrainingDiverged extends TrainingStopped {
    private static final long serialVersionUID = 1L;

    TrainingDiverged(String message, NetgradModel model, Throwable cause) {
        super(message, model, cause);
    }
}
