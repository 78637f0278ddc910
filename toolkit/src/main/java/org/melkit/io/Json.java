package org.melkit.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON through Jackson for everything melkit writes or reads back (manifests, labels, scaler
 * parameters, reports, augment configs, the resume journal).
 *
 * <p>{@link #write} renders the layout melkit's files have always had: 2-space indent,
 * {@code "key": value}, map insertion order kept, arrays of numbers or strings on one line
 * ({@code [1, 2, 3]}), arrays holding objects or arrays one element per line, non-finite numbers
 * as {@code null}, a final newline.
 */
public final class Json {
    private Json() {}

    /** The shared mapper (thread-safe once configured): maps keep their order, no failure on unknown keys. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final ObjectWriter PRETTY;
    private static final ObjectWriter FLAT;

    static {
        Separators sep = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("")
                .withArrayValueSpacing(Separators.Spacing.NONE)
                .withObjectEntrySpacing(Separators.Spacing.NONE);
        DefaultIndenter lines = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(sep).withObjectIndenter(lines).withArrayIndenter(lines);
        PRETTY = MAPPER.writer(pp);
        MinimalPrettyPrinter flat = new MinimalPrettyPrinter() {
            private static final long serialVersionUID = 1L;

            @Override
            public void writeArrayValueSeparator(com.fasterxml.jackson.core.JsonGenerator g) throws IOException {
                g.writeRaw(", ");
            }
        };
        FLAT = MAPPER.writer(flat);
    }

    /** {@code value} (maps, lists, arrays, records, strings, numbers, booleans, null) as pretty JSON text. */
    public static String write(Object value) {
        JsonNode tree = layout(MAPPER.valueToTree(value));
        try {
            return PRETTY.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot render as JSON: " + e.getMessage(), e);
        }
    }

    /** {@code value} as JSON on one line ({@code {"a":1}} without spaces), e.g. for a journal line. */
    public static String writeLine(Object value) {
        try {
            return MAPPER.writeValueAsString(finite(MAPPER.valueToTree(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot render as JSON: " + e.getMessage(), e);
        }
    }

    /** Writes {@link #write}{@code (value)} to {@code file} atomically ({@link AtomicFiles}). */
    public static void write(Path file, Object value) {
        AtomicFiles.write(file, write(value));
    }

    /** As {@link #write(Path, Object)}, leaving the file alone when it already holds these bytes. */
    public static boolean writeIfChanged(Path file, Object value) {
        return AtomicFiles.writeIfChanged(file, write(value));
    }

    /** Parses JSON text into a tree; throws {@link IllegalArgumentException} with the parser's message. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a JSON file into a tree; throws with the file's path when it cannot be read or parsed. */
    public static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a JSON file into {@code type} (a record or class Jackson can bind). */
    public static <T> T read(Path file, Class<T> type) {
        return MAPPER.convertValue(read(file), type);
    }

    /** Plain Java values (maps in document order, lists, strings, numbers, booleans, null) of a tree. */
    public static Object toJava(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }

    /** Flat arrays become one raw line each; non-finite numbers become null. */
    private static JsonNode layout(JsonNode n) {
        JsonNode f = finite(n);
        return f.isContainerNode() ? flatten(f) : f;
    }

    private static JsonNode flatten(JsonNode n) {
        if (n.isArray()) {
            boolean flat = n.size() > 0;
            for (JsonNode e : n) {
                flat &= !e.isContainerNode();
            }
            if (flat) {
                try {
                    return JsonNodeFactory.instance.rawValueNode(new RawValue(FLAT.writeValueAsString(n)));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(e);
                }
            }
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, flatten(a.get(i)));
            }
        } else if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(flatten(e.getValue()));
            }
        }
        return n;
    }

    private static JsonNode finite(JsonNode n) {
        if (n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue())) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (n.isArray()) {
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, finite(a.get(i)));
            }
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(finite(e.getValue()));
            }
        }
        return n;
    }
}
