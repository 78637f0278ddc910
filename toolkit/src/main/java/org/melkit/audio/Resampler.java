package org.melkit.audio;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Band-limited sample-rate conversion in the class of soxr's HQ mode (librosa's default
 * {@code res_type='soxr_hq'}): linear phase, passband to about 0.9 x the lower Nyquist.
 * A converter is immutable and thread-safe; {@link #of} caches one per rate pair.
 * Output length is exactly {@code ceil(n * srOut / srIn)}, as librosa's {@code resample}.
 *
 * <h2>What is computed</h2>
 * Output sample {@code k} is the band-limited interpolation of the input at time
 * {@code k * srIn / srOut} input samples, the input being zero outside {@code [0, n)}: time
 * zero of the output is time zero of the input (no filter delay), as soxr's output. The
 * lowpass is that of soxr HQ: flat to {@code 0.913744 x} the lower Nyquist
 * ({@code min(srIn, srOut) / 2}), stopband from the lower Nyquist, about 135 dB down there,
 * linear phase. Only the first {@code round(n * srOut / srIn)} samples are computed (that many
 * soxr produces); librosa's {@code fix_length} pads the rest of the {@code ceil} length with
 * zeros, and so does this class, so the last sample may be 0.
 *
 * <h2>Why this design</h2>
 * A direct polyphase filter needs, with soxr's narrow transition band (8.6% of Nyquist) and
 * 135 dB, about 450 taps per output at 48000 to 22050 Hz; 186 taps measured six times slower
 * than soxr. The work is split in two stages, as soxr itself does:
 * <ol>
 * <li>the sharp lowpass, applied by fast convolution (overlap-save, radix-4 FFT, two real
 *     blocks per complex transform) at {@code R = U x srIn} (U = 2 when upsampling, so the
 *     signal is then 2x oversampled; U = 1 or 2 when downsampling, whichever costs less);</li>
 * <li>a short polyphase interpolator from {@code R} to {@code srOut} (rational {@code L/M} from
 *     the gcd, one precomputed Kaiser-windowed sinc phase per output phase, 10 to 24 taps at
 *     100 dB) that only has to keep the already band-limited signal flat and reject images
 *     well above the band; for integer decimation it is a plain pick of every M-th sample.</li>
 * </ol>
 * Both kernels are Kaiser-windowed sincs designed once per rate pair. The sharp one is placed
 * as soxr places it (cutoff midway between 0.913744 and 1.0 x Nyquist, 135.5 dB, the
 * attenuation at which its transition band best matches soxr HQ's), which is what makes the
 * result agree with soxr to about 70 dB over the full band and not only in the passband.
 */
public final class Resampler {
    /** soxr HQ's passband end as a fraction of the lower Nyquist: 1 - 0.05 / to3dB(120.4 dB). */
    static final double PASSBAND_END = 0.913744;
    /** Attenuation of the sharp lowpass: soxr HQ's 20-bit 126.4 dB plus its multi-stage budget. */
    static final double SHARP_ATTENUATION_DB = 135.5;
    /** Attenuation (and passband ripple) of the second-stage interpolator. */
    static final double INTERP_ATTENUATION_DB = 100.0;
    /** Above this many stage-2 coefficients, the phases are interpolated from a finer table. */
    private static final int MAX_EXACT_COEFS = 1 << 18;
    /** Phases of the interpolated stage-2 table (linear interpolation error below -140 dB). */
    private static final int TABLE_PHASES = 4096;
    /** Relative cost of one stage-2 tap against one FFT butterfly element, for choosing U. */
    private static final double TAP_COST = 1.0;

    private static final ConcurrentHashMap<Long, Resampler> CACHE = new ConcurrentHashMap<>();

    private final int srIn;
    private final int srOut;
    /** Stage 1: zero-stuffing factor U, odd tap count, centre, FFT plan and filter spectrum. */
    private final int up;
    private final int taps1;
    private final ResamplerFft fft;
    private final double[] h1Re;
    private final double[] h1Im;
    /** Stage 2: L phases, step M in units of 1/L intermediate samples, taps per output. */
    private final int phases;
    private final int step;
    private final int taps2;
    private final int firstTap;
    /** Exact: {@code phases} rows of {@code taps2}. Interpolated: {@code TABLE_PHASES + 1} rows. */
    private final float[] coefs;
    /** Row differences for the interpolated table, {@code null} when every phase is exact. */
    private final float[] coefSlopes;

    private Resampler(int srIn, int srOut) {
        this.srIn = srIn;
        this.srOut = srOut;
        if (srIn == srOut) {
            up = 1;
            taps1 = 0;
            fft = null;
            h1Re = h1Im = null;
            phases = step = taps2 = 1;
            firstTap = 0;
            coefs = coefSlopes = null;
            return;
        }
        Plan plan = srOut > srIn ? Plan.of(srIn, srOut, 2)
                : cheaper(Plan.of(srIn, srOut, 1), Plan.of(srIn, srOut, 2));
        up = plan.up;
        taps1 = plan.taps1;
        fft = new ResamplerFft(plan.fftSize);

        // Stage 1: centred Kaiser-windowed sinc at rate R, DC gain U (zero-stuffing loses 1/U).
        double rate = (double) up * srIn;
        double fLow = Math.min(srIn, srOut) / 2.0;
        double fc = (PASSBAND_END * fLow + fLow) / 2 / rate; // cutoff, fraction of R
        double beta1 = ResamplerKernel.kaiserBeta(SHARP_ATTENUATION_DB);
        double i0Beta1 = ResamplerKernel.besselI0(beta1);
        int d1 = (taps1 - 1) / 2;
        double[] h = new double[taps1];
        double sum = 0;
        for (int i = 0; i < taps1; i++) {
            int t = i - d1;
            h[i] = 2 * fc * ResamplerKernel.sinc(2 * fc * t)
                    * ResamplerKernel.kaiser(t, plan.halfWidth1, beta1, i0Beta1);
            sum += h[i];
        }
        int size = plan.fftSize;
        double[] re = new double[size];
        double[] im = new double[size];
        for (int i = 0; i < taps1; i++) {
            re[i] = h[i] * up / sum;
        }
        fft.forward(re, im);
        for (int i = 0; i < size; i++) { // fold in the 1/size of the unscaled inverse
            re[i] /= size;
            im[i] /= size;
        }
        h1Re = re;
        h1Im = im;

        // Stage 2: R -> srOut as L/M; windowed sinc with cutoff R/2 (a pure pick when L = 1).
        long g = gcd(srOut, (long) up * srIn);
        phases = (int) (srOut / g);
        step = (int) ((long) up * srIn / g);
        taps2 = plan.taps2;
        firstTap = plan.firstTap;
        if (phases == 1) {
            coefs = new float[] {1f};
            coefSlopes = null;
        } else {
            boolean exact = (long) phases * taps2 <= MAX_EXACT_COEFS;
            int rows = exact ? phases : TABLE_PHASES + 1;
            double beta2 = ResamplerKernel.kaiserBeta(INTERP_ATTENUATION_DB);
            double i0Beta2 = ResamplerKernel.besselI0(beta2);
            float[] c = new float[rows * taps2];
            double[] row = new double[taps2];
            for (int r = 0; r < rows; r++) {
                double phi = exact ? (double) r / phases : (double) r / TABLE_PHASES;
                double rowSum = 0;
                for (int t = 0; t < taps2; t++) {
                    double tau = phi - (firstTap + t);
                    row[t] = ResamplerKernel.sinc(tau)
                            * ResamplerKernel.kaiser(tau, plan.halfWidth2, beta2, i0Beta2);
                    rowSum += row[t];
                }
                for (int t = 0; t < taps2; t++) {
                    c[r * taps2 + t] = (float) (row[t] / rowSum);
                }
            }
            coefs = c;
            if (exact) {
                coefSlopes = null;
            } else {
                float[] s = new float[TABLE_PHASES * taps2];
                for (int i = 0; i < s.length; i++) {
                    s[i] = c[i + taps2] - c[i];
                }
                coefSlopes = s;
            }
        }
    }

    /** The (cached) converter from {@code srIn} to {@code srOut} Hz. */
    public static Resampler of(int srIn, int srOut) {
        if (srIn <= 0) {
            throw new IllegalArgumentException("srIn=" + srIn + " must be > 0 (librosa: orig_sr)");
        }
        if (srOut <= 0) {
            throw new IllegalArgumentException("srOut=" + srOut + " must be > 0 (librosa: target_sr)");
        }
        long key = ((long) srIn << 32) | srOut;
        return CACHE.computeIfAbsent(key, k -> new Resampler(srIn, srOut));
    }

    /** One-shot: {@code of(srIn, srOut).resample(x)}. */
    public static float[] resample(float[] x, int srIn, int srOut) {
        return of(srIn, srOut).resample(x);
    }

    public int srIn() { return srIn; }

    public int srOut() { return srOut; }

    /**
     * Number of output samples for {@code n} input samples: {@code ceil(n * srOut / srIn)}.
     * Computed exactly as librosa does, {@code ceil(n * (srOut / srIn))} in double precision,
     * so that lengths agree with librosa even where rounding of the ratio makes that one more
     * than the exact rational ceiling (e.g. 44100 to 48000 Hz with {@code n} a multiple of 147).
     */
    public long outputLength(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n=" + n + " must be >= 0");
        }
        return (long) Math.ceil(n * ((double) srOut / srIn));
    }

    /**
     * How many samples soxr produces for {@code n} inputs, {@code round(n * srOut / srIn)}
     * with soxr's own double arithmetic; the rest of {@link #outputLength} is zero padding.
     */
    long computedLength(long n) {
        return (long) (n / ((double) srIn / srOut) + 0.5);
    }

    /** The rates and the two stages' sizes, e.g. for logs and benchmarks. */
    @Override
    public String toString() {
        if (fft == null) {
            return "Resampler[" + srIn + " -> " + srOut + " Hz: identity]";
        }
        return "Resampler[" + srIn + " -> " + srOut + " Hz: stage 1 x" + up + " " + taps1
                + " taps by FFT " + fft.size() + ", stage 2 " + phases + "/" + step + " "
                + taps2 + " taps" + (coefSlopes == null ? "" : " interpolated") + "]";
    }

    /** Resamples {@code x}; returns a new array of {@link #outputLength} samples. */
    public float[] resample(float[] x) {
        Objects.requireNonNull(x, "x");
        if (srIn == srOut) {
            return x.clone();
        }
        long outLen = outputLength(x.length);
        if (outLen > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("x.length=" + x.length + " resampled from " + srIn
                    + " to " + srOut + " Hz gives " + outLen + " samples, more than an array holds");
        }
        float[] y = new float[(int) outLen];
        int count = (int) Math.min(outLen, computedLength(x.length));
        if (count > 0) {
            convert(x, y, count);
        }
        return y;
    }

    /**
     * Writes the first {@code count} output samples. The intermediate signal {@code z} (rate
     * R) is produced two FFT blocks at a time into a sliding window and consumed by stage 2 as
     * soon as an output's taps are all available, so memory stays O(FFT size) for any input.
     */
    private void convert(float[] x, float[] y, int count) {
        int size = fft.size();
        int block = size - taps1 + 1;
        int d1 = (taps1 - 1) / 2;
        double[] re = new double[size];
        double[] im = new double[size];
        float[] z = new float[2 * block + taps2];
        long zBase = firstTap; // absolute index (at rate R) of z[0]
        int zFill = 0;
        long next = zBase;     // absolute index of the next z sample stage 1 computes
        long q = 0;            // output k sits at q + p / phases
        int p = 0;
        int stepWhole = step / phases;
        int stepFrac = step % phases;
        int k = 0;
        while (k < count) {
            fill(re, x, next - d1);
            fill(im, x, next + block - d1);
            fft.forward(re, im);
            double[] hr = h1Re;
            double[] hi = h1Im;
            for (int i = 0; i < size; i++) {
                double a = re[i], b = im[i], c = hr[i], d = hi[i];
                re[i] = a * c - b * d;
                im[i] = a * d + b * c;
            }
            fft.inverse(re, im);
            for (int r = 0, s = taps1 - 1; r < block; r++, s++) {
                z[zFill + r] = (float) re[s];
                z[zFill + block + r] = (float) im[s];
            }
            zFill += 2 * block;
            next += 2L * block;

            // Stage 2 over every output whose taps are all in z: off is q + firstTap - zBase.
            int limit = zFill - taps2;
            int off = (int) (q + firstTap - zBase);
            if (phases == 1) {
                for (; k < count && off <= limit; k++, off += stepWhole) {
                    y[k] = z[off];
                }
            } else if (coefSlopes == null) {
                float[] c = coefs;
                int n = taps2;
                for (; k < count && off <= limit; k++) {
                    int row = p * n;
                    float a0 = 0, a1 = 0;
                    for (int t = 0; t < n; t += 2) { // taps2 is even
                        a0 += z[off + t] * c[row + t];
                        a1 += z[off + t + 1] * c[row + t + 1];
                    }
                    y[k] = a0 + a1;
                    off += stepWhole;
                    p += stepFrac;
                    if (p >= phases) {
                        p -= phases;
                        off++;
                    }
                }
            } else {
                for (; k < count && off <= limit; k++) {
                    y[k] = dotInterpolated(z, off, p);
                    off += stepWhole;
                    p += stepFrac;
                    if (p >= phases) {
                        p -= phases;
                        off++;
                    }
                }
            }
            q = zBase + off - firstTap;
            long zEnd = zBase + zFill;
            long keepFrom = q + firstTap;
            if (keepFrom >= zEnd) { // large decimation: skip z samples no output needs
                zFill = 0;
                zBase = keepFrom;
                next = keepFrom;
            } else {
                int drop = (int) (keepFrom - zBase);
                System.arraycopy(z, drop, z, 0, zFill - drop);
                zFill -= drop;
                zBase = keepFrom;
            }
        }
    }

    /** {@code buf[i] = u[start + i]}, u being x zero-stuffed by {@code up} and 0 outside. */
    private void fill(double[] buf, float[] x, long start) {
        int size = buf.length;
        long uEnd = (long) up * x.length;
        long lo = Math.max(start, 0);
        long hi = Math.min(start + size, uEnd);
        if (up == 1) {
            int a = (int) Math.min(Math.max(lo - start, 0), size);
            int b = (int) Math.max(Math.min(hi - start, size), a);
            Arrays.fill(buf, 0, a, 0.0);
            for (int i = a, j = (int) (start + a); i < b; i++, j++) {
                buf[i] = x[j];
            }
            Arrays.fill(buf, b, size, 0.0);
        } else {
            Arrays.fill(buf, 0.0);
            long j = lo + Math.floorMod(-lo, (long) up); // first multiple of up >= lo
            for (; j < hi; j += up) {
                buf[(int) (j - start)] = x[(int) (j / up)];
            }
        }
    }

    private float dotInterpolated(float[] z, int off, int p) {
        long pos = (long) p * TABLE_PHASES;
        int idx = (int) (pos / phases);
        float frac = (float) (pos - (long) idx * phases) / phases;
        int row = idx * taps2;
        float[] c = coefs;
        float[] s = coefSlopes;
        float a0 = 0, a1 = 0;
        for (int t = 0; t < taps2; t += 2) {
            a0 += z[off + t] * (c[row + t] + frac * s[row + t]);
            a1 += z[off + t + 1] * (c[row + t + 1] + frac * s[row + t + 1]);
        }
        return a0 + a1;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static Plan cheaper(Plan a, Plan b) {
        return a.cost <= b.cost ? a : b;
    }

    /** Sizes of the two stages for one choice of U, and their estimated cost per input second. */
    private static final class Plan {
        final int up;
        final double halfWidth1;
        final int taps1;
        final int fftSize;
        final double halfWidth2;
        final int taps2;
        final int firstTap;
        final double cost;

        private Plan(int up, double halfWidth1, int taps1, int fftSize, double halfWidth2,
                int taps2, int firstTap, double cost) {
            this.up = up;
            this.halfWidth1 = halfWidth1;
            this.taps1 = taps1;
            this.fftSize = fftSize;
            this.halfWidth2 = halfWidth2;
            this.taps2 = taps2;
            this.firstTap = firstTap;
            this.cost = cost;
        }

        static Plan of(int srIn, int srOut, int up) {
            double rate = (double) up * srIn;
            double fLow = Math.min(srIn, srOut) / 2.0;
            double halfWidth1 = ResamplerKernel.kaiserLength(SHARP_ATTENUATION_DB,
                    (1 - PASSBAND_END) * fLow / rate) / 2;
            int taps1 = 2 * (int) Math.floor(halfWidth1) + 1;
            int fftSize = fftSizeFor(taps1);
            long g = gcd(srOut, (long) up * srIn);
            double halfWidth2 = 0;
            int taps2 = 1;
            int firstTap = 0;
            if (srOut / g != 1) {
                halfWidth2 = ResamplerKernel.kaiserLength(INTERP_ATTENUATION_DB,
                        (rate - 2 * fLow) / rate) / 2;
                int d2 = Math.max(1, (int) Math.ceil(halfWidth2));
                taps2 = 2 * d2;
                firstTap = 1 - d2;
            }
            double log2 = Integer.numberOfTrailingZeros(fftSize);
            double stage1 = rate * fftSize * log2 / (fftSize - taps1 + 1);
            double stage2 = (double) srOut * taps2 * TAP_COST;
            return new Plan(up, halfWidth1, taps1, fftSize, halfWidth2, taps2, firstTap,
                    stage1 + stage2);
        }

        /** The power of two that minimises FFT work per output sample, F log F / (F - N + 1). */
        static int fftSizeFor(int taps) {
            int f = Math.max(16, Integer.highestOneBit(2 * taps - 1) << 1); // >= 2 taps
            int best = f;
            double bestCost = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++, f <<= 1) {
                double cost = (double) f * Integer.numberOfTrailingZeros(f) / (f - taps + 1);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = f;
                }
            }
            return best;
        }
    }
}
