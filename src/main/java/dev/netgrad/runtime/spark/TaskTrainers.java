package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.NetworkTrainer;
import dev.netgrad.runtime.Trainer;

/** The trainers that Spark's tasks make: one a task and step, each on the task's own thread. */
final class TaskTrainers {
    private TaskTrainers() {
    }

    /**
     * A trainer of {@code factory} on one thread: Spark already runs a task on every core it gives
     * the executor, and a trainer's helper threads would compete with the other tasks for them (an
     * executor of n cores had up to n (n - 1) helpers; a 2-core one 34 after 60 steps). Which thread
     * computes changes no result.
     */
    static Trainer create(TrainerFactory factory, long seed) {
        Trainer trainer = factory.create(seed);
        if (trainer instanceof NetworkTrainer network) {
            network.setThreads(1);
        }
        return trainer;
    }
}
