package org.melkit.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.melkit.dataset.MelDbParams;
import org.melkit.batch.Progress;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Option groups shared by the batch commands, mixed in with {@code @Mixin}. */
final class Options {
    private Options() {}

    /** {@code --jobs N} (0 = all cores); {@code --threads} is a hidden alias kept for old scripts. */
    static final class Jobs {
        @Spec(Spec.Target.MIXEE) CommandSpec spec;
        private int jobs; // no defaultValue below: picocli would apply it after a --threads

        @Option(names = "--jobs", paramLabel = "N",
                description = "worker threads, 0 = all cores; the output is identical for any count. Default: 0")
        void jobs(int n) {
            if (n < 0) {
                throw new ParameterException(spec.commandLine(), "--jobs " + n + ": must be >= 1 (or 0 for all cores)");
            }
            jobs = n;
        }

        @Option(names = "--threads", paramLabel = "N", hidden = true, description = "old name of --jobs")
        void threads(int n) {
            jobs(n);
        }

        int get() {
            return jobs;
        }
    }

    /** {@code --no-progress}: no progress bar on stderr. */
    static final class Quiet {
        @Option(names = "--no-progress", description = "print no progress bar on stderr")
        boolean noProgress;

        Progress progress(PrintStream err) {
            return noProgress ? Progress.none() : Progress.terminal(err);
        }
    }

    /** {@code --overwrite}. */
    static final class Overwrite {
        @Option(names = "--overwrite", description = "rebuild the output when its recorded parameters or input differ"
                + " (removes only the job's own outputs)")
        boolean overwrite;
    }

    /**
     * The default of option {@code a} taken from a parameter record's values (keyed by the long
     * option name), so {@code --help} shows the library's own defaults; null means librosa's None.
     */
    static String defaultOf(ArgSpec a, Map<String, ?> defaults) {
        if (!(a instanceof OptionSpec o) || !defaults.containsKey(o.longestName())) {
            return null;
        }
        Object v = defaults.get(o.longestName());
        return v == null ? "none" : String.valueOf(v);
    }

    /** The options of a {@link MelDbParams}, by long name. */
    static Map<String, Object> melDb(MelDbParams d) {
        Map<String, Object> m = new HashMap<>();
        m.put("--sr", d.sr());
        m.put("--n-fft", d.nFft());
        m.put("--hop-length", d.hopLength());
        m.put("--n-mels", d.nMels());
        m.put("--frames", d.frames());
        m.put("--top-db", d.topDb());
        return m;
    }
}
