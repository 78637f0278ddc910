package org.melkit.effects;

import java.util.Arrays;
import java.util.Locale;
import org.melkit.dsp.Stft;
import org.melkit.dsp.StftParams;

/**
 * The per-frequency statistics of noise that stationary spectral gating compares a signal
 * against: mean and (population) standard deviation, over frames, of each bin's level in dB
 * (noisereduce's {@code mean_freq_noise}, {@code std_freq_noise}).
 *
 * <p>Levels are {@code 20 log10(|X| / sum(window) + eps)} (scipy's {@code stft} scaling, as
 * noisereduce uses; {@code eps} = float64 epsilon), floored per bin at 80 dB below that bin's
 * maximum over the frames (noisereduce's {@code _amp_to_db}). Arrays have {@code 1 + nFft/2}
 * values; accessors return copies.
 */
public final class NoiseProfile {
    static final double EPS = Math.ulp(1.0);
    static final double TOP_DB = 80.0;

    private final int nFft;
    private final int frames;
    private final double[] meanDb;
    private final double[] stdDb;

    private NoiseProfile(int nFft, int frames, double[] meanDb, double[] stdDb) {
        this.nFft = nFft;
        this.frames = frames;
        this.meanDb = meanDb;
        this.stdDb = stdDb;
    }

    /**
     * The profile of a clip of pure noise (noisereduce's {@code y_noise}); passing the signal
     * itself reproduces noisereduce's default {@code y_noise=None}.
     */
    public static NoiseProfile fromClip(float[] noise, SpectralGateParams p) {
        if (noise.length == 0) {
            throw new IllegalArgumentException("noise clip is empty; give at least one sample of noise");
        }
        return fromFrames(noise, p, null);
    }

    /**
     * The profile of the quietest {@code fraction} of {@code y}'s frames (at least one), ranked by
     * frame energy (ties: earlier frame first): a noise estimate for recordings with pauses but no
     * separate noise clip. The chosen frames are treated as a noise clip (their own maximum sets
     * the 80 dB floor). {@code fraction = 1} is noisereduce's {@code y_noise=None}.
     */
    public static NoiseProfile fromQuietestFrames(float[] y, SpectralGateParams p, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction=" + fraction + " must be in (0, 1]; typical: 0.2");
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("signal is empty; there are no frames to estimate noise from");
        }
        StftParams sp = p.stft();
        int frames = sp.frameCount(y.length);
        double[] energy = new double[frames];
        Stft.of(sp).forEachPowerFrame(y, (t, bins) -> {
            double e = 0;
            for (int k = 0; k < sp.bins(); k++) {
                e += bins[k];
            }
            energy[t] = e;
        });
        int keep = Math.max(1, (int) Math.ceil(fraction * frames));
        Integer[] order = new Integer[frames];
        for (int t = 0; t < frames; t++) {
            order[t] = t;
        }
        Arrays.sort(order, (a, b) -> energy[a] != energy[b] ? Double.compare(energy[a], energy[b]) : Integer.compare(a, b));
        boolean[] chosen = new boolean[frames];
        for (int i = 0; i < keep; i++) {
            chosen[order[i]] = true;
        }
        return fromFrames(y, p, chosen);
    }

    /**
     * Mean and std of the floored dB level per bin over the frames of {@code y} that {@code use}
     * marks (all when null), in two STFT passes (per-bin maximum, then moments): memory does not
     * grow with the signal's length.
     */
    private static NoiseProfile fromFrames(float[] y, SpectralGateParams p, boolean[] use) {
        StftParams sp = p.stft();
        Stft stft = Stft.of(sp);
        int bins = sp.bins();
        double scale = 1.0 / windowSum(sp);
        double[] maxDb = new double[bins];
        Arrays.fill(maxDb, Double.NEGATIVE_INFINITY);
        stft.forEachPowerFrame(y, (t, pw) -> {
            if (use == null || use[t]) {
                for (int k = 0; k < bins; k++) {
                    maxDb[k] = Math.max(maxDb[k], levelDb(pw[k], scale));
                }
            }
        });
        double[] sum = new double[bins];
        double[] sumSq = new double[bins];
        int[] count = new int[1];
        stft.forEachPowerFrame(y, (t, pw) -> {
            if (use == null || use[t]) {
                count[0]++;
                for (int k = 0; k < bins; k++) {
                    // relative to the bin's maximum: values in [-80, 0], so the moments stay exact
                    double d = Math.max(levelDb(pw[k], scale), maxDb[k] - TOP_DB) - maxDb[k];
                    sum[k] += d;
                    sumSq[k] += d * d;
                }
            }
        });
        int n = count[0];
        double[] mean = new double[bins];
        double[] std = new double[bins];
        for (int k = 0; k < bins; k++) {
            double m = sum[k] / n;
            mean[k] = maxDb[k] + m;
            std[k] = Math.sqrt(Math.max(0, sumSq[k] / n - m * m));
        }
        return new NoiseProfile(p.nFft(), n, mean, std);
    }

    /** noisereduce's level of one bin: {@code 20 log10(|X| / sum(window) + eps)}, from {@code |X|^2}. */
    static double levelDb(double power, double scale) {
        return 20.0 * Math.log10(Math.sqrt(power) * scale + EPS);
    }

    static double windowSum(StftParams sp) {
        double s = 0;
        for (double w : sp.window().periodic(sp.winLength())) {
            s += w;
        }
        return s;
    }

    /** FFT size the profile was measured with. */
    public int nFft() { return nFft; }

    /** Number of frames the statistics come from. */
    public int frames() { return frames; }

    /** Mean level per bin in dB (copy). */
    public double[] meanDb() { return meanDb.clone(); }

    /** Standard deviation of the level per bin in dB (copy). */
    public double[] stdDb() { return stdDb.clone(); }

    /** {@code mean + nStd * std} per bin: noisereduce's {@code noise_thresh}. */
    public double[] thresholdDb(double nStd) {
        double[] t = new double[meanDb.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = meanDb[k] + nStd * stdDb[k];
        }
        return t;
    }

    @Override
    public String toString() {
        double m = Arrays.stream(meanDb).average().orElse(Double.NaN);
        double s = Arrays.stream(stdDb).average().orElse(Double.NaN);
        return String.format(Locale.ROOT, "NoiseProfile[nFft %d, %d bins from %d frames, mean level %.1f dB, mean std %.1f dB]",
                nFft, meanDb.length, frames, m, s);
    }
}
