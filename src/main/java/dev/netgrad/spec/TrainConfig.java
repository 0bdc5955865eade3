package dev.netgrad.spec;

import java.util.OptionalInt;

/** Training defaults from the {@code train} block; an absent batch means full batch. */
public record TrainConfig(Optimizer optimizer, OptionalInt batch, int epochs, long seed) {
    public static final TrainConfig DEFAULT = new TrainConfig(Optimizer.defaults(Optimizer.Kind.GD), OptionalInt.empty(), 1000, 0);
}
