package org.melkit.dataset;

import java.util.Locale;

/** What happened to one MELD row's clip; non-ok rows get an all-zero spectrogram (alignment is kept). */
public enum MeldStatus {
    /** Decoded and featurised (a silent clip is ok, and all zero). */
    OK,
    /** No {@code dia{D}_utt{U}.mp4} in the split's clip folder. */
    MISSING,
    /** The container or stream cannot be decoded, or it decodes to 0 samples. */
    CORRUPT,
    /** The file decodes but has no audio stream. */
    NO_AUDIO;

    /** The word in {@code ids_*.csv} and {@code report.json}: {@code ok}, {@code missing}, {@code corrupt}, {@code no_audio}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for {@link #text()}. */
    public static MeldStatus parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() { return text(); }
}
