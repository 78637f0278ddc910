package org.melkit.effects;

import java.util.Locale;
import org.melkit.dsp.ComplexMatrix;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Istft;
import org.melkit.dsp.Stft;
import org.melkit.dsp.StftParams;

/**
 * Noise reduction by stationary spectral gating, as {@code noisereduce.reduce_noise(y, sr,
 * stationary=True, y_noise=...)} (noisereduce 3.x, after Audacity's noise reduction).
 *
 * <p>Steps: (1) a {@link NoiseProfile} gives each frequency bin's noise level mean and standard
 * deviation in dB, from a noise clip or from the signal's quietest frames; (2) the threshold per
 * bin is {@code mean + nStdThresh * std}; (3) the signal's STFT bins above the threshold get mask
 * 1, the rest 0, then the mask becomes {@code mask * propDecrease + (1 - propDecrease)};
 * (4) the mask is smoothed by noisereduce's triangular 2-D filter ({@code 2*nf+1} bins by
 * {@code 2*nt+1} frames with {@code nf = int(freqMaskSmoothHz / (sr / (nFft/2)))},
 * {@code nt = int(timeMaskSmoothMs / (1000 hop / sr))}, normalised to sum 1); (5) the masked STFT
 * is inverted with {@link Istft} to the input's length.
 *
 * <p>Differences from noisereduce, all deliberate: melkit's one STFT path (librosa's centred
 * STFT) replaces scipy's {@code stft}; the gate is scale-free, and levels are scaled like
 * scipy's so the 80 dB floor and epsilon act alike. noisereduce zero-pads the signal by 30000
 * samples, where the mask is {@code 1 - propDecrease}; here the smoothing treats frames beyond
 * either end the same way, without computing them. noisereduce's smoothing zero-pads beyond
 * the lowest and highest bin; so does this. Signals are processed whole (noisereduce's
 * {@code chunk_size} only bounds its memory). {@link SpectralGateParams#defaults()} takes the
 * noise profile from the quietest 20% of frames, which keeps speech out of the noise estimate,
 * and does not smooth the mask; {@link SpectralGateParams#noisereduce()} restores noisereduce's
 * choices. The measured effect of each is in {@link SpectralGateParams}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SpectralGate {
    private SpectralGate() {}

    /** Noise reduced with {@link SpectralGateParams#defaults()}: the noise profile of the quietest 20% of frames. */
    public static float[] reduceNoise(float[] y, int sr) {
        return reduceNoise(y, sr, SpectralGateParams.defaults());
    }

    /** Noise reduced with the noise profile of {@code y}'s quietest {@code p.quietestFraction()} of frames. */
    public static float[] reduceNoise(float[] y, int sr, SpectralGateParams p) {
        if (y.length == 0) {
            return new float[0];
        }
        return reduceNoise(y, sr, p, NoiseProfile.fromQuietestFrames(y, p, p.quietestFraction()));
    }

    /** Noise reduced with the noise profile of a separate clip of noise (noisereduce's {@code y_noise}). */
    public static float[] reduceNoise(float[] y, int sr, SpectralGateParams p, float[] noiseClip) {
        return reduceNoise(y, sr, p, NoiseProfile.fromClip(noiseClip, p));
    }

    /**
     * Noise reduced against a given profile. Signals longer than {@value #CHUNK_SIZE} samples are
     * gated in blocks of that size, each read with {@value #PADDING} samples of context on both
     * sides (zeros beyond the ends), as noisereduce's {@code chunk_size}/{@code padding}, both
     * rounded up to whole hops so that the blocks join seamlessly: memory stays bounded for
     * hour-long recordings. (Within {@code nFft} samples of either end the padded first and last
     * blocks see frames an unpadded STFT lacks, as in noisereduce.)
     *
     * @param y signal, any length ({@code y.length} samples come back)
     * @param sr its sample rate in Hz (sets the smoothing widths)
     * @param p gate parameters; {@code p.nFft()} must equal the profile's
     * @param profile the noise statistics
     * @return the denoised signal, float32, same length as {@code y}
     */
    public static float[] reduceNoise(float[] y, int sr, SpectralGateParams p, NoiseProfile profile) {
        if (sr <= 0) {
            throw new IllegalArgumentException("sr=" + sr + " must be > 0 Hz");
        }
        if (profile.nFft() != p.nFft()) {
            throw new IllegalArgumentException("profile was measured with nFft=" + profile.nFft() + " but the gate uses nFft=" + p.nFft()
                    + "; build the profile with the same SpectralGateParams");
        }
        if (y.length <= CHUNK_SIZE) {
            return gate(y, sr, p, profile);
        }
        // block length and context rounded up to whole hops, so every block's frames sit on the
        // whole signal's frame grid and the seams leave no trace (noisereduce's 30000 does not)
        int hop = p.hopLength();
        int chunk = (CHUNK_SIZE + hop - 1) / hop * hop;
        int padding = (PADDING + hop - 1) / hop * hop;
        float[] out = new float[y.length];
        for (int start = 0; start < y.length; start += chunk) {
            int end = Math.min(y.length, start + chunk);
            int i1 = start - padding;
            float[] block = new float[end + padding - i1];
            int from = Math.max(0, i1);
            int to = Math.min(y.length, end + padding);
            System.arraycopy(y, from, block, from - i1, to - from);
            float[] g = gate(block, sr, p, profile);
            System.arraycopy(g, start - i1, out, start, end - start);
        }
        return out;
    }

    /** noisereduce's {@code chunk_size}: longer signals are gated block by block. */
    public static final int CHUNK_SIZE = 600_000;
    /** noisereduce's {@code padding}: context read on each side of a block. */
    public static final int PADDING = 30_000;

    /** The whole signal as one block, whatever its length (for tests of the block-wise path). */
    static float[] gateWhole(float[] y, int sr, SpectralGateParams p, NoiseProfile profile) {
        return gate(y, sr, p, profile);
    }

    /** Gates one block: mask from the levels, applied to the complex STFT, inverted to the same length. */
    private static float[] gate(float[] y, int sr, SpectralGateParams p, NoiseProfile profile) {
        if (y.length == 0) {
            return new float[0];
        }
        float[] mask = mask(y, sr, p, profile);
        StftParams sp = p.stft();
        int bins = sp.bins();
        int frames = sp.frameCount(y.length);
        float[] re = new float[bins * frames];
        float[] im = new float[bins * frames];
        Stft.of(sp).forEachComplexFrame(y, (t, r, i) -> {
            for (int k = 0; k < bins; k++) {
                int at = k * frames + t;
                re[at] = (float) r[k] * mask[at];
                im[at] = (float) i[k] * mask[at];
            }
        });
        ComplexMatrix masked = new ComplexMatrix(FloatMatrix.wrap(bins, frames, re), FloatMatrix.wrap(bins, frames, im));
        return Istft.of(sp).inverse(masked, y.length);
    }

    /**
     * The smoothed gain mask, {@code (1 + nFft/2, t)} like the STFT, values in [0, 1]:
     * 1 keeps a bin, {@code 1 - propDecrease} is full attenuation.
     */
    public static FloatMatrix gainMask(float[] y, int sr, SpectralGateParams p, NoiseProfile profile) {
        int rows = p.stft().bins();
        float[] m = mask(y, sr, p, profile);
        return FloatMatrix.wrap(rows, m.length / rows, m);
    }

    /** The mask as {@code [bin * frames + frame]}, float32. */
    private static float[] mask(float[] y, int sr, SpectralGateParams p, NoiseProfile profile) {
        StftParams sp = p.stft();
        int bins = sp.bins();
        int frames = sp.frameCount(y.length);
        double scale = 1.0 / NoiseProfile.windowSum(sp);
        // levels in dB, [bin * frames + frame], then noisereduce's per-bin floor at max - 80
        float[] levels = new float[bins * frames];
        double[] maxDb = new double[bins];
        java.util.Arrays.fill(maxDb, Double.NEGATIVE_INFINITY);
        Stft.of(sp).forEachPowerFrame(y, (t, pw) -> {
            for (int k = 0; k < bins; k++) {
                double d = NoiseProfile.levelDb(pw[k], scale);
                levels[k * frames + t] = (float) d;
                maxDb[k] = Math.max(maxDb[k], d);
            }
        });
        float[] m = levels;
        double[] thresh = profile.thresholdDb(p.nStdThresh());
        double prop = p.propDecrease();
        double floor = 1.0 - prop;
        // binary gate times propDecrease, kept minus the floor so that smoothing can treat the outside as zero
        for (int k = 0; k < bins; k++) {
            double lo = maxDb[k] - NoiseProfile.TOP_DB;
            for (int t = 0; t < frames; t++) {
                int at = k * frames + t;
                m[at] = Math.max(m[at], lo) > thresh[k] ? (float) prop : 0f;
            }
        }
        // what the floor contributes after smoothing: the floor everywhere inside the bin range and
        // beyond both time ends (noisereduce's padding), zero beyond the lowest/highest bin
        double[] floorAfter = new double[bins];
        java.util.Arrays.fill(floorAfter, floor);
        int[] grad = smoothingHalfWidths(sr, p);
        if (grad != null) {
            double[] f = triangle(grad[0]);
            m = smooth(m, bins, frames, f, triangle(grad[1]));
            floorAfter = inRangeWeight(bins, f);
            for (int k = 0; k < bins; k++) {
                floorAfter[k] *= floor;
            }
        }
        for (int k = 0; k < bins; k++) {
            float fa = (float) floorAfter[k];
            for (int t = 0; t < frames; t++) {
                m[k * frames + t] += fa;
            }
        }
        return m;
    }

    /** Share of the normalised frequency filter {@code f} that falls inside {@code [0, bins)} around each bin. */
    static double[] inRangeWeight(int bins, double[] f) {
        double fs = 0;
        for (double v : f) {
            fs += v;
        }
        int hf = f.length / 2;
        double[] c = new double[bins];
        for (int k = 0; k < bins; k++) {
            for (int j = Math.max(0, k - hf); j <= Math.min(bins - 1, k + hf); j++) {
                c[k] += f[j - k + hf] / fs;
            }
        }
        return c;
    }

    /**
     * noisereduce's {@code (n_grad_freq, n_grad_time)}, or null when there is no smoothing
     * (both widths absent, or both half-widths 1, as noisereduce decides).
     */
    static int[] smoothingHalfWidths(int sr, SpectralGateParams p) {
        if (p.freqMaskSmoothHz() == null && p.timeMaskSmoothMs() == null) {
            return null;
        }
        int nf = 1;
        if (p.freqMaskSmoothHz() != null) {
            double step = sr / (p.nFft() / 2.0);
            nf = (int) (p.freqMaskSmoothHz() / step);
            if (nf < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "freqMaskSmoothHz=%s must be at least %d Hz at sr=%d, nFft=%d (noisereduce: freq_mask_smooth_hz); or null for none",
                        p.freqMaskSmoothHz(), (int) step, sr, p.nFft()));
            }
        }
        int nt = 1;
        if (p.timeMaskSmoothMs() != null) {
            double step = p.hopLength() * 1000.0 / sr;
            nt = (int) (p.timeMaskSmoothMs() / step);
            if (nt < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "timeMaskSmoothMs=%s must be at least %d ms at sr=%d, hopLength=%d (noisereduce: time_mask_smooth_ms); or null for none",
                        p.timeMaskSmoothMs(), (int) step, sr, p.hopLength()));
            }
        }
        return nf == 1 && nt == 1 ? null : new int[] {nf, nt};
    }

    /**
     * noisereduce's triangle of {@code 2n+1} taps: {@code 1/(n+1), ..., n/(n+1), 1, n/(n+1), ..., 1/(n+1)}
     * (not normalised; the 2-D filter is their outer product divided by its sum).
     */
    static double[] triangle(int n) {
        double[] w = new double[2 * n + 1];
        for (int i = 0; i <= n; i++) {
            w[i] = (i + 1.0) / (n + 1.0);
            w[2 * n - i] = w[i];
        }
        return w;
    }

    /**
     * {@code scipy.signal.fftconvolve(m, outer(f, g) / sum, mode="same")} with zeros outside
     * {@code m} ({@code [bin * frames + frame]}), computed separably (the filter is an outer
     * product) and directly; returns a new array.
     */
    static float[] smooth(float[] m, int bins, int frames, double[] f, double[] g) {
        double fs = 0;
        for (double v : f) {
            fs += v;
        }
        double gs = 0;
        for (double v : g) {
            gs += v;
        }
        int hf = f.length / 2;
        int hg = g.length / 2;
        // along time, in place row by row
        double[] row = new double[frames];
        for (int k = 0; k < bins; k++) {
            int base = k * frames;
            for (int t = 0; t < frames; t++) {
                row[t] = m[base + t];
            }
            for (int t = 0; t < frames; t++) {
                double acc = 0;
                int lo = Math.max(0, t - hg);
                int hi = Math.min(frames - 1, t + hg);
                for (int u = lo; u <= hi; u++) {
                    acc += row[u] * g[u - t + hg];
                }
                m[base + t] = (float) (acc / gs);
            }
        }
        // along frequency, into a new array
        float[] out = new float[bins * frames];
        for (int k = 0; k < bins; k++) {
            int lo = Math.max(0, k - hf);
            int hi = Math.min(bins - 1, k + hf);
            int ob = k * frames;
            for (int j = lo; j <= hi; j++) {
                float w = (float) (f[j - k + hf] / fs);
                int jb = j * frames;
                for (int t = 0; t < frames; t++) {
                    out[ob + t] += w * m[jb + t];
                }
            }
        }
        return out;
    }
}
