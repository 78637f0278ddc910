package org.melkit.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collision-free output base names for batch jobs that write one or more files per input
 * ({@code cats/meow.wav -> cats/meow}, then {@code cats/meow__aug01.wav} or {@code cats/meow.png}).
 * The base is the relative path without the extension; when two inputs in one folder share a
 * stem ({@code a.wav}, {@code a.mp3}) both keep their full file name ({@code a.wav}, {@code a.mp3});
 * anything still equal gets {@code ~2}, {@code ~3}... in the (sorted) input order. Deterministic:
 * the same input list always gives the same names.
 */
public final class OutputNames {
    private OutputNames() {}

    /** Base names for relative {@code sources} ({@code /} separators), in their order. */
    public static Map<String, String> bases(List<String> sources) {
        Map<String, List<String>> byStem = new LinkedHashMap<>();
        for (String s : sources) {
            byStem.computeIfAbsent(dir(s) + stem(name(s)), k -> new ArrayList<>()).add(s);
        }
        Map<String, String> base = new LinkedHashMap<>();
        for (List<String> group : byStem.values()) {
            for (String s : group) {
                base.put(s, dir(s) + (group.size() == 1 ? stem(name(s)) : name(s)));
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : sources) {
            String b = base.get(s);
            int k = seen.merge(b, 1, Integer::sum);
            out.put(s, k == 1 ? b : b + "~" + k);
        }
        Map<String, Integer> count = new HashMap<>();
        out.values().forEach(v -> count.merge(v, 1, Integer::sum));
        if (count.values().stream().anyMatch(c -> c > 1)) { // a "~k" name equal to a real base
            Map<String, String> fixed = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<String, String> e : out.entrySet()) {
                fixed.put(e.getKey(), count.get(e.getValue()) > 1 ? e.getValue() + "~i" + (++i) : e.getValue());
            }
            return fixed;
        }
        return out;
    }

    private static String dir(String rel) {
        int i = rel.lastIndexOf('/');
        return i < 0 ? "" : rel.substring(0, i + 1);
    }

    private static String name(String rel) {
        return rel.substring(rel.lastIndexOf('/') + 1);
    }

    private static String stem(String name) {
        int i = name.lastIndexOf('.');
        return i > 0 ? name.substring(0, i) : name;
    }
}
