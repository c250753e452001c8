package org.dalesweep.spec;

/**
 * Everything that determines one run, fully resolved (every default written out): the seed, the
 * task, the network, alpha, the loss and training. Its canonical JSON ({@link SpecCodec#canonicalJson})
 * hashes to the run id, so the same spec names the same run on every machine (a file task's
 * {@code task.path} stays out of the hash: its {@code task.sha256} stands for the trials).
 */
public record RunSpec(long seed, TaskSpec task, NetworkSpec network, AlphaSpec alpha, LossSpec loss,
                      TrainingSpec training) {

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

    public RunSpec withTraining(TrainingSpec newTraining) {
        return new RunSpec(seed, task, network, alpha, loss, newTraining);
    }
}
