package org.dalesweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.dalesweep.layout.RunFile;
import org.dalesweep.layout.RunRows;
import org.apache.parquet.example.data.Group;
import org.dalesweep.export.NetworkExport;
import org.dalesweep.spark.ParquetRows;
import org.dalesweep.spark.RunFiles;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.task.FileTask;
import org.dalesweep.task.TrialFiles;
import org.dalesweep.train.ParamSnapshot;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.RunStatus;
import org.dalesweep.train.TrainOptions;
import org.dalesweep.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dalesweep export --in DIR --run RUN_ID --to FILE.npz}: one trained network of a sweep's
 * output as a NumPy archive ({@link NetworkExport}), from its saved parameters ({@code params/},
 * written with {@code save_params: true}) or, when the sweep saved none, by training the run again
 * from its {@code spec_json} (the same bits on the same machine and BLAS; checked against the row's
 * held-out loss). A run of {@code task.name: file} reads its trial file again; when the output
 * was moved off the machine that ran it, {@code --trials FILE} says where the file lies now (the
 * same bytes: the recorded SHA-256 is checked, and the run id, which hashes it, stays). Reads files
 * only, no Spark.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write one trained network of a sweep's output as a NumPy .npz (weights, alpha, signs, tau, spec;"
                + " with --activity its rates and outputs on the run's held-out trials).",
                "Without saved parameters (save_params: false) the run is trained again from its spec_json."})
public final class ExportCommand implements Callable<Integer>, TrainsNetworks {

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "the sweep output directory")
    Path in;

    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "the run id (the run_id column)")
    String run;

    @Option(names = "--to", required = true, paramLabel = "FILE.npz", description = "the archive to write (must not exist)")
    Path to;

    @Option(names = "--trials", paramLabel = "FILE", description = "for a run of task.name: file whose trial file is no"
            + " longer where its spec_json says (an output copied or restored elsewhere): the file where it lies now;"
            + " it must have the run's task.sha256")
    Path trials;

    @Option(names = "--activity", description = "also write inputs, noise, rates and outputs on the run's held-out trials")
    boolean activity;

    @Override
    public Integer call() throws Exception {
        Cli.checkNewFileTarget(to, ".npz", "--to");
        if (Files.exists(to)) {
            throw new BadInputException("--to " + to + ": exists; choose another name or remove it");
        }
        if (!Files.isDirectory(in)) {
            throw new BadInputException("--in " + in + ": " + (Files.exists(in) ? "is a file, expected" : "no such") + " sweep output directory");
        }
        if (!run.matches("[0-9a-f]{16}")) {
            throw new BadInputException("--run " + run + ": expected a run id of 16 hex digits (the run_id column)");
        }
        Configuration conf = new Configuration();
        RunFiles files = new RunFiles(in.toAbsolutePath().toString(), conf);
        Map<String, RunFile> done = files.layout().committedRuns();
        RunFile runsFile = done.get(run);
        if (runsFile == null) {
            throw new BadInputException("--run " + run + ": no such run in " + in + " (it holds " + done.size() + " runs"
                    + (done.isEmpty() ? "" : ", e.g. " + done.keySet().iterator().next()) + ")");
        }
        Group row = RunRows.read(files.fileSystem(), runsFile);
        String status = row.getString("status", 0);
        if (!status.equals(RunStatus.COMPLETED.name())) {
            throw new BadInputException("--run " + run + ": the run is " + status + ", not COMPLETED: no trained network to export");
        }
        SpecCodec codec = new SpecCodec();
        RunSpec spec = placeTrials(codec.fromJson(row.getString("spec_json", 0)));
        double finalLoss = row.getDouble("final_loss", 0);
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();

        List<ParamSnapshot> params = new ArrayList<>();
        for (Group g : savedParams(files, run, conf)) {
            @SuppressWarnings("unchecked")
            List<Number> values = (List<Number>) ParquetRows.value(g, "values");
            params.add(new ParamSnapshot(g.getString("stage", 0), g.getString("name", 0), g.getInteger("rows", 0),
                    g.getInteger("cols", 0), values.stream().mapToDouble(Number::doubleValue).toArray()));
        }
        if (params.isEmpty()) {
            err.println("dalesweep export: " + in + " holds no saved parameters of run " + run
                    + " (its sweep ran without save_params: true): training it again from its spec_json");
            err.flush();
            RunResult again = new Trainer(TrainOptions.DEFAULT.withKeepParams(true)).train(spec);
            if (again.ending().status() != RunStatus.COMPLETED) {
                throw new IOException("training run " + run + " again ended " + again.ending().status() + ": "
                        + again.ending().message());
            }
            if (Double.compare(again.scores().finalLoss(), finalLoss) != 0) {
                err.println("dalesweep export: note: trained again, held-out loss " + again.scores().finalLoss()
                        + " where the row has " + finalLoss + " (another machine, BLAS or code: the weights differ from the run's)");
            }
            params = again.params();
        }
        NetworkExport.of(spec, params).write(to, finalLoss, activity);
        out.println("wrote " + to + ": run " + run + " (" + spec.task().name() + ", " + spec.network().units()
                + " units, arm " + spec.arm() + ")" + (activity ? " with its held-out activity" : ""));
        out.flush();
        return 0;
    }

    /**
     * The run's spec reading its trial file from where it lies: {@code --trials} when given (checked
     * against the recorded SHA-256; the run id stays, as it hashes the SHA-256, not the path), else
     * the recorded {@code task.path}, which must exist.
     */
    private RunSpec placeTrials(RunSpec spec) throws BadInputException {
        boolean fileTask = spec.task().name().equals(FileTask.NAME);
        if (trials != null) {
            if (!fileTask) {
                throw new BadInputException("--trials " + trials + ": run " + run + " is of task " + spec.task().name()
                        + ", which reads no trial file");
            }
            try {
                return TrialFiles.relocate(spec, trials);
            } catch (SpecException e) {
                throw new BadInputException("--trials " + trials + ": " + e.getMessage(), e);
            }
        }
        if (fileTask && !Files.isRegularFile(Path.of(spec.task().text(FileTask.PATH)))) {
            throw new BadInputException("--run " + run + ": its trial file " + spec.task().text(FileTask.PATH)
                    + " does not exist here (SHA-256 " + spec.task().text(FileTask.SHA256)
                    + "); give the file where it lies now with --trials FILE");
        }
        return spec;
    }

    /** The run's saved tensors: its own params file, else its rows in the compacted params files; empty when none. */
    private static List<Group> savedParams(RunFiles files, String run, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path own = files.paramsFile(run);
        if (files.fileSystem().exists(own)) {
            return ParquetRows.read(own, conf);
        }
        List<Group> rows = new ArrayList<>();
        for (org.apache.hadoop.fs.FileStatus f : files.layout().tableFiles(org.dalesweep.schema.Table.PARAMS)) {
            if (org.dalesweep.layout.OutputLayout.isPartFile(f.getPath())) {
                for (Group g : ParquetRows.read(f.getPath(), conf)) {
                    if (run.equals(g.getString("run_id", 0))) {
                        rows.add(g);
                    }
                }
            }
        }
        return rows;
    }
}
