package org.melkit.dataset;

import java.nio.file.Path;
import org.melkit.batch.AudioDecoder;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Ref;
import org.melkit.features.MelParams;
import org.melkit.features.MelSpectrogram;

/**
 * recipe_a of one file ({@code load(sr)}, {@code melspectrogram}, {@code power_to_db(ref=np.max,
 * top_db)}, right-pad with 0.0 or cut to {@code frames}) in bounded memory, for {@code extract}
 * and {@code corpora}.
 *
 * <p>A recording of up to one block (60 s) is decoded whole and featurised exactly as librosa
 * does. A longer one keeps its frames from the first block, and its dB reference, the loudest
 * frame of the whole recording, comes from a pass over the rest in blocks ({@link FrameBlocks}).
 * The result equals librosa's for any length.
 */
final class MelDbFeature {
    private MelDbFeature() {}

    /** A feature, or why there is none (a failure row's text). */
    record Result(FloatMatrix feature, String failure) {}

    /** The feature of {@code file} through {@code decoder}, with 60-s blocks. */
    static Result of(AudioDecoder decoder, Path file, MelDbParams p) {
        return of(decoder, file, p, FrameBlocks.block(p.sr()));
    }

    /** The same with blocks of {@code block} samples. */
    static Result of(AudioDecoder decoder, Path file, MelDbParams p, int block) {
        MelSpectrogram mel = MelSpectrogram.of(MelParams.of(p.sr(), p.nFft(), p.hopLength(), p.nMels()));
        FloatMatrix[] kept = new FloatMatrix[1];
        float[] max = {Float.NEGATIVE_INFINITY};
        FrameBlocks.Scan scan = FrameBlocks.scan(decoder, file, p.sr(), p.nFft(), p.hopLength(), block,
                ClassFolderExtractor.samplesNeeded(p), (y, from, to, whole) -> {
                    FloatMatrix m = mel.compute(y);
                    if (kept[0] == null) {
                        kept[0] = m.fixCols(p.frames(), 0f); // the first block holds the kept frames
                    }
                    max[0] = Math.max(max[0], whole ? m.max() : maxOfFrames(m, from, to));
                });
        if (scan.samples() == 0) {
            return new Result(null, "decodes to 0 samples (an empty recording would give an all-zero feature)");
        }
        if (scan.nonFiniteText() != null) {
            return new Result(null, scan.nonFiniteText());
        }
        FloatMatrix k = kept[0];
        int real = (int) Math.min(p.frames(), scan.frames());
        FloatMatrix db = Db.powerToDbOfWhole(k, Ref.max(), max[0], Db.AMIN_POWER, p.topDb());
        // frames past the recording's end are librosa's right-padding with 0.0, not the dB of zero power
        return new Result(real == p.frames() ? db : db.fixCols(real, 0f).fixCols(p.frames(), 0f), null);
    }

    static float maxOfFrames(FloatMatrix m, int from, int to) {
        float max = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < m.rows(); r++) {
            for (int c = from; c < to; c++) {
                max = Math.max(max, m.get(r, c));
            }
        }
        return max;
    }
}
