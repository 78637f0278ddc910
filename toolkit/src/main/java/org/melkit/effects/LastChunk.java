package org.melkit.effects;

import java.util.Locale;

/** What {@link Chunker} does with a final stretch shorter than one chunk. */
public enum LastChunk {
    /** Zero-padded to the full chunk length, so every chunk has the same length (the default). */
    PAD,
    /** Left out: only full chunks are produced; a clip shorter than one chunk yields none. */
    DROP,
    /** Kept at its own, shorter length. */
    KEEP;

    /** Parses {@code pad}, {@code drop} or {@code keep}. */
    public static LastChunk parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "pad": return PAD;
            case "drop": return DROP;
            case "keep": return KEEP;
            default:
                throw new IllegalArgumentException("last='" + s + "' must be pad (zero-pad to full length), drop or keep");
        }
    }

    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
