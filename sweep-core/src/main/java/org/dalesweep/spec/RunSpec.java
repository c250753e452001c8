package org.dalesweep.spec;

/**
 * Everything that determines one run, fully resolved (every default written out): the seed, the
 * task, the network, alpha, the loss and training. Its canonical JSON ({@link SpecCodec#canonicalJson})
 * hashes to the run id, so the same spec names the same run on every machine (a file task's
 * {@code task.path} stays out of the hash: its {@code task.sha256} stands for the trials).
 */
public record RunSpec(long seed, TaskSpec task, NetworkSpec network, AlphaSpec alpha, LossSpec loss,
                      TrainingSpec training) {

    /**
     * The default run: seed 0, the default task with its parameters at their defaults, and every
     * section's {@code DEFAULT}. The defaults live in those constants and nowhere else.
     */
    public static final RunSpec DEFAULT = new RunSpec(0L, TaskSpec.DEFAULT, NetworkSpec.DEFAULT, AlphaSpec.DEFAULT,
            LossSpec.DEFAULT, TrainingSpec.DEFAULT);

    public RunSpec {
        new Checks("")
                .notNull("task", task)
                .notNull("network", network)
                .notNull("alpha", alpha)
                .notNull("loss", loss)
                .notNull("training", training)
                .done();
    }

    /** The arm of the study this run belongs to: {@link Arm#of}. */
    public Arm arm() {
        return Arm.of(this);
    }

    /** The default run of the named task: {@link #DEFAULT} with that task's parameters at their defaults. */
    public static RunSpec defaults(String task) {
        return DEFAULT.withTask(TaskSpec.defaults(task));
    }

    public RunSpec withSeed(long newSeed) {
        return new RunSpec(newSeed, task, network, alpha, loss, training);
    }

    public RunSpec withTask(TaskSpec newTask) {
        return new RunSpec(seed, newTask, network, alpha, loss, training);
    }

    public RunSpec withAlpha(AlphaSpec newAlpha) {
        return new RunSpec(seed, task, network, newAlpha, loss, training);
    }

    public RunSpec withNetwork(NetworkSpec newNetwork) {
        return new RunSpec(seed, task, newNetwork, alpha, loss, training);
    }

    public RunSpec withLoss(LossSpec newLoss) {
        return new RunSpec(seed, task, network, alpha, newLoss, training);
    }

    public RunSpec withTraining(TrainingSpec newTraining) {
        return new RunSpec(seed, task, network, alpha, loss, newTraining);
    }
}
