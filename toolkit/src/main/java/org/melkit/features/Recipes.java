package org.melkit.features;

import java.nio.file.Path;
import org.melkit.audio.Audio;
import org.melkit.audio.LoadOptions;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Ref;

/**
 * The featurisation recipes melkit's dataset builders use, each one librosa pipeline
 * (the conformance kit's {@code recipe_a}, {@code recipe_b}, {@code recipe_c}).
 */
public final class Recipes {
    private Recipes() {}

    /**
     * recipe_a, the class-folder spectrogram: melspectrogram of {@code y} at {@code sr} with
     * {@code nFft, hopLength, nMels} -> {@code power_to_db(ref=max, top_db)} -> right-padded with
     * 0.0 or cut to {@code frames}: {@code (nMels, frames)}.
     */
    public static FloatMatrix melDbFixed(float[] y, int sr, int nFft, int hopLength, int nMels, Double topDb, int frames) {
        MelSpectrogram mel = MelSpectrogram.of(MelParams.of(sr, nFft, hopLength, nMels));
        return mel.computeDb(y, Ref.max(), Db.AMIN_POWER, topDb).fixCols(frames, 0f);
    }

    /** recipe_a with the kit's parameters: 22050 Hz audio, n_fft 2048, hop 512, 128 mels, top_db 80, 256 frames. */
    public static FloatMatrix recipeA(float[] y22050) {
        return melDbFixed(y22050, 22050, 2048, 512, 128, Db.TOP_DB, 256);
    }

    /** recipe_a of a file: {@code load(sr=22050, mono)} then {@link #recipeA(float[])}. */
    public static FloatMatrix recipeA(Path file) {
        return recipeA(Audio.load(file, LoadOptions.atRate(22050)).samples());
    }

    /**
     * recipe_b, the MELD spectrogram: {@code y} (already at {@code sr}, cut to {@code duration}) is
     * zero-padded to {@code sr*duration} samples -> melspectrogram -> {@code power_to_db(ref=max)}
     * -> fixed to {@code frames} -> per-clip min-max to [0, 1] (all zeros when max == min).
     */
    public static FloatMatrix melMinMax(float[] y, int sr, double durationSeconds, int nFft, int hopLength, int nMels, int frames) {
        int target = (int) Math.round(sr * durationSeconds);
        float[] padded = java.util.Arrays.copyOf(y, target);
        FloatMatrix db = MelSpectrogram.of(MelParams.of(sr, nFft, hopLength, nMels))
                .computeDb(padded, Ref.max(), Db.AMIN_POWER, Db.TOP_DB).fixCols(frames, 0f);
        return minMax(db);
    }

    /** recipe_b with the kit's parameters: 16 kHz, 3 s, n_fft 1024, hop 376, 128 mels, 128 frames. */
    public static FloatMatrix recipeB(float[] y16000) {
        return melMinMax(y16000, 16000, 3.0, 1024, 376, 128, 128);
    }

    /** recipe_b of a file: {@code load(sr=16000, mono, duration=3.0)} then {@link #recipeB(float[])}. */
    public static FloatMatrix recipeB(Path file) {
        return recipeB(Audio.load(file, LoadOptions.atRate(16000).withDuration(3.0)).samples());
    }

    /** {@code (x - min) / (max - min)} over the whole matrix; all zeros when {@code max == min}. */
    public static FloatMatrix minMax(FloatMatrix x) {
        float[] v = x.toArray();
        float lo = x.min();
        float hi = x.max();
        if (hi == lo || v.length == 0) {
            return FloatMatrix.zeros(x.rows(), x.cols());
        }
        double range = (double) hi - lo;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((v[i] - (double) lo) / range);
        }
        return FloatMatrix.wrap(x.rows(), x.cols(), v);
    }

    /**
     * recipe_c, the music summary row: means over time of {@code mfcc(n_mfcc)} ({@code nMfcc}
     * values), of {@code spectral_centroid} (Hz) and of {@code zero_crossing_rate}, with librosa's
     * defaults otherwise: {@code nMfcc + 2} values.
     */
    public static double[] summary(float[] y, int sr, int nMfcc) {
        double[] mfcc = Mfcc.of(MelParams.of(sr), nMfcc).compute(y).rowMeans();
        double centroid = SpectralCentroid.compute(y, sr).rowMeans()[0];
        double zcr = ZeroCrossingRate.compute(y).rowMeans()[0];
        double[] out = java.util.Arrays.copyOf(mfcc, nMfcc + 2);
        out[nMfcc] = centroid;
        out[nMfcc + 1] = zcr;
        return out;
    }

    /** recipe_c of 22050 Hz audio with 13 MFCCs: 15 values. */
    public static double[] recipeC(float[] y22050) {
        return summary(y22050, 22050, 13);
    }

    /** recipe_c of a file. */
    public static double[] recipeC(Path file) {
        return recipeC(Audio.load(file, LoadOptions.atRate(22050)).samples());
    }
}
