package io.llmload.runner.spec;

import java.util.Optional;

/** Parses rates written as percentages ("1%", "0.1%") or fractions ("0.01") into a fraction in [0, 1]. */
public final class Ratios {

    public static final String HINT = "must be a percentage like 1% or 0.1%, or a fraction between 0 and 1";

    private Ratios() {
    }

    public static Optional<Double> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.trim();
        boolean percent = s.endsWith("%");
        if (percent) {
            s = s.substring(0, s.length() - 1).trim();
        }
        if (!s.matches("[0-9]*\\.?[0-9]+")) {
            return Optional.empty();
        }
        double value;
        try {
            value = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        double fraction = percent ? value / 100.0 : value;
        if (Double.isNaN(fraction) || fraction < 0 || fraction > 1) {
            return Optional.empty();
        }
        return Optional.of(fraction);
    }

    public static double parseOr(String text, double fallback) {
        return text == null ? fallback : parse(text).orElse(fallback);
    }

    /** Formats a fraction as a percentage for messages and reports ("0.1%"). */
    public static String format(double fraction) {
        double pct = fraction * 100.0;
        String s = String.format(java.util.Locale.ROOT, "%.3f", pct).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }
}
