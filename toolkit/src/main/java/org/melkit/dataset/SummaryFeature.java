package org.melkit.dataset;

import java.nio.file.Path;
import org.melkit.batch.AudioDecoder;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Ref;
import org.melkit.features.MelParams;
import org.melkit.features.MelSpectrogram;
import org.melkit.features.Mfcc;
import org.melkit.features.Recipes;
import org.melkit.features.SpectralCentroid;
import org.melkit.features.ZeroCrossingRate;

/**
 * recipe_c of one file (means over time of {@code mfcc(n_mfcc)}, {@code spectral_centroid} and
 * {@code zero_crossing_rate}, librosa's defaults) in bounded memory, for {@code summary}.
 *
 * <p>A recording of up to one block (60 s) is decoded whole: {@link Recipes#summary}, exactly as
 * before. A longer one is read twice in blocks ({@link FrameBlocks}): the first pass finds the mel
 * spectrogram's maximum, which {@code power_to_db}'s {@code top_db=80} floor of the MFCCs is
 * relative to; the second sums every frame's MFCCs, centroid and crossing rate in frame order,
 * the sums {@link FloatMatrix#rowMeans} would make of the whole.
 */
public final class SummaryFeature {
    private SummaryFeature() {}

    /** A row of {@code nMfcc + 2} means, or why there is none. */
    public record Result(double[] values, String failure) {}

    /**
     * summary's per-file step: the row of {@code file} decoded by {@code decoder} at {@code sr}
     * (mono), or the failure of a recording that decodes to no samples or to NaN/Inf. Public for
     * engines that run it elsewhere (melkit-spark on a local copy of an input on a Hadoop file
     * system); an unreadable file throws, as the decoder does.
     */
    public static Result of(AudioDecoder decoder, Path file, int sr, int nMfcc) {
        return of(decoder, file, sr, nMfcc, FrameBlocks.block(sr));
    }

    static Result of(AudioDecoder decoder, Path file, int sr, int nMfcc, int block) {
        MelParams mp = MelParams.of(sr);
        int nFft = mp.stft().nFft();
        int hop = mp.stft().hopLength();
        MelSpectrogram mel = MelSpectrogram.of(mp);
        float[][] whole = new float[1][];
        float[] max = {Float.NEGATIVE_INFINITY};
        FrameBlocks.Scan scan = FrameBlocks.scan(decoder, file, sr, nFft, hop, block, 0, (y, from, to, all) -> {
            if (all) {
                whole[0] = y; // summarised below once the scan has found every sample finite
            } else {
                max[0] = Math.max(max[0], MelDbFeature.maxOfFrames(mel.compute(y), from, to));
            }
        });
        if (scan.samples() == 0) {
            return new Result(null, "decodes to 0 samples (librosa would give all-zero features)");
        }
        if (scan.nonFiniteText() != null) {
            return new Result(null, scan.nonFiniteText());
        }
        if (whole[0] != null) {
            return new Result(Recipes.summary(whole[0], sr, nMfcc), null);
        }
        Mfcc mfcc = Mfcc.of(mp, nMfcc);
        double[] sums = new double[nMfcc + 2];
        long[] frames = {0};
        FrameBlocks.scan(decoder, file, sr, nFft, hop, block, 0, (y, from, to, all) -> {
            FloatMatrix db = Db.powerToDbOfWhole(columns(mel.compute(y), from, to), Ref.value(1.0), max[0], Db.AMIN_POWER, Db.TOP_DB);
            add(sums, 0, mfcc.fromMelDb(db));
            add(sums, nMfcc, columns(SpectralCentroid.compute(y, sr), from, to));
            add(sums, nMfcc + 1, columns(ZeroCrossingRate.compute(y, nFft, hop, true), from, to));
            frames[0] += to - from;
        });
        double[] means = new double[nMfcc + 2];
        for (int i = 0; i < means.length; i++) {
            means[i] = sums[i] / frames[0];
        }
        return new Result(means, null);
    }

    /** Adds each row's values, frame by frame in order, to {@code sums[at + row]}. */
    private static void add(double[] sums, int at, FloatMatrix m) {
        for (int r = 0; r < m.rows(); r++) {
            double s = sums[at + r];
            for (int c = 0; c < m.cols(); c++) {
                s += m.get(r, c);
            }
            sums[at + r] = s;
        }
    }

    /** Columns {@code [from, to)} of {@code m}. */
    static FloatMatrix columns(FloatMatrix m, int from, int to) {
        int n = to - from;
        float[] out = new float[m.rows() * n];
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < n; c++) {
                out[r * n + c] = m.get(r, from + c);
            }
        }
        return FloatMatrix.wrap(m.rows(), n, out);
    }
}
