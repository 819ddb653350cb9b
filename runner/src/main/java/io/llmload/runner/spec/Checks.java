package io.llmload.runner.spec;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What every section's checks share: the violations found so far, and the checks of values that appear in many
 * sections (durations, ratios, URLs, ports, token distributions), each naming the field and the fix.
 */
abstract class Checks {

    private static final Set<String> DISTRIBUTIONS = Set.of("fixed", "uniform", "normal", "lognormal");

    final List<Violation> violations = new ArrayList<>();

    final void add(String path, String message) {
        violations.add(new Violation(path, message));
    }

    final void duration(String path, String text) {
        if (text != null) {
            Optional<Duration> parsed = Durations.parse(text);
            if (parsed.isEmpty()) {
                add(path, "'" + text + "' " + Durations.HINT);
            }
        }
    }

    final void ratio(String path, String text) {
        if (text != null && Ratios.parse(text).isEmpty()) {
            add(path, "'" + text + "' " + Ratios.HINT);
        }
    }

    final void nonNegative(String path, Double value) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            add(path, "must be a number >= 0");
        }
    }

    final void url(String path, String url) {
        try {
            URI uri = new URI(url.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                add(path, "must be an http(s) URL like http://vllm.models.svc:8000");
            }
        } catch (Exception e) {
            add(path, "must be an http(s) URL like http://vllm.models.svc:8000");
        }
    }

    final void port(String path, Integer port) {
        if (port != null && (port < 1 || port > 65535)) {
            add(path, "must be a port between 1 and 65535");
        }
    }

    final void distribution(String path, DistributionSpec d) {
        String kind = d.distribution() == null ? "fixed" : d.distribution().toLowerCase(Locale.ROOT);
        if (!DISTRIBUTIONS.contains(kind)) {
            add(path + ".distribution", "must be one of fixed, uniform, normal, lognormal");
            return;
        }
        switch (kind) {
            case "fixed":
                if (d.value() == null || d.value() < 1) {
                    add(path + ".value", "a fixed distribution needs value >= 1, e.g. {value: 128}");
                }
                break;
            case "uniform":
                if (d.min() == null || d.max() == null || d.min() < 1 || d.max() < d.min()) {
                    add(path, "a uniform distribution needs 1 <= min <= max, e.g. {distribution: uniform, min: 64, max: 256}");
                }
                break;
            default:
                if (d.mean() == null || d.mean() < 1) {
                    add(path + ".mean", "a " + kind + " distribution needs mean >= 1");
                }
                if (d.stddev() == null || d.stddev() < 0) {
                    add(path + ".stddev", "a " + kind + " distribution needs stddev >= 0");
                }
                if (d.min() != null && d.max() != null && d.max() < d.min()) {
                    add(path + ".max", "must not be below min");
                }
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
