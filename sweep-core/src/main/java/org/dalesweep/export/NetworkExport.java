package org.dalesweep.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dalesweep.model.LossParts;
import org.dalesweep.model.NormalSampler;
import org.dalesweep.model.Parameter;
import org.dalesweep.model.Precision;
import org.dalesweep.model.RateRnn;
import org.dalesweep.npz.NpzWriter;
import org.dalesweep.spec.NetworkSpec;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.task.Batch;
import org.dalesweep.task.Task;
import org.dalesweep.task.Tasks;
import org.dalesweep.train.ParamSnapshot;
import org.dalesweep.train.RngStreams;

/**
 * A trained network written as a NumPy {@code .npz} for analysis in Python (DESIGN §1's quantities,
 * rows = postsynaptic units, C order): {@code W_in} [N, n_in], {@code W_dale}, {@code W_free},
 * {@code W_rec} [N, N], {@code alpha} [N] (per presynaptic unit, the one alpha repeated at network
 * granularity), {@code W_out} [n_out, N], {@code b_rec} [N], {@code b_out} [n_out], {@code signs} [N]
 * (int8, +1 excitatory, -1 inhibitory), {@code connectivity} [N, N] (int8, 1 where a connection
 * exists), {@code tau_ms} [N], {@code dt_ms}, {@code sigma_rec} (0-d float64), {@code spec_json} and
 * {@code run_id} (0-d unicode strings: {@code json.loads(str(z["spec_json"]))}), and
 * {@code final_loss} (0-d, the run's recorded held-out loss, NaN when unknown). With activity, the
 * run's held-out trials — the very batch its {@code final_loss} was measured on, with the same
 * recurrent noise — as [trials, T, ·] float32: {@code inputs}, {@code targets}, {@code mask},
 * {@code labels} (int64), {@code noise} (the standard normals ξ, [trials, T, N]), {@code rates}
 * (r_{t+1}, [trials, T, N]) and {@code outputs} (z_t); and {@code heldout_loss}, that batch's loss
 * as this code computes it now.
 */
public final class NetworkExport {

    /** The parameters the network of {@code spec} ended with, loaded into a fresh network. */
    private final RunSpec spec;
    private final Task task;
    private final RateRnn net;
    private final RngStreams rng;

    private NetworkExport(RunSpec spec, Task task, RateRnn net, RngStreams rng) {
        this.spec = spec;
        this.task = task;
        this.net = net;
        this.rng = rng;
    }

    /**
     * The network of {@code spec} with the {@code final} tensors of {@code params} (as the trainer
     * keeps them and the {@code params} table stores them); the task is built to know the shapes
     * and, for activity, to draw the held-out trials.
     */
    public static NetworkExport of(RunSpec spec, List<ParamSnapshot> params) throws SpecException {
        Task task = Tasks.create(spec.task(), spec.network());
        RngStreams rng = RngStreams.of(spec.seed());
        RateRnn net = RateRnn.create(spec, task.inputCount(), task.outputCount(), Precision.FLOAT32, rng.init());
        for (Parameter p : net.parameters()) {
            Optional<ParamSnapshot> saved = params.stream()
                    .filter(s -> s.stage().equals("final") && s.name().equals(p.name())).findFirst();
            if (saved.isEmpty()) {
                throw new SpecException("params: no final values of " + p.name() + " for this run");
            }
            ParamSnapshot s = saved.get();
            if (s.rows() != p.rows() || s.cols() != p.cols()) {
                throw new SpecException("params: " + p.name() + " is " + s.rows() + "x" + s.cols() + ", the run's network has "
                        + p.rows() + "x" + p.cols());
            }
            for (int i = 0; i < p.size(); i++) {
                p.setValue(i, s.values()[i]);
            }
        }
        net.checkInvariants();
        return new NetworkExport(spec, task, net, rng);
    }

    /** Writes the archive (deflated, through a temporary file renamed into place). */
    public void write(Path to, double finalLoss, boolean activity) throws IOException {
        NetworkSpec ns = spec.network();
        int n = net.units();
        int nIn = task.inputCount();
        int nOut = task.outputCount();
        NpzWriter w = new NpzWriter()
                .doubles("W_in", flat(net.effectiveInput()), n, nIn)
                .doubles("W_dale", flat(net.daleRecurrent()), n, n)
                .doubles("W_free", flat(net.freeRecurrent()), n, n)
                .doubles("W_rec", flat(net.effectiveRecurrent()), n, n)
                .doubles("alpha", net.alphaPerColumn(), n)
                .doubles("W_out", flat(net.effectiveReadout()), nOut, n)
                .doubles("b_rec", net.biases()[0], n)
                .doubles("b_out", net.biases()[1], nOut);
        byte[] signs = new byte[n];
        double[] tau = new double[n];
        for (int i = 0; i < n; i++) {
            signs[i] = (byte) (i < net.excitatory() ? 1 : -1);
            tau[i] = i < ns.excitatory() ? ns.tauEMs() : ns.tauIMs();
        }
        double[][] m = net.connectivity();
        byte[] connectivity = new byte[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                connectivity[i * n + j] = (byte) (m[i][j] != 0 ? 1 : 0);
            }
        }
        SpecCodec codec = new SpecCodec();
        String json;
        try {
            json = codec.jsonMapper().writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a resolved spec always serialises", e);
        }
        w.bytes("signs", signs, n).bytes("connectivity", connectivity, n, n).doubles("tau_ms", tau, n)
                .doubles("dt_ms", new double[] {ns.dtMs()}).doubles("sigma_rec", new double[] {ns.sigmaRec()})
                .text("spec_json", json).text("run_id", codec.runId(spec))
                .doubles("final_loss", new double[] {finalLoss});
        if (activity) {
            addActivity(w);
        }
        w.write(to, true);
    }

    private void addActivity(NpzWriter w) {
        Batch b = task.sampleHeldOut(spec.training().evalBatch(), rng.heldOutTrials());
        int steps = b.steps();
        int size = b.size();
        int n = net.units();
        float[] z = new float[steps * size * b.outputCount()];
        LossParts loss = net.evaluate(b, rng.heldOutNoise(), z);
        float[] rates = net.lastRates(steps, size);
        float[] noise = new float[steps * size * n];
        if (spec.network().sigmaRec() > 0) {
            NormalSampler.from(rng.heldOutNoise()).fill(noise, 0, noise.length);
        }
        long[] labels = new long[size];
        for (int i = 0; i < size; i++) {
            labels[i] = b.labels()[i];
        }
        w.floats("inputs", b.trialMajor(b.inputs(), b.inputCount()), size, steps, b.inputCount())
                .floats("targets", b.trialMajor(b.targets(), b.outputCount()), size, steps, b.outputCount())
                .floats("mask", b.trialMajor(b.mask(), b.outputCount()), size, steps, b.outputCount())
                .longs("labels", labels, size)
                .floats("noise", b.trialMajor(noise, n), size, steps, n)
                .floats("rates", b.trialMajor(rates, n), size, steps, n)
                .floats("outputs", b.trialMajor(z, b.outputCount()), size, steps, b.outputCount())
                .doubles("heldout_loss", new double[] {loss.total()});
    }

    private static double[] flat(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] out = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * cols, cols);
        }
        return out;
    }
}
