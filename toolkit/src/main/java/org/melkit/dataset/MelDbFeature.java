package org.melkit.dataset;

import java.nio.file.Path;
import org.melkit.batch.AudioDecoder;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.features.MelParams;
import org.melkit.features.MelSpectrogram;

/**
 * recipe_a of one file ({@code load(sr)}, {@code melspectrogram}, {@code power_to_db(ref=np.max,
 * top_db)}, right-pad with 0.0 or cut to {@code frames}) in bounded memory, for {@code extract}
 * and {@code corpora}.
 *
 * <p>A recording of up to one block (60 s) is decoded whole and featurised exactly as librosa
 * does. A longer one keeps its frames from the first block, and its dB reference, the loudest
 * frame of the whole recording, comes from a pass over the rest in blocks: each block starts a
 * whole number of hops before its first new frame, so every frame is computed from the samples
 * librosa's would be (reflect padding only at the recording's true start and end), and memory
 * stays at one block whatever the length. The result equals librosa's for any length.
 */
final class MelDbFeature {
    /** Samples per block, in seconds at the job's rate. */
    static final double BLOCK_SECONDS = 60.0;

    private MelDbFeature() {}

    /** A feature, or why there is none (a failure row's text). */
    record Result(FloatMatrix feature, String failure) {}

    /** The feature of {@code file} through {@code decoder}, with 60-s blocks. */
    static Result of(AudioDecoder decoder, Path file, MelDbParams p) {
        return of(decoder, file, p, (int) Math.ceil(BLOCK_SECONDS * p.sr()));
    }

    /** The same with blocks of {@code block} samples (at least what the kept frames need). */
    static Result of(AudioDecoder decoder, Path file, MelDbParams p, int block) {
        int budget = Math.max(block, ClassFolderExtractor.samplesNeeded(p));
        float[] head = decoder.decodeHead(file, p.sr(), budget);
        if (head.length == 0) {
            return new Result(null, "decodes to 0 samples (an empty recording would give an all-zero feature)");
        }
        MelSpectrogram mel = MelSpectrogram.of(MelParams.of(p.sr(), p.nFft(), p.hopLength(), p.nMels()));
        FloatMatrix headMel = mel.compute(head);
        NonFinite bad = new NonFinite();
        bad.count(head, 0);
        if (head.length < budget) {
            // the whole recording: recipe_a as librosa computes it
            return bad.failure() != null ? new Result(null, bad.failure()) : new Result(ClassFolderExtractor.feature(headMel, p), null);
        }
        int half = p.nFft() / 2;
        int hop = p.hopLength();
        // frames of the head whose window lies inside the decoded samples (not the pad at the cut)
        long next = (head.length - half) / hop + 1;
        float max = maxOfFrames(headMel, 0, (int) next);
        long back = (half + hop - 1) / hop; // hops before a block's first new frame, so its window is real
        while (true) {
            long start = (next - back) * hop;
            float[] y = decoder.decodeRange(file, p.sr(), start, block);
            bad.count(y, start);
            boolean last = y.length < block;
            FloatMatrix m = mel.compute(y);
            // block frame i is file frame (start / hop) + i; new frames start at i = back
            int to = last ? m.cols() : (int) Math.min(m.cols(), (y.length - half) / hop + 1);
            if (to > back) {
                max = Math.max(max, maxOfFrames(m, (int) back, to));
                next += to - back;
            }
            if (last || to <= back) {
                break;
            }
        }
        if (bad.failure() != null) {
            return new Result(null, bad.failure());
        }
        FloatMatrix kept = headMel.fixCols(p.frames(), 0f);
        return new Result(Db.powerToDbOfWhole(kept, max, Db.AMIN_POWER, p.topDb()), null);
    }

    private static float maxOfFrames(FloatMatrix m, int from, int to) {
        float max = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < m.rows(); r++) {
            for (int c = from; c < to; c++) {
                max = Math.max(max, m.get(r, c));
            }
        }
        return max;
    }

    /** Counts NaN and infinite samples over the (overlapping) blocks of one recording, each sample once. */
    private static final class NonFinite {
        long bad;
        long total;

        /** {@code y} holds the recording's samples from {@code start} on. */
        void count(float[] y, long start) {
            for (long i = Math.max(0, total - start); i < y.length; i++) {
                if (!Float.isFinite(y[(int) i])) {
                    bad++;
                }
            }
            total = Math.max(total, start + y.length);
        }

        String failure() {
            return bad == 0 ? null : "non-finite samples (" + bad + " of " + total + ")";
        }
    }
}
