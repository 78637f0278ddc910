package org.melkit.dataset;

import java.nio.file.Path;
import org.melkit.batch.AudioDecoder;

/**
 * A recording read in blocks for frame-wise features ({@code nFft}, {@code hop}, centred), so
 * that memory stays at one block whatever its length while every frame is computed from exactly
 * the samples librosa's own framing of the whole recording uses.
 *
 * <p>The first block is the recording's start ({@link AudioDecoder#decodeHead}): a recording no
 * longer is decoded once, whole. A longer one is then read in one pass ({@link AudioDecoder#stream})
 * into a window of one block; each block starts whole hops before its first new frame, so its frames
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
        int back = (half + hop - 1) / hop; // hops before a block's first new frame, so its window is real
        if ((block - half) / hop + 1 <= back) {
            throw new IllegalArgumentException("block=" + block + " samples is too short for nFft=" + nFft + ", hop=" + hop);
        }
        Window w = new Window(visitor, block, half, hop, back, next, bad);
        decoder.stream(file, sr, w::push);
        w.finish();
        return new Scan(bad.total, w.frames, bad.bad);
    }

    /**
     * The rest of a long recording, pushed in order from its first sample: keeps one block
     * starting whole hops before the next new frame, visits its complete frames when it is full,
     * and keeps the samples the next block's first frames need.
     */
    private static final class Window {
        private final Visitor visitor;
        private final int half;
        private final int hop;
        private final int back;
        private final Counter bad;
        private final float[] buf;
        /** The recording's sample index of {@code buf[0]}. */
        private long bufStart;
        private int len;
        /** The recording's sample index of the next pushed sample. */
        private long pos;
        /** Frames visited so far (the head's included): the next new frame's index. */
        long frames;

        Window(Visitor visitor, int block, int half, int hop, int back, long next, Counter bad) {
            this.visitor = visitor;
            this.half = half;
            this.hop = hop;
            this.back = back;
            this.bad = bad;
            this.buf = new float[block];
            this.frames = next;
            this.bufStart = (next - back) * hop;
        }

        void push(float[] y, int off, int n) {
            bad.count(y, off, n, pos);
            int skip = (int) Math.max(0, Math.min(n, bufStart - pos));
            pos += skip;
            off += skip;
            n -= skip;
            while (n > 0) {
                int k = Math.min(n, buf.length - len);
                System.arraycopy(y, off, buf, len, k);
                len += k;
                pos += k;
                off += k;
                n -= k;
                if (len == buf.length) {
                    int to = (len - half) / hop + 1;
                    visitor.visit(buf.clone(), back, to, false);
                    frames += to - back;
                    long start = (frames - back) * hop;
                    int drop = (int) (start - bufStart);
                    System.arraycopy(buf, drop, buf, 0, len - drop);
                    len -= drop;
                    bufStart = start;
                }
            }
        }

        /** The last block: its frames up to the recording's end, padded there as librosa pads. */
        void finish() {
            int count = len == 0 ? 0 : 1 + len / hop;
            if (count > back) {
                visitor.visit(java.util.Arrays.copyOf(buf, len), back, count, false);
                frames += count - back;
            }
        }
    }

    /** Counts NaN and infinite samples over overlapping blocks, each sample once. */
    private static final class Counter {
        long bad;
        long total;

        /** {@code y} holds the recording's samples from {@code start} on. */
        void count(float[] y, long start) {
            count(y, 0, y.length, start);
        }

        /** {@code y[off, off + n)} holds the recording's samples from {@code start} on. */
        void count(float[] y, int off, int n, long start) {
            for (long i = Math.max(0, total - start); i < n; i++) {
                if (!Float.isFinite(y[off + (int) i])) {
                    bad++;
                }
            }
            total = Math.max(total, start + n);
        }
    }
}
