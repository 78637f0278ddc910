package org.melkit.effects;

import java.util.Arrays;

/**
 * Time-scale modification by waveform-similarity overlap-add (WSOLA; Verhelst and Roelands 1993),
 * the algorithm of SoundTouch's {@code TDStretch} that TarsosDSP's
 * {@code WaveformSimilarityBasedOverlapAdd} also ports. Frequencies are kept; the duration
 * becomes {@code round(n / rate)} samples exactly, as librosa's {@code effects.time_stretch}.
 *
 * <p>Why not call TarsosDSP's class: measured on the same tones it is as accurate (both keep a
 * 440 Hz tone within 0.06%), but version 2.4.1 prints {@code "New overlapLength..."} to
 * {@code System.out} on every construction (one line per augmented file in a batch or notebook),
 * hands out its reused output buffer, starts every clip with a 12 ms fade-in from an all-zero
 * overlap buffer, and its automatic parameters use a mistyped seek-window constant (a ~185 ms
 * seek instead of SoundTouch's 15-25 ms). This port fixes those and keeps fractional skips so
 * the tempo is exact. Stateless and thread-safe: each call allocates its own buffers.
 */
final class Wsola {
    private Wsola() {}

    /** SoundTouch's automatic sequence/seek lengths (ms) for a tempo, clamped to [0.5, 2]. */
    static double sequenceMs(double rate) {
        double t = Math.max(0.5, Math.min(2.0, rate));
        double k = (50.0 - 125.0) / (2.0 - 0.5);
        return 125.0 - k * 0.5 + k * t;
    }

    static double seekMs(double rate) {
        double t = Math.max(0.5, Math.min(2.0, rate));
        double k = (15.0 - 25.0) / (2.0 - 0.5);
        return 25.0 - k * 0.5 + k * t;
    }

    static final double OVERLAP_MS = 12.0;

    /**
     * {@code y} played {@code rate} times faster (rate > 1 shortens) without changing pitch:
     * a new array of {@code round(y.length / rate)} samples.
     */
    static float[] stretch(float[] y, int sr, double rate) {
        return stretch(y, sr, rate, sequenceMs(rate), seekMs(rate), OVERLAP_MS);
    }

    /** {@link #stretch(float[], int, double)} with explicit frame, seek and overlap lengths (ms). */
    static float[] stretch(float[] y, int sr, double rate, double sequenceMs, double seekMs, double overlapMs) {
        int n = y.length;
        int outLen = (int) Math.round(n / rate);
        if (n == 0 || outLen == 0) {
            return new float[outLen];
        }
        int overlap = Math.max(8, (int) (sr * overlapMs / 1000));
        int seq = Math.max(2 * overlap + 1, (int) (sr * sequenceMs / 1000));
        int seek = Math.max(1, (int) (sr * seekMs / 1000));
        int step = seq - overlap;                 // output samples per frame
        double skip = rate * step;                // input advance per frame (fractional, exact tempo)
        int frames = (outLen + step - 1) / step + 1;
        // the search window is centred on the nominal position (no systematic lead): the input is
        // preceded by half a seek window of zeros and followed by enough zeros for the last frames
        int half = seek / 2;
        int need = (int) Math.ceil(skip * frames) + seq + seek + overlap;
        float[] x = new float[half + Math.max(n, need)];
        System.arraycopy(y, 0, x, half, n);

        float[] out = new float[frames * step + seq];
        // the 'previous frame's tail' starts as the clip's first samples: no fade-in from silence
        float[] mid = Arrays.copyOfRange(x, half, half + overlap);
        double[] ref = new double[overlap];
        int written = 0;
        double pos = 0;
        while (written < outLen) {
            int p = (int) pos;
            int off = bestOffset(mid, ref, x, p, overlap, seek);
            int s = p + off;
            for (int i = 0; i < overlap; i++) {
                out[written + i] = (x[s + i] * i + mid[i] * (overlap - i)) / overlap;
            }
            System.arraycopy(x, s + overlap, out, written + overlap, seq - 2 * overlap);
            System.arraycopy(x, s + seq - overlap, mid, 0, overlap);
            written += step;
            pos += skip;
        }
        return Arrays.copyOf(out, outLen);
    }

    /**
     * The offset in {@code [0, seek)} where {@code x[p + off ...]} is most like {@code mid}:
     * normalised cross-correlation with a triangular weight, slightly favouring the centre of
     * the range (SoundTouch's heuristic).
     */
    private static int bestOffset(float[] mid, double[] ref, float[] x, int p, int overlap, int seek) {
        double refNorm = 0;
        for (int i = 0; i < overlap; i++) {
            ref[i] = mid[i] * (double) i * (overlap - i);
            refNorm += ref[i] * ref[i];
        }
        if (refNorm < 1e-12) {
            return seek / 2; // silence: join at the nominal position
        }
        double best = Double.NEGATIVE_INFINITY;
        int bestOff = 0;
        for (int off = 0; off < seek; off++) {
            double corr = 0;
            double norm = 0;
            int b = p + off;
            for (int i = 0; i < overlap; i++) {
                double v = x[b + i];
                corr += ref[i] * v;
                norm += v * v;
            }
            double c = corr / Math.sqrt(Math.max(norm, 1e-12) * refNorm);
            double t = (2.0 * off - seek) / seek;
            c = (c + 0.1) * (1.0 - 0.25 * t * t);
            if (c > best) {
                best = c;
                bestOff = off;
            }
        }
        return bestOff;
    }
}
