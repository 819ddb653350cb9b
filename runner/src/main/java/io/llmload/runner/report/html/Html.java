package io.llmload.runner.report.html;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Text into HTML: the one escaping function of report.html and compare.html, and how they show a time. */
public final class Html {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** Escapes text for element content and double-quoted attributes; null becomes empty. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A report's ISO-8601 instant to the second, e.g. "2026-01-01 12:00:00 UTC"; as written when unparsable. */
    public static String time(String iso) {
        try {
            return WHEN.format(Instant.parse(iso));
        } catch (RuntimeException unparsable) {
            return iso;
        }
    }
}
