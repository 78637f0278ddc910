package org.melkit.dsp;

import java.util.Locale;

/** Normalisation of mel filters: librosa's {@code norm='slaney'} (area, the default) or {@code None}. */
public enum MelNorm {
    /** Each triangle divided by its width in Hz / 2: constant energy per channel. */
    SLANEY,
    /** Triangles of peak 1. */
    NONE;

    public static MelNorm parse(String s) {
        if (s == null) {
            return NONE;
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "slaney":
                return SLANEY;
            case "none": case "null":
                return NONE;
            default:
                throw new IllegalArgumentException("norm='" + s + "' is not supported for mel filters; use slaney (librosa's default) or none");
        }
    }
}
