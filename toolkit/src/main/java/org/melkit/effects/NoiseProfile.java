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
        double[][] db = levelsDb(noise, p);
        int[] all = new int[db[0].length];
        for (int t = 0; t < all.length; t++) {
            all[t] = t;
        }
        return fromFrames(db, all, p.nFft());
    }

    /**
     * The profile of the quietest {@code fraction} of {@code y}'s frames (at least one), ranked by
     * frame energy (ties: earlier frame first): a noise estimate for recordings with pauses but no
     * separate noise clip. {@code fraction = 1} is noisereduce's {@code y_noise=None}.
     */
    public static NoiseProfile fromQuietestFrames(float[] y, SpectralGateParams p, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction=" + fraction + " must be in (0, 1]; typical: 0.2");
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("signal is empty; there are no frames to estimate noise from");
        }
        double[][] raw = magnitudes(y, p);
        int frames = raw[0].length;
        double[] energy = new double[frames];
        for (double[] row : raw) {
            for (int t = 0; t < frames; t++) {
                energy[t] += row[t] * row[t];
            }
        }
        int keep = Math.max(1, (int) Math.ceil(fraction * frames));
        Integer[] order = new Integer[frames];
        for (int t = 0; t < frames; t++) {
            order[t] = t;
        }
        Arrays.sort(order, (a, b) -> energy[a] != energy[b] ? Double.compare(energy[a], energy[b]) : Integer.compare(a, b));
        int[] chosen = new int[keep];
        for (int i = 0; i < keep; i++) {
            chosen[i] = order[i];
        }
        Arrays.sort(chosen);
        // the chosen frames are the "noise clip": the 80 dB floor is relative to their own maximum
        double[][] sub = new double[raw.length][keep];
        for (int k = 0; k < raw.length; k++) {
            for (int i = 0; i < keep; i++) {
                sub[k][i] = raw[k][chosen[i]];
            }
        }
        toDbInPlace(sub);
        int[] idx = new int[keep];
        for (int i = 0; i < keep; i++) {
            idx[i] = i;
        }
        return fromFrames(sub, idx, p.nFft());
    }

    private static NoiseProfile fromFrames(double[][] db, int[] frames, int nFft) {
        int bins = db.length;
        double[] mean = new double[bins];
        double[] std = new double[bins];
        for (int k = 0; k < bins; k++) {
            double s = 0;
            for (int t : frames) {
                s += db[k][t];
            }
            double m = s / frames.length;
            double v = 0;
            for (int t : frames) {
                double d = db[k][t] - m;
                v += d * d;
            }
            mean[k] = m;
            std[k] = Math.sqrt(v / frames.length);
        }
        return new NoiseProfile(nFft, frames.length, mean, std);
    }

    /** {@code |X| / sum(window)} as {@code [bin][frame]}. */
    static double[][] magnitudes(float[] y, SpectralGateParams p) {
        StftParams sp = p.stft();
        int frames = sp.frameCount(y.length);
        int bins = sp.bins();
        double scale = 1.0 / windowSum(sp);
        double[][] out = new double[bins][frames];
        Stft.of(sp).forEachPowerFrame(y, (t, pw) -> {
            for (int k = 0; k < bins; k++) {
                out[k][t] = Math.sqrt(pw[k]) * scale;
            }
        });
        return out;
    }

    /** noisereduce's levels: {@code [bin][frame]} dB with the per-bin 80 dB floor. */
    static double[][] levelsDb(float[] y, SpectralGateParams p) {
        double[][] m = magnitudes(y, p);
        toDbInPlace(m);
        return m;
    }

    /** noisereduce's {@code _amp_to_db}: {@code 20 log10(x + eps)}, floored at each row's max - 80. */
    static void toDbInPlace(double[][] m) {
        for (double[] row : m) {
            double max = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < row.length; t++) {
                row[t] = 20.0 * Math.log10(row[t] + EPS);
                max = Math.max(max, row[t]);
            }
            double floor = max - TOP_DB;
            for (int t = 0; t < row.length; t++) {
                row[t] = Math.max(row[t], floor);
            }
        }
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
