package org.melkit.dataset;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * A small JSON writer for manifests, labels and reports: maps (insertion order kept), lists,
 * arrays, strings, numbers, booleans and null. Not a parser.
 */
public final class Json {
    private Json() {}

    /** {@code value} as pretty-printed JSON (2-space indent). */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object v, int indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Double d) {
            number(sb, d);
        } else if (v instanceof Float f) {
            number(sb, f.doubleValue());
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append("  ".repeat(indent + 1));
                quote(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), indent + 1);
                sb.append(++i < m.size() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(indent)).append('}');
        } else if (v instanceof Collection<?> c) {
            writeList(sb, c.toArray(), indent);
        } else if (v instanceof double[] a) {
            Object[] o = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                o[i] = a[i];
            }
            writeFlat(sb, o);
        } else if (v instanceof float[] a) {
            Object[] o = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                o[i] = (double) a[i];
            }
            writeFlat(sb, o);
        } else if (v instanceof int[] a) {
            Object[] o = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                o[i] = a[i];
            }
            writeFlat(sb, o);
        } else if (v instanceof Object[] a) {
            writeList(sb, a, indent);
        } else {
            quote(sb, v.toString());
        }
    }

    private static void writeList(StringBuilder sb, Object[] a, int indent) {
        boolean flat = true;
        for (Object o : a) {
            if (o instanceof Map || o instanceof Collection || o instanceof Object[] || o instanceof float[] || o instanceof double[]) {
                flat = false;
                break;
            }
        }
        if (flat) {
            writeFlat(sb, a);
            return;
        }
        sb.append("[\n");
        for (int i = 0; i < a.length; i++) {
            sb.append("  ".repeat(indent + 1));
            write(sb, a[i], indent + 1);
            sb.append(i + 1 < a.length ? ",\n" : "\n");
        }
        sb.append("  ".repeat(indent)).append(']');
    }

    private static void writeFlat(StringBuilder sb, Object[] a) {
        sb.append('[');
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            write(sb, a[i], 0);
        }
        sb.append(']');
    }

    private static void number(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            sb.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            sb.append(String.format(Locale.ROOT, "%.1f", d));
        } else {
            sb.append(Double.toString(d));
        }
    }

    /** {@code s} as a JSON string literal. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        quote(sb, s);
        return sb.toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
