package org.melkit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.melkit.io.Npy;
import org.melkit.features.MelBenchmark;
import org.melkit.features.MelSpectrogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;

/**
 * {@code melkit bench}: thin over {@link MelBenchmark} (warm-up, then interleaved rounds, median
 * clips/s per thread count); defaults are {@link MelBenchmark.Workload#DEFAULT}'s.
 * {@code --dump} also writes the listed clips' outputs as {@code DIR/clip_<c>.npy} so that
 * {@code environment/bench.sh} can check them against librosa's.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, showDefaultValues = true,
        defaultValueProvider = BenchCommand.Defaults.class,
        description = "time the core mel+dB workload (median clips/s per thread count, after warm-up)")
final class BenchCommand extends MelkitCommand {
    @Option(names = "--clips", paramLabel = "N", description = "synthetic clips per timed pass")
    int clips;
    @Option(names = "--sr", paramLabel = "HZ", description = "sample rate of the clips")
    int sr;
    @Option(names = "--seconds", paramLabel = "S", description = "length of each clip")
    double seconds;
    @Option(names = "--n-fft", paramLabel = "N", description = "FFT size (librosa: n_fft)")
    int nFft;
    @Option(names = "--hop-length", paramLabel = "N", description = "samples between frames (librosa: hop_length)")
    int hopLength;
    @Option(names = "--n-mels", paramLabel = "N", description = "mel bands (librosa: n_mels)")
    int nMels;
    private List<Integer> jobs = List.of(1, 2); // no defaultValue below: picocli would apply it after a --threads
    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "interleaved timed rounds; the median is printed")
    int rounds;
    @Option(names = "--dump", paramLabel = "DIR", description = "also write the --dump-clips outputs as DIR/clip_<c>.npy")
    Path dump;
    @Option(names = "--dump-clips", paramLabel = "C", split = ",", splitSynopsisLabel = ",", defaultValue = "0", description = "clip indices to dump")
    List<Integer> dumpClips;

    @Option(names = "--jobs", paramLabel = "N", split = ",", splitSynopsisLabel = ",", order = 6,
            description = "thread counts to time, interleaved. Default: 1,2")
    void jobs(List<Integer> counts) {
        jobs = counts;
    }

    @Option(names = "--threads", paramLabel = "N", split = ",", splitSynopsisLabel = ",", hidden = true, description = "old name of --jobs")
    void threads(List<Integer> counts) {
        jobs = counts;
    }

    /** The thread counts to time. */
    List<Integer> jobs() {
        return List.copyOf(jobs);
    }

    @Override
    public Integer call() {
        if (jobs.stream().anyMatch(t -> t < 1)) {
            throw new UsageException("--jobs " + jobs + ": every thread count must be >= 1");
        }
        MelBenchmark.Workload w = new MelBenchmark.Workload(clips, sr, seconds, nFft, hopLength, nMels);
        MelBenchmark bench = MelBenchmark.of(w).withThreads(jobs).withRounds(rounds);
        if (dump != null) {
            dump(bench, dump, dumpClips);
        }
        out.print(bench.run());
        return 0;
    }

    private static void dump(MelBenchmark bench, Path dir, List<Integer> clips) {
        MelBenchmark.Workload w = bench.workload();
        MelSpectrogram mel = bench.extractor();
        for (int c : clips) { // checked before anything is written
            if (c < 0 || c >= w.clips()) {
                throw new UsageException("--dump-clips " + c + ": must be a clip index in [0, " + w.clips() + ")");
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        for (int c : clips) {
            Npy.write(dir.resolve(String.format("clip_%05d.npy", c)),
                    MelBenchmark.computeDb(mel, MelBenchmark.clip(c, w.sr(), w.samples())));
        }
    }

    /** The workload's defaults are {@link MelBenchmark.Workload#DEFAULT}'s, shown by {@code --help}. */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec a) {
            MelBenchmark.Workload d = MelBenchmark.Workload.DEFAULT;
            return Options.defaultOf(a, Map.of("--clips", d.clips(), "--sr", d.sr(), "--seconds", d.seconds(), "--n-fft", d.nFft(),
                    "--hop-length", d.hopLength(), "--n-mels", d.nMels()));
        }
    }
}
