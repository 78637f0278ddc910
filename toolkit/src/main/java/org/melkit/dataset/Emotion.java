package org.melkit.dataset;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The unified emotion labels of {@code melkit corpora}, in label order: neutral 0, calm 1,
 * happy 2, sad 3, angry 4, fear 5, disgust 6, surprise 7 (the one-hot columns of {@code y}).
 * Each corpus's own words map onto these: fearful -> fear, surprised / ps / su -> surprise,
 * happiness -> happy, anger -> angry, sadness -> sad.
 */
public enum Emotion {
    NEUTRAL, CALM, HAPPY, SAD, ANGRY, FEAR, DISGUST, SURPRISE;

    /** The label id: the one-hot column. */
    public int label() { return ordinal(); }

    /** The unified lower-case name ({@code surprise}), as in {@code index_*.csv} and {@code labels.json}. */
    public String unifiedName() { return name().toLowerCase(Locale.ROOT); }

    /** The emotion with label id {@code label}. */
    public static Emotion ofLabel(int label) {
        if (label < 0 || label >= values().length) {
            throw new IllegalArgumentException("label=" + label + " must be in [0, " + values().length + ")");
        }
        return values()[label];
    }

    /** {@code {"neutral": 0, ..., "surprise": 7}}. */
    public static Map<String, Integer> labelMap() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Emotion e : values()) {
            m.put(e.unifiedName(), e.label());
        }
        return m;
    }

    @Override
    public String toString() { return unifiedName(); }
}
