package org.melkit.effects;

/**
 * Fixed-length chunking: {@code seconds}-long chunks starting every {@code seconds - overlapSeconds}.
 *
 * @param seconds chunk length in seconds (> 0); {@code round(seconds * sr)} samples
 * @param overlapSeconds seconds shared by consecutive chunks, in [0, seconds); 0 = back to back
 * @param last what to do with a final stretch shorter than a chunk ({@link LastChunk#PAD} by default)
 */
public record ChunkParams(double seconds, double overlapSeconds, LastChunk last) {
    public ChunkParams {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds=" + seconds + " must be a finite number > 0; typical: 5");
        }
        if (!(overlapSeconds >= 0) || overlapSeconds >= seconds) {
            throw new IllegalArgumentException("overlapSeconds=" + overlapSeconds + " must be in [0, seconds=" + seconds
                    + "); 0 for back-to-back chunks, seconds/2 for 50% overlap");
        }
        if (last == null) {
            throw new IllegalArgumentException("last=null; use LastChunk.PAD, DROP or KEEP");
        }
    }

    /** {@code seconds}-long chunks, no overlap, last chunk zero-padded. */
    public static ChunkParams of(double seconds) {
        return new ChunkParams(seconds, 0.0, LastChunk.PAD);
    }

    public ChunkParams withSeconds(double v) { return new ChunkParams(v, overlapSeconds, last); }

    public ChunkParams withOverlapSeconds(double v) { return new ChunkParams(seconds, v, last); }

    public ChunkParams withLast(LastChunk v) { return new ChunkParams(seconds, overlapSeconds, v); }

    /** Chunk length in samples at {@code sr}: {@code round(seconds * sr)}, at least 1. */
    public int chunkSamples(int sr) {
        long n = Math.round(seconds * sr);
        if (n < 1 || n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("seconds=" + seconds + " at sr=" + sr + " gives " + n + " samples per chunk; must be in [1, 2^31)");
        }
        return (int) n;
    }

    /** Samples between chunk starts at {@code sr}: chunk length minus {@code round(overlapSeconds * sr)}, at least 1. */
    public int hopSamples(int sr) {
        long hop = chunkSamples(sr) - Math.round(overlapSeconds * sr);
        if (hop < 1) {
            throw new IllegalArgumentException("overlapSeconds=" + overlapSeconds + " at sr=" + sr
                    + " leaves no step between chunks; make the overlap shorter than the chunk by at least one sample");
        }
        return (int) hop;
    }
}
