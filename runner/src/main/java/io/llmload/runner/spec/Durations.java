package io.llmload.runner.spec;

import java.time.Duration;
import java.util.Optional;

/** Parses the manifest's human durations: 500ms, 30s, 5m, 1h, 1m30s (Go / Kubernetes style, no fractions of ms). */
public final class Durations {

    public static final String HINT = "must be a positive duration like 500ms, 30s, 5m or 1h";

    /** Longest accepted duration (about 10 years): anything longer is a typo and would overflow nanoseconds. */
    static final long MAX_MILLIS = 10L * 365 * 24 * 3_600_000;

    private Durations() {
    }

    /** The parsed duration, or empty when the text is not a valid positive duration. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        long totalMillis = 0;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (i == numberStart) {
                return Optional.empty();
            }
            double number;
            try {
                number = Double.parseDouble(s.substring(numberStart, i));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            Long unitMillis = unitMillis(s.substring(unitStart, i));
            if (unitMillis == null) {
                return Optional.empty();
            }
            double millis = number * unitMillis;
            // Millisecond resolution: 0.5ms would silently become 1ms; and plans are computed in nanoseconds.
            if (Math.abs(millis - Math.rint(millis)) > 1e-6 || millis > MAX_MILLIS - totalMillis) {
                return Optional.empty();
            }
            totalMillis += Math.round(millis);
        }
        return totalMillis > 0 ? Optional.of(Duration.ofMillis(totalMillis)) : Optional.empty();
    }

    /** For values already validated: parse or fall back. */
    public static Duration parseOr(String text, Duration fallback) {
        return text == null ? fallback : parse(text).orElse(fallback);
    }

    private static Long unitMillis(String unit) {
        switch (unit) {
            case "ms":
                return 1L;
            case "s":
                return 1_000L;
            case "m":
                return 60_000L;
            case "h":
                return 3_600_000L;
            default:
                return null;
        }
    }

    /** Renders a duration the way the manifest writes them (for messages and reports). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
