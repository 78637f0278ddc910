package org.melkit.features;

import java.util.Arrays;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.PadMode;
import org.melkit.dsp.Ref;

/**
 * librosa 0.11's {@code effects.trim(y, top_db=60, ref=np.max, frame_length=2048, hop_length=512)}:
 * leading and trailing frames whose RMS is more than {@code topDb} below {@code ref} are cut.
 * Boundaries are frame multiples of the hop; the end is capped at the signal length. All-zero
 * input keeps everything ({@code [0, n]}), as librosa (every frame is 0 dB against a zero max).
 */
public final class Trim {
    private Trim() {}

    /** The kept interval {@code [start, end)} in samples. */
    public record Interval(int start, int end) {
        public int length() { return end - start; }
    }

    /** With librosa's defaults ({@code top_db=60, ref=max, 2048, 512}). */
    public static Interval interval(float[] y) {
        return interval(y, 60.0, Ref.max(), 2048, 512);
    }

    public static Interval interval(float[] y, double topDb, Ref ref, int frameLength, int hopLength) {
        if (!(topDb >= 0)) {
            throw new IllegalArgumentException("topDb=" + topDb + " must be >= 0 dB (librosa: top_db); typical: 60");
        }
        return interval(Rms.compute(y, frameLength, hopLength, true, PadMode.CONSTANT), y.length, topDb, ref, hopLength);
    }

    /**
     * The kept interval of a signal of {@code n} samples from its frame RMS ({@code (1, t)}, as
     * {@link Rms#compute} with {@code center=true} and zero padding gives it): the step after the
     * RMS, for callers that compute the RMS as the signal streams by.
     */
    public static Interval interval(FloatMatrix rms, int n, double topDb, Ref ref, int hopLength) {
        if (!(topDb >= 0)) {
            throw new IllegalArgumentException("topDb=" + topDb + " must be >= 0 dB (librosa: top_db); typical: 60");
        }
        FloatMatrix db = Db.amplitudeToDb(rms, ref, Db.AMIN_AMPLITUDE, null);
        int first = -1;
        int last = -1;
        for (int t = 0; t < db.cols(); t++) {
            if (db.get(0, t) > -topDb) {
                if (first < 0) {
                    first = t;
                }
                last = t;
            }
        }
        if (first < 0) {
            return new Interval(0, 0);
        }
        long end = Math.min((long) n, (long) (last + 1) * hopLength);
        return new Interval(first * hopLength, (int) end);
    }

    /** {@code y} with silence cut, librosa's {@code trim(...)[0]}. */
    public static float[] trim(float[] y, double topDb) {
        Interval iv = interval(y, topDb, Ref.max(), 2048, 512);
        return Arrays.copyOfRange(y, iv.start(), iv.end());
    }
}
