package org.melkit.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Ref;
import org.melkit.features.MelParams;
import org.melkit.features.MelSpectrogram;
import org.melkit.features.Parallel;

/**
 * {@code melkit bench}: the core featurisation workload, timed. Defaults are the issue's: 1000
 * mono 16 kHz clips of 3 s -> melspectrogram (n_fft 2048, hop 375, 128 mels, power 2) ->
 * power_to_db(ref=max); clips/s for each thread count. {@code environment/bench.sh} prints this
 * beside librosa's figure for the same workload from the same run.
 */
final class BenchCommand implements Command {
    @Override
    public String name() { return "bench"; }

    @Override
    public String summary() { return "time the core mel+dB workload (clips/s per thread count)"; }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        int clips = a.integer("clips", 1000);
        int sr = a.integer("sr", 16000);
        double seconds = a.number("seconds", 3.0);
        int nFft = a.integer("n-fft", 2048);
        int hop = a.integer("hop-length", 375);
        int nMels = a.integer("n-mels", 128);
        int repeats = a.integer("repeats", 3);
        String threadsText = a.string("threads", "1,2");
        a.requireAllUsed();
        if (clips <= 0 || repeats <= 0) {
            throw new UsageException("--clips and --repeats must be > 0");
        }
        List<float[]> data = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(42);
        int n = (int) Math.round(sr * seconds);
        for (int c = 0; c < clips; c++) {
            float[] y = new float[n];
            double f = 100 + 50 * c % 3000;
            for (int i = 0; i < n; i++) {
                y[i] = (float) (0.3 * Math.sin(2 * Math.PI * f * i / sr) + 0.05 * (r.nextDouble() * 2 - 1));
            }
            data.add(y);
        }
        MelSpectrogram mel = MelSpectrogram.of(MelParams.of(sr, nFft, hop, nMels));
        // warm-up: let the JIT compile the hot loops before timing
        Parallel.map(data.subList(0, Math.min(200, clips)), 1, y -> mel.computeDb(y, Ref.max(), Db.AMIN_POWER, Db.TOP_DB));
        out.printf(Locale.ROOT, "workload: %d clips x %.1f s @ %d Hz -> melspectrogram(n_fft=%d, hop_length=%d, n_mels=%d, power=2) -> power_to_db(ref=max)%n",
                clips, seconds, sr, nFft, hop, nMels);
        for (String t : threadsText.split(",")) {
            int threads = Integer.parseInt(t.trim());
            double best = 0;
            for (int rep = 0; rep < repeats; rep++) {
                long t0 = System.nanoTime();
                List<FloatMatrix> res = Parallel.map(data, threads, y -> mel.computeDb(y, Ref.max(), Db.AMIN_POWER, Db.TOP_DB));
                double secs = (System.nanoTime() - t0) / 1e9;
                if (res.size() != clips) {
                    throw new IllegalStateException("lost results");
                }
                best = Math.max(best, clips / secs);
            }
            out.printf(Locale.ROOT, "melkit  threads=%d  %.0f clips/s (best of %d)%n", threads, best, repeats);
        }
        return 0;
    }
}
