package io.llmload.operator.trigger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The difference between two command lines as flag changes ({@code --max-num-seqs 128 -> 256},
 * {@code added --enable-prefix-caching}), so that what changed in a long vLLM command line fits on one line. A word
 * starting with "-" opens a flag; the words after it, up to the next flag, are its value ({@code --x=v} too).
 * Words before the first flag (the program, {@code serve MODEL}) form the positional part.
 */
final class ArgsDiff {

    private static final String POSITIONAL = "";

    private ArgsDiff() {
    }

    static String describe(List<String> before, List<String> after) {
        if (before.equals(after)) {
            return "";
        }
        Map<String, String> a = flags(before);
        Map<String, String> b = flags(after);
        List<String> parts = new ArrayList<>();
        if (!Objects.equals(a.get(POSITIONAL), b.get(POSITIONAL))) {
            parts.add(orNone(a.get(POSITIONAL)) + " -> " + orNone(b.get(POSITIONAL)));
        }
        for (Map.Entry<String, String> e : b.entrySet()) {
            if (e.getKey().equals(POSITIONAL)) {
                continue;
            }
            if (!a.containsKey(e.getKey())) {
                parts.add("added " + join(e.getKey(), e.getValue()));
            } else if (!Objects.equals(a.get(e.getKey()), e.getValue())) {
                parts.add(e.getKey() + " " + orEmpty(a.get(e.getKey())) + " -> " + orEmpty(e.getValue()));
            }
        }
        for (Map.Entry<String, String> e : a.entrySet()) {
            if (!e.getKey().equals(POSITIONAL) && !b.containsKey(e.getKey())) {
                parts.add("removed " + join(e.getKey(), e.getValue()));
            }
        }
        // Same flags in another order: still a new command line.
        return parts.isEmpty() ? "reordered" : String.join(", ", parts);
    }

    private static Map<String, String> flags(List<String> args) {
        Map<String, String> flags = new LinkedHashMap<>();
        String current = POSITIONAL;
        List<String> value = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("-") && arg.length() > 1 && !isNumber(arg)) {
                put(flags, current, value);
                int eq = arg.indexOf('=');
                current = eq > 0 ? arg.substring(0, eq) : arg;
                value = new ArrayList<>();
                if (eq > 0) {
                    value.add(arg.substring(eq + 1));
                }
            } else {
                value.add(arg);
            }
        }
        put(flags, current, value);
        return flags;
    }

    private static void put(Map<String, String> flags, String flag, List<String> value) {
        if (!flag.equals(POSITIONAL) || !value.isEmpty()) {
            flags.put(flag, value.isEmpty() ? null : String.join(" ", value));
        }
    }

    private static boolean isNumber(String s) {
        return s.length() > 1 && (Character.isDigit(s.charAt(1)) || s.charAt(1) == '.');
    }

    private static String join(String flag, String value) {
        return value == null ? flag : flag + " " + value;
    }

    /** A flag without a value (a switch) whose value appeared or went. */
    private static String orEmpty(String s) {
        return s == null ? "(switch)" : s;
    }

    private static String orNone(String s) {
        return s == null ? "(none)" : s;
    }
}
