package org.melkit.dataset;

import java.nio.file.Path;
import org.melkit.batch.AudioDecoder;

/**
 * A recording read in blocks for frame-wise features ({@code nFft}, {@code hop}, centred), so
 * that memory stays at one block whatever its length while every frame is computed from exactly
 * the samples librosa's own framing of the whole recording uses.
 *
 * <p>The first block is the recording's start ({@link AudioDecoder#decodeHead}); each later block
 * ({@link AudioDecoder#decodeRange}) starts whole hops before its first new frame, so its frames
 * lie on the recording's frame grid and a frame is taken only from a block that holds its whole
 * window: the reflect or edge padding a feature applies at a block's edge is never used, except at
 * the recording's true start and end, where librosa pads too. Every frame is visited once, in
 * order. Non-finite samples are counted once each across the overlapping blocks.
 */
final class FrameBlocks {
    /** Samples per block, in seconds at the job's rate: a recording up to this long is one block. */
    static final double BLOCK_SECONDS = 60.0;

    private FrameBlocks() {}

    /** Receives a block and the range of its frames (block-local indices) that are new. */
    interface Visitor {
        /**
         * @param y the block's samples
         * @param from the first new frame of the block's own centred framing
         * @param to one past the last new frame
         * @param whole whether {@code y} is the whole recording (one block; {@code from == 0} and every frame)
         */
        void visit(float[] y, int from, int to, boolean whole);
    }

    /** What a scan saw: the recording's samples and frames, and its non-finite samples. */
    record Scan(long samples, long frames, long nonFinite) {
        /** {@code "non-finite samples (N of M)"}, or {@code null} when every sample is finite. */
        String nonFiniteText() {
            return nonFinite == 0 ? null : "non-finite samples (" + nonFinite + " of " + samples + ")";
        }
    }

    /** The default block length in samples at {@code sr}. */
    static int block(int sr) {
        return (int) Math.ceil(BLOCK_SECONDS * sr);
    }

    /**
     * Reads {@code file} at {@code sr} in blocks of {@code block} samples (the first block at
     * least {@code minHead} samples) and visits every frame once.
     */
    static Scan scan(AudioDecoder decoder, Path file, int sr, int nFft, int hop, int block, int minHead, Visitor visitor) {
        int budget = Math.max(block, minHead);
        float[] head = decoder.decodeHead(file, sr, budget);
        Counter bad = new Counter();
        bad.count(head, 0);
        if (head.length < budget) {
            long frames = head.length == 0 ? 0 : 1 + head.length / hop;
            if (head.length > 0) {
                visitor.visit(head, 0, (int) frames, true);
            }
            return new Scan(head.length, frames, bad.bad);
        }
        int half = nFft / 2;
        int next = (head.length - half) / hop + 1; // frames whose window lies inside the decoded samples
        visitor.visit(head, 0, next, false);
        long frames = next;
        long done = next;
        long back = (half + hop - 1) / hop; // hops before a block's first new frame, so its window is real
        while (true) {
            long start = (done - back) * hop;
            float[] y = decoder.decodeRange(file, sr, start, block);
            bad.count(y, start);
            boolean last = y.length < block;
            // block frame i is the recording's frame (start / hop) + i; the new ones start at i = back
            int count = y.length == 0 ? 0 : 1 + y.length / hop;
            int to = last ? count : Math.min(count, (y.length - half) / hop + 1);
            if (to > back) {
                visitor.visit(y, (int) back, to, false);
                frames += to - back;
                done += to - back;
            }
            if (last || to <= back) {
                return new Scan(bad.total, frames, bad.bad);
            }
        }
    }

    /** Counts NaN and infinite samples over overlapping blocks, each sample once. */
    private static final class Counter {
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
    }
}
