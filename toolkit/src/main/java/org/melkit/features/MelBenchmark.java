package org.melkit.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Ref;

/**
 * The core featurisation workload, timed ({@code melkit bench}; benchmark W1 of
 * {@code environment/bench.sh}): {@code clips} deterministic mono clips in memory ->
 * {@code melspectrogram(n_fft, hop_length, n_mels, power=2)} -> {@code power_to_db(ref=max)},
 * in clips per second for each requested thread count.
 *
 * <p>How it measures, so that 1-vs-2-thread figures show scaling and not JIT warm-up: first whole
 * passes over all clips on the largest thread count until two consecutive passes agree within
 * {@value #WARM_TOLERANCE_PERCENT}% (at least {@value #MIN_WARM_PASSES}, at most
 * {@value #MAX_WARM_PASSES} passes, untimed), plus one untimed pass on every other thread count;
 * then {@code rounds} measured rounds, each timing every thread count once, in an order that
 * alternates between rounds (1,2 then 2,1 ...) so drift in the machine's load falls on both
 * alike. The result holds every measured figure and reports the median per thread count.
 *
 * <p>The clips are a pure function of their index ({@link #clip}), so a reference implementation
 * (the benchmark's librosa side) can rebuild the same input and compare outputs.
 *
 * <pre>{@code
 * MelBenchmark.Result r = MelBenchmark.of(MelBenchmark.Workload.DEFAULT).withThreads(List.of(1, 2)).run();
 * r.median(2)   // clips/s on 2 threads
 * }</pre>
 * Immutable; {@code with…} methods return configured copies.
 */
public final class MelBenchmark {
    static final int MIN_WARM_PASSES = 2;
    static final int MAX_WARM_PASSES = 6;
    static final int WARM_TOLERANCE_PERCENT = 5;

    /**
     * What is computed: {@code clips} clips of {@code seconds} at {@code sr}, and the mel
     * parameters (librosa's names). The default is the W1: 1000 x 3 s at 16 kHz, n_fft
     * 2048, hop 375, 128 mels.
     */
    public record Workload(int clips, int sr, double seconds, int nFft, int hopLength, int nMels) {
        public static final Workload DEFAULT = new Workload(1000, 16000, 3.0, 2048, 375, 128);

        public Workload {
            if (clips <= 0) {
                throw new IllegalArgumentException("clips=" + clips + " must be > 0; typical: 1000");
            }
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("seconds=" + seconds + " must be a finite number > 0; typical: 3.0");
            }
            MelParams.of(sr, nFft, hopLength, nMels); // validates with librosa's names
        }

        /** Samples per clip: {@code round(sr * seconds)}. */
        public int samples() { return (int) Math.round(sr * seconds); }

        public Workload withClips(int v) { return new Workload(v, sr, seconds, nFft, hopLength, nMels); }

        public Workload withSr(int v) { return new Workload(clips, v, seconds, nFft, hopLength, nMels); }

        public Workload withSeconds(double v) { return new Workload(clips, sr, v, nFft, hopLength, nMels); }

        public Workload withNFft(int v) { return new Workload(clips, sr, seconds, v, hopLength, nMels); }

        public Workload withHopLength(int v) { return new Workload(clips, sr, seconds, nFft, v, nMels); }

        public Workload withNMels(int v) { return new Workload(clips, sr, seconds, nFft, hopLength, v); }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d clips x %s s @ %d Hz -> melspectrogram(n_fft=%d, hop_length=%d, n_mels=%d, power=2)"
                    + " -> power_to_db(ref=max)", clips, trim(seconds), sr, nFft, hopLength, nMels);
        }
    }

    /**
     * Every measured figure: {@code clipsPerSecond.get(t)} lists the rounds' figures for
     * {@code t} threads, in round order.
     *
     * @param workload what was computed
     * @param clipsPerSecond per thread count (in the requested order), one figure per round
     * @param warmPasses untimed whole passes before measuring (on the largest thread count)
     */
    public record Result(Workload workload, Map<Integer, List<Double>> clipsPerSecond, int warmPasses) {
        public Result {
            Objects.requireNonNull(workload, "workload");
            Map<Integer, List<Double>> copy = new LinkedHashMap<>();
            clipsPerSecond.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            clipsPerSecond = java.util.Collections.unmodifiableMap(copy);
        }

        /** The median over rounds of clips/s on {@code threads} threads. */
        public double median(int threads) {
            List<Double> v = clipsPerSecond.get(threads);
            if (v == null) {
                throw new IllegalArgumentException("threads=" + threads + " was not measured; measured: " + clipsPerSecond.keySet());
            }
            return MelBenchmark.median(v);
        }

        /** One line per thread count: median and every round's figure. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append("workload: ").append(workload).append('\n');
            sb.append(String.format(Locale.ROOT, "warm-up: %d untimed passes; %d measured rounds, thread counts interleaved%n", warmPasses,
                    clipsPerSecond.values().iterator().next().size()));
            clipsPerSecond.forEach((t, v) -> {
                sb.append(String.format(Locale.ROOT, "melkit  threads=%d  %.0f clips/s (median; rounds:", t, MelBenchmark.median(v)));
                for (double x : v) {
                    sb.append(String.format(Locale.ROOT, " %.0f", x));
                }
                sb.append(")\n");
            });
            return sb.toString();
        }
    }

    private final Workload workload;
    private final List<Integer> threads;
    private final int rounds;

    private MelBenchmark(Workload workload, List<Integer> threads, int rounds) {
        this.workload = Objects.requireNonNull(workload, "workload");
        if (threads.isEmpty()) {
            throw new IllegalArgumentException("threads=[] must name at least one thread count; typical: [1, 2]");
        }
        for (int t : threads) {
            if (t <= 0) {
                throw new IllegalArgumentException("threads=" + threads + " must all be > 0; typical: [1, 2]");
            }
        }
        if (threads.stream().distinct().count() != threads.size()) {
            throw new IllegalArgumentException("threads=" + threads + " names a thread count twice; give each once");
        }
        if (rounds <= 0) {
            throw new IllegalArgumentException("rounds=" + rounds + " must be > 0; typical: 5");
        }
        this.threads = List.copyOf(threads);
        this.rounds = rounds;
    }

    /** The benchmark of {@code workload} on 1 and 2 threads, 5 rounds. */
    public static MelBenchmark of(Workload workload) {
        return new MelBenchmark(workload, List.of(1, 2), 5);
    }

    /** Thread counts to measure, each > 0 and named once. */
    public MelBenchmark withThreads(List<Integer> v) { return new MelBenchmark(workload, v, rounds); }

    /** Measured rounds per thread count (the median is reported). */
    public MelBenchmark withRounds(int v) { return new MelBenchmark(workload, threads, v); }

    public Workload workload() { return workload; }

    /**
     * Clip {@code c} of a workload ({@code n} samples at {@code sr}), a pure function of its
     * arguments: {@code float32(0.3 sin(2 pi f i / sr) + 0.05 (2u - 1))} with
     * {@code f = 100 + (50 c) mod 3000} Hz and {@code u = ((k * 2654435761 + 12345) mod 2^32) / 2^32},
     * {@code k = c * n + i} (a multiplicative hash standing in for seeded noise, so numpy can
     * rebuild it with int64 arithmetic).
     */
    public static float[] clip(int c, int sr, int n) {
        float[] y = new float[n];
        double f = 100 + (50L * c) % 3000;
        for (int i = 0; i < n; i++) {
            long k = (long) c * n + i;
            double u = ((k * 2654435761L + 12345L) & 0xFFFFFFFFL) / 4294967296.0;
            y[i] = (float) (0.3 * Math.sin(2 * Math.PI * f * i / sr) + 0.05 * (2 * u - 1));
        }
        return y;
    }

    /** The extractor the benchmark times (built once, shared by every thread). */
    public MelSpectrogram extractor() {
        return MelSpectrogram.of(MelParams.of(workload.sr(), workload.nFft(), workload.hopLength(), workload.nMels()));
    }

    /** The measured operation on one clip: {@code power_to_db(melspectrogram(y), ref=max)}, {@code (nMels, t)}. */
    public static FloatMatrix computeDb(MelSpectrogram mel, float[] y) {
        return mel.computeDb(y, Ref.max(), Db.AMIN_POWER, Db.TOP_DB);
    }

    /** Builds the clips, warms up, then measures (see the class comment). */
    public Result run() {
        int n = workload.samples();
        List<float[]> data = new ArrayList<>(workload.clips());
        for (int c = 0; c < workload.clips(); c++) {
            data.add(clip(c, workload.sr(), n));
        }
        MelSpectrogram mel = extractor();
        int maxThreads = threads.stream().mapToInt(Integer::intValue).max().orElseThrow();
        int warm = 0;
        double previous = Double.NaN;
        while (warm < MAX_WARM_PASSES) {
            double s = pass(data, maxThreads, mel);
            warm++;
            boolean steady = !Double.isNaN(previous) && Math.abs(s - previous) <= previous * WARM_TOLERANCE_PERCENT / 100.0;
            if (warm >= MIN_WARM_PASSES && steady) {
                break;
            }
            previous = s;
        }
        for (int t : threads) {
            if (t != maxThreads) {
                pass(data, t, mel);
            }
        }
        Map<Integer, List<Double>> perThreads = new LinkedHashMap<>();
        for (int t : threads) {
            perThreads.put(t, new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            List<Integer> order = new ArrayList<>(threads);
            if (r % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (int t : order) {
                double secs = pass(data, t, mel);
                perThreads.get(t).add(data.size() / secs);
            }
        }
        return new Result(workload, perThreads, warm);
    }

    /** Seconds for one pass over {@code data} on {@code threads} threads. */
    private static double pass(List<float[]> data, int threads, MelSpectrogram mel) {
        long t0 = System.nanoTime();
        List<FloatMatrix> res = Parallel.map(data, threads, y -> computeDb(mel, y));
        long t1 = System.nanoTime();
        if (res.size() != data.size()) {
            throw new IllegalStateException("a pass returned " + res.size() + " results for " + data.size() + " clips");
        }
        return Math.max(1e-9, (t1 - t0) / 1e9);
    }

    static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
