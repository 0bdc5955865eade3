package dev.netgrad.runtime.spark;

/**
 * {@code fit} stopped before its last step: a step's Spark job failed (a task that failed as often as
 * Spark allows, a cancelled job, a lost executor), its thread was interrupted during a step (the
 * thread's interrupt flag is then left set), or, as {@link TrainingDiverged}, a step made the
 * cost, a gradient or a param infinite or NaN. The steps done before it are not lost: {@link #model()}
 * holds the params from before the failing step and the costs of the steps done.
 */
public class TrainingStopped extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Thrown on the driver only, never serialized. */
    private final transient NetgradModel model;

    TrainingStopped(String message, NetgradModel model, Throwable cause) {
        super(message, cause);
        this.model = model;
    }

    /** A model of the params from before the failing step; its {@code costs()} are those of the steps done. */
    public NetgradModel model() {
        return model;
    }
}
