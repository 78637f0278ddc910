package org.melkit.notebook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a notebook cell shows for a value: one representation per MIME type, as Jupyter's
 * {@code display_data} carries them ({@code text/plain} always; {@code text/html},
 * {@code image/png} as base64 where richer output exists). A front end picks the richest type
 * it can show; {@link #toString()} is the plain text, so the bundle itself prints usefully.
 *
 * <pre>{@code
 * MimeBundle b = Display.render(clip);   // text/plain + text/html (waveform, player) + image/png
 * }</pre>
 *
 * Immutable.
 */
public final class MimeBundle {
    /** {@code text/plain}. */
    public static final String TEXT = "text/plain";
    /** {@code text/html}. */
    public static final String HTML = "text/html";
    /** {@code image/png}, base64 without line breaks. */
    public static final String PNG = "image/png";

    private final Map<String, String> data;

    private MimeBundle(Map<String, String> data) {
        this.data = data;
    }

    /** A bundle holding only {@code text/plain}. */
    public static MimeBundle text(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TEXT, Objects.requireNonNull(text, "text"));
        return new MimeBundle(Collections.unmodifiableMap(m));
    }

    /** A copy with {@code mime} set to {@code value} (replacing an earlier value). */
    public MimeBundle with(String mime, String value) {
        Objects.requireNonNull(mime, "mime");
        Objects.requireNonNull(value, "value");
        Map<String, String> m = new LinkedHashMap<>(data);
        m.put(mime, value);
        return new MimeBundle(Collections.unmodifiableMap(m));
    }

    /** Every representation, {@code text/plain} first. */
    public Map<String, String> data() { return data; }

    /** The representation of {@code mime}, or null. */
    public String get(String mime) { return data.get(mime); }

    public boolean has(String mime) { return data.containsKey(mime); }

    /** The {@code text/plain} representation. */
    public String plainText() { return data.get(TEXT); }

    @Override
    public boolean equals(Object o) {
        return o instanceof MimeBundle b && b.data.equals(data);
    }

    @Override
    public int hashCode() { return data.hashCode(); }

    @Override
    public String toString() { return plainText(); }
}
