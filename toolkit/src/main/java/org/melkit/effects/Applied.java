package org.melkit.effects;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one application of a transform drew: its name ({@code pitch_shift}) and parameter values
 * in a fixed order ({@code semitones -> 1.73}). {@code toString()} reads
 * {@code pitch_shift(semitones=1.73)}.
 */
public record Applied(String transform, Map<String, Number> parameters) {
    public Applied {
        Objects.requireNonNull(transform, "transform");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    static Applied of(String transform, String k1, Number v1) {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put(k1, v1);
        return new Applied(transform, m);
    }

    static Applied of(String transform, String k1, Number v1, String k2, Number v2) {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return new Applied(transform, m);
    }

    @Override
    public String toString() {
        return transform + parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
