package io.llmload.runner.autoscaling;

import java.util.Locale;

/** Durations as sentences write them: 4.1 s, 35 s, 2m41s, 1h02m. */
public final class HumanTime {

    private HumanTime() {
    }

    public static String of(double seconds) {
        if (Math.round(seconds * 10) < 100) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /** "at 35 s" for an offset from the run's start. */
    public static String at(double offsetSeconds) {
        return "at " + of(offsetSeconds);
    }
}
