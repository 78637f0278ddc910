package org.melkit.effects;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.melkit.io.Json;

/**
 * Reads and writes the augmentation pipeline as JSON, keys in snake_case:
 *
 * <pre>{@code
 * {"transforms": [
 *   {"type": "shift",          "p": 0.5, "min_fraction": -0.5, "max_fraction": 0.5, "rollover": true},
 *   {"type": "pitch_shift",    "p": 0.5, "min_semitones": -4, "max_semitones": 4},
 *   {"type": "time_stretch",   "p": 0.5, "min_rate": 0.8, "max_rate": 1.25, "leave_length_unchanged": false},
 *   {"type": "gaussian_noise", "p": 0.5, "min_amplitude": 0.001, "max_amplitude": 0.015},
 *   {"type": "gain",           "p": 0.5, "min_gain_db": -12, "max_gain_db": 12}
 * ]}
 * }</pre>
 *
 * Steps run in the listed order; a missing key takes the default shown (audiomentations'
 * defaults, {@code p} 0.5); an unknown key or type, or a type listed twice, is an error naming it.
 * The text is read with Jackson ({@link Json#MAPPER}); a syntax error names its line and column.
 */
public final class AugmentConfig {
    private AugmentConfig() {}

    /** melkit's mapper, strict: a key given twice, or anything after the object, is an error. */
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The pipeline above: every transform, defaults, p = 0.5 each. */
    public static Compose defaults() {
        return Compose.of(Compose.step(Shift.DEFAULT, 0.5), Compose.step(PitchShift.DEFAULT, 0.5),
                Compose.step(TimeStretch.DEFAULT, 0.5), Compose.step(GaussianNoise.DEFAULT, 0.5),
                Compose.step(Gain.DEFAULT, 0.5));
    }

    /** Reads a config file. */
    public static Compose read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.toString();
            // a config the user named but that cannot be read is a bad argument (exit 2), like a malformed one
            throw new IllegalArgumentException("--config " + file + ": cannot read the augmentation config: " + why, e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses config text (JSON through Jackson; a key given twice or text after the object is an error). */
    public static Compose parse(String json) {
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "JSON" : "JSON line " + at.getLineNr() + ", column " + at.getColumnNr();
            String why = e.getOriginalMessage();
            java.util.regex.Matcher dup = java.util.regex.Pattern.compile("^Duplicate field '(.*)'").matcher(why);
            if (dup.find()) {
                why = "key \"" + dup.group(1) + "\" given twice in one object; keep one";
            }
            throw new IllegalArgumentException("not valid " + where + ": " + why, e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("the config is empty; it must be a JSON object {\"transforms\": [...]}");
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("the config must be a JSON object {\"transforms\": [...]}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("transforms")) {
                throw new IllegalArgumentException("unknown key \"" + k + "\" at the top level; the config has one key, \"transforms\"");
            }
        }
        JsonNode list = root.get("transforms");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("\"transforms\" must be a list of {\"type\": ...} objects");
        }
        List<Compose.Step> steps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                throw new IllegalArgumentException("transforms[" + i + "] must be an object with a \"type\"");
            }
            Entry e = new Entry(i, list.get(i));
            String type = e.string("type");
            if (!seen.add(type)) {
                throw new IllegalArgumentException("transforms[" + i + "]: type \"" + type + "\" is listed twice; list each transform once");
            }
            double p = e.number("p", 0.5);
            Transform tr = switch (type) {
                case "shift" -> new Shift(e.number("min_fraction", -0.5), e.number("max_fraction", 0.5), e.bool("rollover", true));
                case "pitch_shift" -> new PitchShift(e.number("min_semitones", -4), e.number("max_semitones", 4));
                case "time_stretch" -> new TimeStretch(e.number("min_rate", 0.8), e.number("max_rate", 1.25),
                        e.bool("leave_length_unchanged", false));
                case "gaussian_noise" -> new GaussianNoise(e.number("min_amplitude", 0.001), e.number("max_amplitude", 0.015));
                case "gain" -> new Gain(e.number("min_gain_db", -12), e.number("max_gain_db", 12));
                default -> throw new IllegalArgumentException("transforms[" + i + "]: unknown type \"" + type
                        + "\"; one of shift, pitch_shift, time_stretch, gaussian_noise, gain");
            };
            e.requireAllUsed();
            steps.add(new Compose.Step(tr, p));
        }
        return Compose.of(steps);
    }

    /** The pipeline as config JSON text, the format {@link #parse} reads. */
    public static String toJson(Compose c) {
        return Json.write(toJsonData(c));
    }

    /** The pipeline as config JSON data (for manifests and for writing a config back). */
    public static Map<String, Object> toJsonData(Compose c) {
        List<Object> ts = new ArrayList<>();
        for (Compose.Step s : c.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", s.transform().name());
            m.put("p", s.p());
            Transform t = s.transform();
            if (t instanceof Shift x) {
                m.put("min_fraction", x.minFraction());
                m.put("max_fraction", x.maxFraction());
                m.put("rollover", x.rollover());
            } else if (t instanceof PitchShift x) {
                m.put("min_semitones", x.minSemitones());
                m.put("max_semitones", x.maxSemitones());
            } else if (t instanceof TimeStretch x) {
                m.put("min_rate", x.minRate());
                m.put("max_rate", x.maxRate());
                m.put("leave_length_unchanged", x.leaveLengthUnchanged());
            } else if (t instanceof GaussianNoise x) {
                m.put("min_amplitude", x.minAmplitude());
                m.put("max_amplitude", x.maxAmplitude());
            } else if (t instanceof Gain x) {
                m.put("min_gain_db", x.minGainDb());
                m.put("max_gain_db", x.maxGainDb());
            } else {
                throw new IllegalArgumentException("a nested Compose cannot be written as a config step; flatten it");
            }
            ts.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("transforms", ts);
        return root;
    }

    /** One transform object, with typed getters that remember which keys were read. */
    private static final class Entry {
        private final int index;
        private final JsonNode m;
        private final Set<String> used = new HashSet<>();

        Entry(int index, JsonNode m) {
            this.index = index;
            this.m = m;
        }

        private String where(String key) {
            return "transforms[" + index + "]." + key;
        }

        String string(String key) {
            used.add(key);
            JsonNode v = m.get(key);
            if (v == null || !v.isTextual()) {
                throw new IllegalArgumentException(where(key) + " must be a string, e.g. \"gain\"");
            }
            return v.asText();
        }

        double number(String key, double dflt) {
            used.add(key);
            JsonNode v = m.get(key);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isNumber()) {
                throw new IllegalArgumentException(where(key) + "=" + v.asText() + " must be a number");
            }
            return v.doubleValue();
        }

        boolean bool(String key, boolean dflt) {
            used.add(key);
            JsonNode v = m.get(key);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isBoolean()) {
                throw new IllegalArgumentException(where(key) + "=" + v.asText() + " must be true or false");
            }
            return v.booleanValue();
        }

        void requireAllUsed() {
            for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!used.contains(k)) {
                    throw new IllegalArgumentException("unknown key " + where(k) + " for type \"" + m.path("type").asText() + "\"");
                }
            }
        }
    }
}
