package io.llmload.runner.engine;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.OptionalDouble;

/** Parses an HTTP Retry-After header: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
final class RetryAfter {

    private RetryAfter() {
    }

    static OptionalDouble parse(String header) {
        if (header == null || header.isBlank()) {
            return OptionalDouble.empty();
        }
        String value = header.trim();
        try {
            double seconds = Double.parseDouble(value);
            return seconds >= 0 ? OptionalDouble.of(seconds) : OptionalDouble.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                long millis = at.toInstant().toEpochMilli() - System.currentTimeMillis();
                return OptionalDouble.of(Math.max(0, millis / 1000.0));
            } catch (RuntimeException notDate) {
                return OptionalDouble.empty();
            }
        }
    }
}
