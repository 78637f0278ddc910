package org.melkit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options and positional words of one command line. Values are read with
 * typed getters; the word {@code none} stands for "not given / librosa's None". Options a command
 * never asked for are reported by {@link #requireAllUsed()}, so a typo is an error, not ignored.
 */
final class Args {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Set<String> flags = new LinkedHashSet<>();
    private final Set<String> used = new LinkedHashSet<>();

    private Args() {}

    /**
     * Parses {@code args}. {@code booleanFlags} names the options that take no value
     * (e.g. {@code overwrite} for {@code --overwrite}).
     */
    static Args parse(List<String> args, Set<String> booleanFlags) {
        Args a = new Args();
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.startsWith("--") && w.length() > 2) {
                String name = w.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (booleanFlags.contains(name) && value == null) {
                    a.flags.add(name);
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (a.options.put(name, value) != null) {
                    throw new UsageException("option --" + name + " given twice");
                }
            } else {
                a.positional.add(w);
            }
        }
        return a;
    }

    static Args parse(List<String> args) {
        return parse(args, Set.of());
    }

    List<String> positional() {
        return Collections.unmodifiableList(positional);
    }

    boolean has(String name) {
        used.add(name);
        return options.containsKey(name) && !isNone(options.get(name));
    }

    boolean flag(String name) {
        used.add(name);
        String v = options.get(name);
        if (v != null) {
            return parseBoolean(name, v);
        }
        return flags.contains(name);
    }

    String string(String name, String dflt) {
        used.add(name);
        String v = options.get(name);
        return v == null || isNone(v) ? dflt : v;
    }

    String requireString(String name) {
        String v = string(name, null);
        if (v == null) {
            throw new UsageException("missing required option --" + name);
        }
        return v;
    }

    Path requirePath(String name) {
        return Path.of(requireString(name));
    }

    Path path(String name) {
        String v = string(name, null);
        return v == null ? null : Path.of(v);
    }

    Integer integer(String name, Integer dflt) {
        String v = string(name, null);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            // accept integral floats such as "2048.0"
            try {
                double d = Double.parseDouble(v);
                if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                    return (int) d;
                }
            } catch (NumberFormatException ignored) {
                // fall through
            }
            throw new UsageException("--" + name + " " + v + ": expected an integer");
        }
    }

    int requireInt(String name) {
        Integer v = integer(name, null);
        if (v == null) {
            throw new UsageException("missing required option --" + name);
        }
        return v;
    }

    Double number(String name, Double dflt) {
        String v = string(name, null);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " " + v + ": expected a number");
        }
    }

    Boolean bool(String name, Boolean dflt) {
        String v = string(name, null);
        return v == null ? dflt : parseBoolean(name, v);
    }

    /** The option's raw text, or null; marks it used. */
    String raw(String name) {
        used.add(name);
        return options.get(name);
    }

    /** Throws a usage error naming every option that no getter asked for. */
    void requireAllUsed() {
        List<String> unknown = new ArrayList<>();
        for (String k : options.keySet()) {
            if (!used.contains(k)) {
                unknown.add("--" + k);
            }
        }
        for (String k : flags) {
            if (!used.contains(k)) {
                unknown.add("--" + k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown option(s): " + String.join(" ", unknown));
        }
    }

    /** The options in order, for manifests. */
    Map<String, String> options() {
        return Collections.unmodifiableMap(options);
    }

    private static boolean isNone(String v) {
        return v.equalsIgnoreCase("none") || v.equalsIgnoreCase("null");
    }

    private static boolean parseBoolean(String name, String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes":
                return true;
            case "false": case "0": case "no":
                return false;
            default:
                throw new UsageException("--" + name + " " + v + ": expected true or false");
        }
    }
}
