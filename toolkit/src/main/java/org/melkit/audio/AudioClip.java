package org.melkit.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Immutable audio samples with their sample rate, as returned by {@link Audio#load}.
 *
 * <p>Samples are float32 in [-1, 1] for integer PCM (floats beyond +-1 are kept, as librosa
 * keeps them). A mono clip has one channel; {@link #samples()} gives librosa's {@code y} of
 * shape {@code (n,)}, {@link #channel(int)} one row of librosa's {@code (channels, n)}.
 * Accessors return copies: a clip can be shared across threads.
 */
public final class AudioClip {
    private final float[][] channels;
    private final int sampleRate;

    private AudioClip(float[][] channels, int sampleRate) {
        this.channels = channels;
        this.sampleRate = sampleRate;
    }

    /** A mono clip over a copy of {@code samples}. */
    public static AudioClip mono(float[] samples, int sampleRate) {
        Objects.requireNonNull(samples, "samples");
        return new AudioClip(new float[][] {samples.clone()}, checkRate(sampleRate));
    }

    /** A clip over copies of {@code channels[c][i]}; every channel must have the same length. */
    public static AudioClip of(float[][] channels, int sampleRate) {
        Objects.requireNonNull(channels, "channels");
        if (channels.length == 0) {
            throw new IllegalArgumentException("channels.length=0 must be >= 1");
        }
        float[][] copy = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            if (channels[c].length != channels[0].length) {
                throw new IllegalArgumentException("channel " + c + " has " + channels[c].length
                        + " samples but channel 0 has " + channels[0].length + "; all channels must be equally long");
            }
            copy[c] = channels[c].clone();
        }
        return new AudioClip(copy, checkRate(sampleRate));
    }

    /** Wraps arrays the caller gives up (package use: decoders that just allocated them). */
    static AudioClip wrap(float[][] channels, int sampleRate) {
        return new AudioClip(channels, checkRate(sampleRate));
    }

    private static int checkRate(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate=" + sampleRate + " must be > 0 (librosa: sr)");
        }
        return sampleRate;
    }

    public int sampleRate() { return sampleRate; }

    public int channelCount() { return channels.length; }

    /** Samples per channel. */
    public int length() { return channels[0].length; }

    public double durationSeconds() { return (double) length() / sampleRate; }

    public boolean isMono() { return channels.length == 1; }

    /** The mono samples (librosa's {@code y}); for a multi-channel clip, the channel mean. */
    public float[] samples() {
        return isMono() ? channels[0].clone() : toMono().channels[0];
    }

    /** A copy of channel {@code c}. */
    public float[] channel(int c) {
        if (c < 0 || c >= channels.length) {
            throw new IllegalArgumentException("channel=" + c + " must be in [0, " + channels.length + ")");
        }
        return channels[c].clone();
    }

    /**
     * The channel mean, as librosa's {@code to_mono} ({@code np.mean(y, axis=0)} on float32):
     * the channels are summed in float32 in numpy's order (one after the other below 8 channels,
     * numpy's pairwise blocks of 8 from 8 channels on) and the sum divided by the channel count
     * in float32, so the result is bit-identical to librosa's. This clip itself when already mono.
     */
    public AudioClip toMono() {
        if (isMono()) {
            return this;
        }
        int n = length();
        int k = channels.length;
        float[] out = new float[n];
        if (k < 8) {
            // numpy below 8: 0 + c0 + c1 + ..., one channel after the other; the same additions
            // in the same order per sample, as loops over whole channels (which vectorise)
            for (float[] ch : channels) {
                for (int i = 0; i < n; i++) {
                    out[i] += ch[i];
                }
            }
            float kf = k;
            for (int i = 0; i < n; i++) {
                out[i] /= kf;
            }
            return new AudioClip(new float[][] {out}, sampleRate);
        }
        float[] column = new float[k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                column[c] = channels[c][i];
            }
            out[i] = pairwiseSum(column, 0, k) / (float) k;
        }
        return new AudioClip(new float[][] {out}, sampleRate);
    }

    /** numpy's float32 {@code pairwise_sum} (umath loops): the exact order of its additions. */
    static float pairwiseSum(float[] a, int from, int n) {
        if (n < 8) {
            float res = 0f;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= 128) {
            float r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            float r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }

    /** The internal arrays, for package code that only reads them (writers, resampling). */
    float[][] sharedChannels() {
        return channels;
    }

    /** Peak absolute sample value over all channels (0 for an empty clip). */
    public float peak() {
        float p = 0;
        for (float[] ch : channels) {
            for (float v : ch) {
                p = Math.max(p, Math.abs(v));
            }
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioClip other && other.sampleRate == sampleRate
                && Arrays.deepEquals(other.channels, channels);
    }

    @Override
    public int hashCode() {
        return 31 * sampleRate + Arrays.deepHashCode(channels);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "AudioClip[%s, %d Hz, %d samples, %.3f s, peak %.3f]",
                isMono() ? "mono" : channels.length + " channels", sampleRate, length(), durationSeconds(), peak());
    }
}
