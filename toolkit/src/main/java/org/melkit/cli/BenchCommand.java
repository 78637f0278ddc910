package org.melkit.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.melkit.io.Npy;
import org.melkit.features.MelBenchmark;
import org.melkit.features.MelSpectrogram;

/**
 * {@code melkit bench [--clips 1000] [--sr 16000] [--seconds 3] [--n-fft 2048] [--hop-length 375]
 * [--n-mels 128] [--threads 1,2] [--rounds 5] [--dump DIR --dump-clips 0,1,...]}: thin over
 * {@link MelBenchmark} (warm-up, then interleaved rounds, median clips/s per thread count).
 * {@code --dump} also writes the listed clips' outputs as {@code DIR/clip_<c>.npy} so that
 * {@code environment/bench.sh} can check them against librosa's.
 */
final class BenchCommand implements Command {
    @Override
    public String name() { return "bench"; }

    @Override
    public String summary() { return "time the core mel+dB workload (median clips/s per thread count, after warm-up)"; }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        MelBenchmark.Workload d = MelBenchmark.Workload.DEFAULT;
        MelBenchmark.Workload w = new MelBenchmark.Workload(a.integer("clips", d.clips()), a.integer("sr", d.sr()),
                a.number("seconds", d.seconds()), a.integer("n-fft", d.nFft()), a.integer("hop-length", d.hopLength()),
                a.integer("n-mels", d.nMels()));
        List<Integer> threads = ints("threads", a.string("threads", "1,2"));
        int rounds = a.integer("rounds", 5);
        Path dump = a.path("dump");
        List<Integer> dumpClips = ints("dump-clips", a.string("dump-clips", "0"));
        a.requireAllUsed();
        MelBenchmark bench = MelBenchmark.of(w).withThreads(threads).withRounds(rounds);
        if (dump != null) {
            dump(bench, dump, dumpClips);
        }
        out.print(bench.run());
        return 0;
    }

    private static void dump(MelBenchmark bench, Path dir, List<Integer> clips) {
        MelBenchmark.Workload w = bench.workload();
        MelSpectrogram mel = bench.extractor();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        for (int c : clips) {
            if (c < 0 || c >= w.clips()) {
                throw new UsageException("--dump-clips " + c + ": must be a clip index in [0, " + w.clips() + ")");
            }
            Npy.write(dir.resolve(String.format("clip_%05d.npy", c)),
                    MelBenchmark.computeDb(mel, MelBenchmark.clip(c, w.sr(), w.samples())));
        }
    }

    private static List<Integer> ints(String option, String text) {
        List<Integer> out = new ArrayList<>();
        for (String t : text.split(",")) {
            try {
                out.add(Integer.parseInt(t.trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("--" + option + " " + text + ": expected comma-separated integers, e.g. 1,2");
            }
        }
        return out;
    }
}
