package org.melkit.effects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fixed-length chunking of a signal (the usual "cut every recording into 5 s pieces" step).
 *
 * <p>With chunk length {@code L} and hop {@code H = L - overlap} (both in samples, from
 * {@link ChunkParams}), full chunks start at {@code 0, H, 2H, ...} while they fit in the
 * {@code n} samples. If samples remain after the last full chunk (or there is none and
 * {@code n > 0}), one final chunk starts at the next hop position and is zero-padded to
 * {@code L}, dropped or kept short, as {@link LastChunk} says. With overlap, a remainder
 * already covered by the previous chunk produces no extra chunk.
 */
public final class Chunker {
    private final ChunkParams params;

    private Chunker(ChunkParams params) {
        this.params = params;
    }

    public static Chunker of(ChunkParams params) {
        return new Chunker(params);
    }

    public ChunkParams params() { return params; }

    /**
     * Where chunk {@code index} lies in the source: samples {@code [start, end)} hold signal
     * ({@code end <= n}); {@code length} is the chunk's length as produced ({@code L} when full
     * or padded, {@code end - start} when kept short).
     */
    public record Span(int index, int start, int end, int length) {
        /** Zero samples appended after the signal. */
        public int padding() { return length - (end - start); }

        public double startSeconds(int sr) { return (double) start / sr; }

        public double endSeconds(int sr) { return (double) end / sr; }
    }

    /** One chunk's samples with its {@link Span}; {@link #samples()} returns a copy. */
    public static final class Chunk {
        private final Span span;
        private final float[] samples;

        Chunk(Span span, float[] samples) {
            this.span = span;
            this.samples = samples;
        }

        public Span span() { return span; }

        public int index() { return span.index(); }

        public float[] samples() { return samples.clone(); }

        public int length() { return samples.length; }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Chunk[%d: samples %d..%d, length %d%s]", span.index(), span.start(), span.end(),
                    span.length(), span.padding() > 0 ? ", padded " + span.padding() : "");
        }
    }

    /** The spans of the chunks of {@code n} samples at {@code sr}, in order. */
    public List<Span> spans(int n, int sr) {
        if (n < 0) {
            throw new IllegalArgumentException("n=" + n + " must be >= 0 samples");
        }
        int len = params.chunkSamples(sr);
        int hop = params.hopSamples(sr);
        List<Span> out = new ArrayList<>();
        long start = 0;
        long coveredTo = 0;
        int index = 0;
        while (start + len <= n) {
            out.add(new Span(index++, (int) start, (int) (start + len), len));
            coveredTo = start + len;
            start += hop;
        }
        if (n > coveredTo && start < n) {
            int end = n;
            switch (params.last()) {
                case PAD -> out.add(new Span(index, (int) start, end, len));
                case KEEP -> out.add(new Span(index, (int) start, end, (int) (end - start)));
                case DROP -> { }
                default -> throw new IllegalStateException(params.last().name());
            }
        }
        return out;
    }

    /** The chunks of {@code y} at {@code sr}. */
    public List<Chunk> chunks(float[] y, int sr) {
        return chunks(y, 0, y.length, sr);
    }

    /** The chunks of {@code y[from, to)} at {@code sr}; spans count from {@code from}. */
    List<Chunk> chunks(float[] y, int from, int to, int sr) {
        List<Chunk> out = new ArrayList<>();
        for (Span s : spans(to - from, sr)) {
            float[] c = new float[s.length()]; // zeros past the end
            System.arraycopy(y, from + s.start(), c, 0, s.end() - s.start());
            out.add(new Chunk(s, c));
        }
        return out;
    }

    /**
     * A cutter for a signal that arrives block by block (a stream of unknown length): it emits
     * the chunks {@link #chunks} would give for the whole signal, the same spans and samples,
     * each as soon as its samples are in, keeping at most one chunk plus one block in memory.
     */
    public Cutter cutter(int sr) {
        return new Cutter(params.chunkSamples(sr), params.hopSamples(sr), params.last());
    }

    /** See {@link #cutter}. Not thread-safe. */
    public static final class Cutter {
        private final int len;
        private final int hop;
        private final LastChunk last;
        /** Samples {@code [start, start + bufLen)} of the signal. */
        private final float[] buf;
        private int bufLen;
        private long consumed;
        private long start;
        private long coveredTo;
        private int index;
        private boolean finished;

        Cutter(int len, int hop, LastChunk last) {
            this.len = len;
            this.hop = hop;
            this.last = last;
            this.buf = new float[len];
        }

        /** Appends {@code x[off, off + n)}; every chunk completed by them goes to {@code sink}, in order. */
        public void push(float[] x, int off, int n, java.util.function.Consumer<Chunk> sink) {
            if (finished) {
                throw new IllegalStateException("the cutter has finished");
            }
            int pos = off;
            int end = off + n;
            while (pos < end) {
                // the buffer starts at the next chunk's start (hop <= len: no sample is skipped)
                int take = Math.min(end - pos, len - bufLen);
                System.arraycopy(x, pos, buf, bufLen, take);
                bufLen += take;
                pos += take;
                consumed += take;
                if (bufLen == len) {
                    sink.accept(new Chunk(new Span(index++, (int) start, (int) (start + len), len), buf.clone()));
                    coveredTo = start + len;
                    start += hop;
                    System.arraycopy(buf, hop, buf, 0, len - hop);
                    bufLen = len - hop;
                }
            }
        }

        /**
         * Ends the signal: the last, shorter chunk (padded, kept short or dropped as
         * {@link LastChunk} says) goes to {@code sink}. Returns the signal's length in samples.
         */
        public long finish(java.util.function.Consumer<Chunk> sink) {
            if (finished) {
                throw new IllegalStateException("the cutter has finished");
            }
            finished = true;
            long n = consumed;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a signal of " + n + " samples is longer than chunk offsets can count (2^31)");
            }
            if (n > coveredTo && start < n && last != LastChunk.DROP) {
                int have = (int) (n - start);
                int length = last == LastChunk.PAD ? len : have;
                float[] c = new float[length];
                System.arraycopy(buf, 0, c, 0, have);
                sink.accept(new Chunk(new Span(index, (int) start, (int) n, length), c));
            }
            return n;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Chunker[%.3f s, overlap %.3f s, last %s]", params.seconds(), params.overlapSeconds(), params.last());
    }
}
