package org.melkit.audio;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.melkit.dsp.FftConvolver;

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
 * 135 dB, about 450 taps per output at 48000 to 22050 Hz (a 186-tap one was measured six
 * times slower than soxr). The work is split in two stages (soxr too combines DFT-based and
 * polyphase stages):
 * <ol>
 * <li>the sharp lowpass, applied by fast convolution (overlap-save on the shared real FFT,
 *     {@link FftConvolver} over {@link org.melkit.dsp.RealFft}: FFTW where it loads) to the
 *     input zero-stuffed by U and keeping every V-th sample: (U, V) = (2, 1) when upsampling,
 *     so that the result is 2x oversampled and the forward transform is half size; (1, 1),
 *     (2, 1) or (1, 2) when downsampling, whichever costs least, (1, 2) inverting a half-size
 *     folded spectrum (e.g. 44100 to 22050 Hz);</li>
 * <li>a short polyphase interpolator from {@code U srIn / V} to {@code srOut} (rational
 *     {@code L/M} from the gcd, one precomputed Kaiser-windowed sinc phase per output phase,
 *     10 to 24 taps at 100 dB; for very large L a 4096-phase table, linearly interpolated)
 *     that only has to keep the already band-limited signal flat and reject images well
 *     above the band; when L = 1 it is a plain pick of every M-th sample.</li>
 * </ol>
 * Both kernels are Kaiser-windowed sincs designed once per rate pair. The sharp one is placed
 * as soxr places it (cutoff midway between 0.913744 and 1.0 x Nyquist). Where soxr HQ converts
 * in one DFT stage (small ratios: 2:1 as 44100 to 22050 Hz, 3:1, 3:2, 1:2, 1:3) it is soxr's
 * own design for that stage (126.4 dB, soxr's fitted beta and length, at soxr's rate when
 * U = L), so the result agrees with soxr to about 120 dB over the full band, float32
 * rounding: the transition band is soxr's, and mel bands up to the new Nyquist agree with
 * librosa's to ~0.001 dB (0.27 dB in the top band before). Elsewhere soxr adds polyphase
 * stages with a larger budget; there the design is Kaiser's at 135.5 dB, the attenuation at
 * which its transition band best matches soxr HQ's: agreement to about 65-70 dB over the
 * full band and not only in the passband.
 * Per call, memory is a few FFT blocks whatever the input length. The sharp lowpass runs at
 * the input rate, so its length grows with {@code srIn / srOut} (about 206 taps per unit);
 * {@code srIn / srOut} above 1024 is rejected.
 */
public final class Resampler {
    /** soxr HQ's passband end as a fraction of the lower Nyquist: 1 - 0.05 / to3dB(120.4 dB). */
    static final double PASSBAND_END = 0.913744;
    /** Attenuation of the sharp lowpass: soxr HQ's 20-bit 126.4 dB plus its multi-stage budget. */
    static final double SHARP_ATTENUATION_DB = 135.5;
    /**
     * Attenuation of soxr HQ's filter where it converts in one DFT stage (2:1, 3:1, 1:2, 3:2,
     * ...): 20 bits + 1, {@code 21 x 20 log10(2)}, with no multi-stage budget added.
     */
    static final double SOXR_ONE_STAGE_ATTENUATION_DB = 21 * 20 * Math.log10(2);
    /** Attenuation (and passband ripple) of the second-stage interpolator. */
    static final double INTERP_ATTENUATION_DB = 100.0;
    /** Above this many stage-2 coefficients, the phases are interpolated from a finer table. */
    private static final int MAX_EXACT_COEFS = 1 << 18;
    /** Phases of the interpolated stage-2 table (linear interpolation error below -140 dB). */
    private static final int TABLE_PHASES = 4096;
    /**
     * Largest supported {@code srIn / srOut}: the sharp lowpass runs at the input rate with a
     * transition band 4.3% of the output rate wide, about 206 taps per unit of the ratio.
     */
    static final int MAX_DECIMATION = 1024;
    /** Cost of one stage-2 tap relative to one FFT n-log-n unit, for choosing (U, V). */
    private static final double TAP_COST = 1.0;

    private static final ConcurrentHashMap<Long, Resampler> CACHE = new ConcurrentHashMap<>();

    private final int srIn;
    private final int srOut;
    /**
     * Stage 1: zero-stuffing factor U, decimation V (the intermediate rate is U srIn / V), odd
     * tap count, FFT plan and half-size plan (used when U or V is 2), filter spectrum.
     */
    private final int up;
    private final int down;
    private final int taps1;
    private final FftConvolver conv;
    /** Stage 2: L phases, step M in units of 1/L intermediate samples, taps per output. */
    private final int phases;
    private final int step;
    private final int taps2;
    private final int firstTap;
    /** Exact: {@code phases} rows of {@code taps2}. Interpolated: {@code TABLE_PHASES + 1} rows. */
    private final float[] coefs;
    /** Row differences for the interpolated table, {@code null} when every phase is exact. */
    private final float[] coefSlopes;
    /**
     * Exact table only: its rows are stored in the order outputs visit the phases (output k
     * has phase {@code k step mod L}, a cycle through all L), and {@code offsetSteps[j]} is how
     * far the next output's first tap is from the j-th's: stage 2 then walks the table
     * sequentially, without a data-dependent branch per output.
     */
    private final int[] offsetSteps;

    private Resampler(int srIn, int srOut) {
        this.srIn = srIn;
        this.srOut = srOut;
        if (srIn == srOut) {
            up = down = 1;
            taps1 = 0;
            conv = null;
            phases = step = taps2 = 1;
            firstTap = 0;
            coefs = coefSlopes = null;
            offsetSteps = null;
            return;
        }
        int[] soxrStage = ResamplerKernel.soxrSingleStage(srIn, srOut);
        Plan plan;
        if (soxrStage != null && soxrStage[0] == 1 && soxrStage[1] == 2) {
            plan = Plan.of(srIn, srOut, 1, 2, soxrStage);   // soxr's rate, soxr's spectral fold
        } else if (soxrStage != null && soxrStage[0] <= 2 && soxrStage[1] == 1) {
            plan = Plan.of(srIn, srOut, 2, 1, soxrStage);   // upsampling by 2 (or 1:1 + pick)
        } else if (soxrStage != null && soxrStage[0] == 1) {
            plan = Plan.of(srIn, srOut, 1, 1, soxrStage);   // 3:1, 4:1: filter, pick every M-th
        } else {
            plan = Plan.of(srIn, srOut, 2, 1, soxrStage);
            if (srOut < srIn) {
                plan = cheaper(plan, Plan.of(srIn, srOut, 1, 1, soxrStage));
                if (srIn % 2 == 0 && srIn / 2 >= srOut) {
                    plan = cheaper(plan, Plan.of(srIn, srOut, 1, 2, soxrStage));
                }
            }
        }
        up = plan.up;
        down = plan.down;
        taps1 = plan.taps1;

        // Stage 1: centred Kaiser-windowed sinc at rate R, DC gain U (zero-stuffing loses 1/U).
        double rate = (double) up * srIn;
        double fLow = Math.min(srIn, srOut) / 2.0;
        double fc = (PASSBAND_END * fLow + fLow) / 2 / rate; // cutoff, fraction of R
        double beta1 = plan.beta1;
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
        // soxr scales its one-stage filter by L alone; elsewhere the DC gain is made exactly U
        double scale = soxrStage != null ? up : up / sum;
        for (int i = 0; i < taps1; i++) {
            h[i] = h[i] * scale;
        }
        conv = FftConvolver.of(h, plan.fftSize);

        // Stage 2: Rz = U srIn / V -> srOut as L/M; windowed sinc with cutoff Rz/2 (a pure pick
        // when L = 1).
        long rz = (long) up * srIn / down;
        long g = gcd(srOut, rz);
        phases = (int) (srOut / g);
        step = (int) (rz / g);
        taps2 = plan.taps2;
        firstTap = plan.firstTap;
        if (phases == 1) {
            coefs = new float[] {1f};
            offsetSteps = null;
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
            if (exact) {
                int stepWhole = step / phases;
                int stepFrac = step % phases;
                float[] ordered = new float[c.length];
                int[] steps = new int[phases];
                for (int j = 0, ph = 0; j < phases; j++) {
                    System.arraycopy(c, ph * taps2, ordered, j * taps2, taps2);
                    ph += stepFrac;
                    steps[j] = stepWhole + (ph >= phases ? 1 : 0);
                    if (ph >= phases) {
                        ph -= phases;
                    }
                }
                coefs = ordered;
                offsetSteps = steps;
                coefSlopes = null;
            } else {
                coefs = c;
                offsetSteps = null;
                float[] s = new float[TABLE_PHASES * taps2];
                for (int i = 0; i < s.length; i++) {
                    s[i] = c[i + taps2] - c[i];
                }
                coefSlopes = s;
            }
        }
    }

    /**
     * The (cached) converter from {@code srIn} to {@code srOut} Hz.
     *
     * @throws IllegalArgumentException if a rate is not positive, or {@code srIn / srOut > 1024}
     */
    public static Resampler of(int srIn, int srOut) {
        if (srIn <= 0) {
            throw new IllegalArgumentException("srIn=" + srIn + " must be > 0 (librosa: orig_sr)");
        }
        if (srOut <= 0) {
            throw new IllegalArgumentException("srOut=" + srOut + " must be > 0 (librosa: target_sr)");
        }
        checkDecimation(srIn, srOut);
        long key = ((long) srIn << 32) | srOut;
        return CACHE.computeIfAbsent(key, k -> new Resampler(srIn, srOut));
    }

    private static void checkDecimation(int srIn, int srOut) {
        if (srIn / srOut > MAX_DECIMATION) {
            throw new IllegalArgumentException("srIn=" + srIn + " / srOut=" + srOut + " = " + srIn / srOut
                    + " is more decimation than supported (at most " + MAX_DECIMATION + "): the"
                    + " one-stage sharp lowpass would need about " + 206L * (srIn / srOut) + " taps");
        }
    }

    /** One-shot: {@code of(srIn, srOut).resample(x)}. */
    public static float[] resample(float[] x, int srIn, int srOut) {
        return of(srIn, srOut).resample(x);
    }

    /**
     * Resampling between real-valued rates, as librosa's {@code resample} accepts them (e.g.
     * {@code effects.pitch_shift}'s {@code orig_sr = sr / rate} with {@code rate = 2^(-n/12)}):
     * {@code ceil(n * srOut / srIn)} samples. Whole rates go to the cached {@link #of}
     * converter; otherwise the ratio is taken as a ratio of integers near 2^20 (relative error
     * below 1e-6, 0.00002 semitones) and a converter is built for this call only, not cached
     * (a few milliseconds), so random rates do not fill the cache.
     *
     * @throws IllegalArgumentException if a rate is not positive and finite, or
     *     {@code srIn / srOut > 1024}
     */
    public static float[] resample(float[] x, double srIn, double srOut) {
        Objects.requireNonNull(x, "x");
        if (!(srIn > 0 && srIn < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("srIn=" + srIn + " must be > 0 and finite (librosa: orig_sr)");
        }
        if (!(srOut > 0 && srOut < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("srOut=" + srOut + " must be > 0 and finite (librosa: target_sr)");
        }
        if (srIn == Math.rint(srIn) && srOut == Math.rint(srOut) && srIn <= Integer.MAX_VALUE
                && srOut <= Integer.MAX_VALUE) {
            return resample(x, (int) srIn, (int) srOut);
        }
        double scale = (1 << 20) / Math.max(srIn, srOut);
        long a = Math.max(1, Math.round(srIn * scale));
        long b = Math.max(1, Math.round(srOut * scale));
        long g = gcd(a, b);
        int in = (int) (a / g);
        int out = (int) (b / g);
        if (in == out) {
            return x.clone();
        }
        checkDecimation(in, out);
        return new Resampler(in, out).resample(x);
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
        if (conv == null) {
            return "Resampler[" + srIn + " -> " + srOut + " Hz: identity]";
        }
        return "Resampler[" + srIn + " -> " + srOut + " Hz: stage 1 x" + up + "/" + down + " "
                + taps1 + " taps by FFT " + conv.size() + ", stage 2 " + phases + "/" + step + " "
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
            Conversion c = new Conversion();
            Input in = (buf, n, start) -> fill(buf, n, x, start);
            while (c.k < count) {
                c.round(in, y, 0, count);
            }
        }
        return y;
    }

    /** Where stage 1 reads the input: {@code buf[0, n) = x[start, start + n)}, zero outside the signal. */
    @FunctionalInterface
    interface Input {
        void fill(double[] buf, int n, long start);
    }

    /**
     * One conversion in progress: the first outputs are computed by {@link #round}s, one FFT
     * block of stage 1 each, whatever the input is (a whole array, or a signal pushed block
     * by block, {@link Stream}); both give the same outputs, bit for bit, since every
     * output depends only on the input samples and the block positions, never on how far the
     * input has been read.
     *
     * <p>The intermediate signal {@code z} (rate {@code Rz = U srIn / V}) is produced one FFT
     * block at a time into a sliding window and consumed by stage 2 as soon as an output's taps
     * are all available, so memory stays O(FFT size) for any input.
     *
     * <p>Indices: {@code u} is the input zero-stuffed by U (rate {@code U srIn}), {@code z[m]}
     * is the filtered {@code u} at {@code V m}. Overlap-save: a segment of {@code size}
     * {@code u} samples starting at {@code V m - d1} yields {@code z} from {@code m} on, valid
     * for {@code block / V} samples ({@code block = size - taps1 + 1}).
     */
    final class Conversion {
        private final int size = conv.size();
        private final int block = size - taps1 + 1; // even: size even, taps1 odd
        private final int d1 = (taps1 - 1) / 2;
        private final int perSegment = block / down;
        private final double[] work = new double[conv.workLength()];
        private final double[] scratch = new double[conv.workLength()];
        private final float[] z = new float[2 * perSegment + taps2];
        // with U = 2, segments must start on an input sample: z index m with m - d1 even
        private final int parity = up == 2 ? 1 : 0;
        private long zBase = firstTap - (parity & (firstTap - d1)); // absolute z index of z[0]
        private int zFill = 0;
        private long next = zBase;     // absolute z index of the next z sample stage 1 computes
        private long q = 0;            // output k sits at z index q + p / phases
        private int p = 0;             // phase; for an exact table, position in the visiting order
        /** Outputs computed so far. */
        int k = 0;

        /** Most outputs one {@link #round} can produce (the size of a stream's output buffer). */
        int maxPerRound() {
            return (int) Math.min(Integer.MAX_VALUE - 8, (long) z.length * phases / Math.max(1, step) + 2);
        }

        /** The input sample at which the next round's stage-1 segment starts (it never moves back by more than a segment). */
        long nextInputStart() {
            long start = down * next - d1;
            return up == 2 ? start / 2 : start;
        }

        /** Input samples one round reads from {@link #nextInputStart}. */
        int segmentLength() {
            return up == 2 ? size / 2 : size;
        }

        /**
         * Stage 1 over one FFT block, then stage 2 over every output (below {@code count})
         * whose taps are all in {@code z}: output {@code k} goes to {@code y[k - yBase]}.
         */
        void round(Input x, float[] y, int yBase, int count) {
            long start = down * next - d1;
            int first; // index in work of z[next]
            if (up == 2) { // start even: x samples sit at even segment positions
                x.fill(work, size / 2, start / 2);
                conv.convolveZeroStuffed(work, scratch);
                first = taps1 - 1;
            } else if (down == 2) {
                x.fill(work, size, start);
                conv.convolveDecimated(work, scratch);
                first = d1;
            } else {
                x.fill(work, size, start);
                conv.convolve(work, scratch);
                first = taps1 - 1;
            }
            if (zFill + perSegment > z.length) { // cannot happen: stage 2 drains z each round
                throw new IllegalStateException("resampler window overflow");
            }
            for (int r = 0, s = first; r < perSegment; r++, s++) {
                z[zFill + r] = (float) work[s];
            }
            zFill += perSegment;
            next += perSegment;

            // Stage 2 over every output whose taps are all in z: off is q + firstTap - zBase.
            int stepWhole = step / phases;
            int stepFrac = step % phases;
            int limit = zFill - taps2;
            int off = (int) (q + firstTap - zBase);
            int k = this.k; // locals in the hot loops
            int p = this.p;
            if (phases == 1) {
                for (; k < count && off <= limit; k++, off += stepWhole) {
                    y[k - yBase] = z[off];
                }
            } else if (coefSlopes == null) {
                float[] c = coefs;
                int[] steps = offsetSteps;
                int n = taps2;
                for (; k < count && off <= limit; k++) {
                    int row = p * n; // p: position in the visiting order
                    float a0 = 0, a1 = 0;
                    for (int t = 0; t < n; t += 2) { // taps2 is even
                        a0 += z[off + t] * c[row + t];
                        a1 += z[off + t + 1] * c[row + t + 1];
                    }
                    y[k - yBase] = a0 + a1;
                    off += steps[p];
                    if (++p == phases) {
                        p = 0;
                    }
                }
            } else {
                for (; k < count && off <= limit; k++) {
                    y[k - yBase] = dotInterpolated(z, off, p);
                    off += stepWhole;
                    p += stepFrac;
                    if (p >= phases) {
                        p -= phases;
                        off++;
                    }
                }
            }
            this.k = k;
            this.p = p;
            q = zBase + off - firstTap;
            long zEnd = zBase + zFill;
            long keepFrom = q + firstTap;
            if (keepFrom >= zEnd) { // large decimation: skip z samples no output needs
                zFill = 0;
                zBase = keepFrom - (parity & (keepFrom - d1));
                next = zBase;
            } else {
                int drop = (int) (keepFrom - zBase);
                System.arraycopy(z, drop, z, 0, zFill - drop);
                zFill -= drop;
                zBase = keepFrom;
            }
        }
    }

    /** Receives a stream's output samples: {@code y[off, off + n)}, valid only during the call. */
    @FunctionalInterface
    public interface Sink {
        void accept(float[] y, int off, int n);
    }

    /**
     * A conversion fed block by block ({@link #push}, then {@link #finish}): {@code sink}
     * receives, in order, exactly the samples {@link #resample(float[])} returns for the whole
     * signal, bit for bit, while memory stays a few FFT blocks whatever the signal's length.
     * For identical rates the samples pass through unchanged.
     */
    public Stream stream(Sink sink) {
        return new Stream(Objects.requireNonNull(sink, "sink"));
    }

    /** See {@link #stream}. Not thread-safe: one writer. */
    public final class Stream {
        private final Sink sink;
        private final Conversion conversion;
        private final Input input = this::fill;
        private final float[] out;
        /** Input samples {@code [bufStart, bufStart + bufLen)}. */
        private float[] buf;
        private long bufStart;
        private int bufLen;
        private boolean ended;
        private long pushed;
        private long emitted;

        private Stream(Sink sink) {
            this.sink = sink;
            this.conversion = conv == null ? null : new Conversion();
            this.out = conv == null ? null : new float[conversion.maxPerRound()];
            this.buf = conv == null ? null : new float[2 * conv.size() + (1 << 16)];
        }

        /** Appends {@code x[off, off + n)} to the signal; the outputs they complete go to the sink. */
        public void push(float[] x, int off, int n) {
            if (ended) {
                throw new IllegalStateException("the stream has finished");
            }
            pushed += n;
            if (conversion == null) {
                if (n > 0) {
                    sink.accept(x, off, n);
                }
                emitted += n;
                return;
            }
            // keep only what the next segment can read: it never starts more than a segment back
            long keep = Math.max(0, conversion.nextInputStart() - conv.size());
            if (keep > bufStart) {
                int drop = (int) Math.min(bufLen, keep - bufStart);
                System.arraycopy(buf, drop, buf, 0, bufLen - drop);
                bufLen -= drop;
                bufStart += drop;
            }
            if (bufLen + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(bufLen + n, 2 * buf.length));
            }
            System.arraycopy(x, off, buf, bufLen, n);
            bufLen += n;
            drain();
        }

        /** Ends the signal: the remaining outputs, then librosa's zero padding up to {@link #outputLength}. */
        public void finish() {
            if (ended) {
                return;
            }
            ended = true;
            if (conversion == null) {
                return;
            }
            drain();
            long total = pushed == 0 ? 0 : outputLength(pushed);
            java.util.Arrays.fill(out, 0f);
            while (emitted < total) {
                int z = (int) Math.min(out.length, total - emitted);
                sink.accept(out, 0, z);
                emitted += z;
            }
        }

        /** Samples handed to the sink so far. */
        public long emitted() { return emitted; }

        /** Runs every round whose input is all there (or, once ended, every round left). */
        private void drain() {
            long count = ended ? Math.min(outputLength(pushed), computedLength(pushed)) : Long.MAX_VALUE;
            while (conversion.k < count) {
                long start = conversion.nextInputStart();
                if (!ended && start + conversion.segmentLength() > bufStart + bufLen) {
                    return; // the next round needs samples not pushed yet
                }
                int before = conversion.k;
                conversion.round(input, out, before, (int) Math.min(count, Integer.MAX_VALUE - 8));
                int produced = conversion.k - before;
                if (produced > 0) {
                    sink.accept(out, 0, produced);
                    emitted += produced;
                }
            }
            if (ended && emitted > count) { // cannot happen: a round before the end reads past its outputs by d1 samples
                throw new IllegalStateException("resampling stream emitted " + emitted + " samples, more than the " + count + " of the whole");
            }
        }

        private void fill(double[] dst, int n, long start) {
            long end = bufStart + bufLen;
            if (start < bufStart && start + n > 0 && bufStart > 0) {
                throw new IllegalStateException("resampling stream moved back to sample " + start + " after dropping to " + bufStart);
            }
            for (int i = 0; i < n; i++) {
                long j = start + i;
                dst[i] = j < 0 || j >= end ? 0.0 : buf[(int) (j - bufStart)];
            }
        }
    }

    /** {@code buf[0, n) = x[start, start + n)}, zero outside x. */
    private static void fill(double[] buf, int n, float[] x, long start) {
        int a = (int) Math.min(Math.max(-start, 0), n);             // first index inside x
        int b = (int) Math.max(Math.min(x.length - start, n), a);  // end of the inside part
        Arrays.fill(buf, 0, a, 0.0);
        for (int i = a, j = (int) (start + a); i < b; i++, j++) {
            buf[i] = x[j];
        }
        Arrays.fill(buf, b, n, 0.0);
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
        final int down;
        final double halfWidth1;
        final double beta1;
        final int taps1;
        final int fftSize;
        final double halfWidth2;
        final int taps2;
        final int firstTap;
        final double cost;

        private Plan(int up, int down, double halfWidth1, double beta1, int taps1, int fftSize,
                double halfWidth2, int taps2, int firstTap, double cost) {
            this.up = up;
            this.down = down;
            this.halfWidth1 = halfWidth1;
            this.beta1 = beta1;
            this.taps1 = taps1;
            this.fftSize = fftSize;
            this.halfWidth2 = halfWidth2;
            this.taps2 = taps2;
            this.firstTap = firstTap;
            this.cost = cost;
        }

        /**
         * Stage 1 at U srIn, output every V-th sample; stage 2 from U srIn / V to srOut. With
         * {@code soxrStage = {L, M}} (soxr HQ converts in that one stage) the sharp lowpass is
         * soxr's own design for it: {@link #SOXR_ONE_STAGE_ATTENUATION_DB}, soxr's beta and
         * length fits, a window one sample wider than the taps; else Kaiser's formulas at
         * {@link #SHARP_ATTENUATION_DB}.
         */
        static Plan of(int srIn, int srOut, int up, int down, int[] soxrStage) {
            double rate = (double) up * srIn;
            double fLow = Math.min(srIn, srOut) / 2.0;
            double halfWidth1;
            double beta1;
            int taps1;
            if (soxrStage != null) { // soxr's lsx_design_lpf, frequencies over the filter's Nyquist
                double fs = fLow / (rate / 2);
                double fp = PASSBAND_END * fs;
                double trBw = .5 * (fs - fp);
                double fc = fs - trBw;
                beta1 = ResamplerKernel.soxrKaiserBeta(SOXR_ONE_STAGE_ATTENUATION_DB, trBw * .5 / fc);
                int n = (int) Math.ceil(ResamplerKernel.soxrKaiserLengthFactor(beta1) / trBw + 1);
                int l = soxrStage[0];
                boolean pow2 = Integer.bitCount(l) == 1;
                int modulo = pow2 && Math.max(l, soxrStage[1]) == l ? l << 1 : 4;
                taps1 = (n + modulo - 2) / modulo * modulo + 1;
                halfWidth1 = taps1 / 2.0; // soxr's (taps - 1) / 2 + rho, rho = 0.5
            } else {
                halfWidth1 = ResamplerKernel.kaiserLength(SHARP_ATTENUATION_DB,
                        (1 - PASSBAND_END) * fLow / rate) / 2;
                beta1 = ResamplerKernel.kaiserBeta(SHARP_ATTENUATION_DB);
                taps1 = 2 * (int) Math.floor(halfWidth1) + 1;
            }
            int fftSize = fftSizeFor(taps1);
            long rz = (long) up * srIn / down;
            long g = gcd(srOut, rz);
            double halfWidth2 = 0;
            int taps2 = 1;
            int firstTap = 0;
            if (srOut / g != 1) {
                halfWidth2 = ResamplerKernel.kaiserLength(INTERP_ATTENUATION_DB,
                        (rz - 2 * fLow) / rz) / 2;
                int d2 = Math.max(1, (int) Math.ceil(halfWidth2));
                taps2 = 2 * d2;
                firstTap = 1 - d2;
            }
            // FFT work per second of input: transform pairs per second times their n log n
            double pairs = rate / (2.0 * (fftSize - taps1 + 1));
            int fwd = up == 2 ? fftSize / 2 : fftSize;
            int inv = down == 2 ? fftSize / 2 : fftSize;
            double stage1 = pairs * (nLogN(fwd) + nLogN(inv) + fftSize);
            double stage2 = (double) srOut * taps2 * TAP_COST;
            return new Plan(up, down, halfWidth1, beta1, taps1, fftSize, halfWidth2, taps2, firstTap,
                    stage1 + stage2);
        }

        private static double nLogN(int n) {
            return (double) n * Integer.numberOfTrailingZeros(n);
        }

        /** The power of two that minimises FFT work per output sample, F log F / (F - N + 1). */
        static int fftSizeFor(int taps) {
            int f = Math.max(16, Integer.highestOneBit(2 * taps - 1) << 1); // >= 2 taps
            int best = f;
            double bestCost = Double.MAX_VALUE;
            int largest = Math.max(f, 1 << 16); // beyond that, memory over a few % of speed
            for (int i = 0; i < 3 && f <= largest; i++, f <<= 1) {
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
