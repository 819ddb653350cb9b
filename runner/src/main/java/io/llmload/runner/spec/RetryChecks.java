package io.llmload.runner.spec;

import java.time.Duration;
import java.util.List;

/** spec.workload.retry: counts and durations in range, backoff caps ordered, classes by their report names. */
final class RetryChecks extends Checks {

    /** The error classes as reports name them (metrics.ErrorClass keys), in report order. */
    private static final List<String> RETRYABLE = List.of("rateLimited", "server", "client", "timeout",
            "connection", "protocol");
    private static final int MAX_RETRIES = 100;

    private RetryChecks() {
    }

    static List<Violation> check(RetrySpec retry) {
        RetryChecks checks = new RetryChecks();
        checks.checkRetry(retry);
        return checks.violations;
    }

    private void checkRetry(RetrySpec retry) {
        if (retry == null) {
            return;
        }
        String p = "spec.workload.retry";
        if (retry.maxRetries() != null && (retry.maxRetries() < 0 || retry.maxRetries() > MAX_RETRIES)) {
            add(p + ".maxRetries", "must be between 0 (off) and " + MAX_RETRIES);
        }
        duration(p + ".initialBackoff", retry.initialBackoff());
        duration(p + ".maxBackoff", retry.maxBackoff());
        Duration initial = Durations.parseOr(retry.initialBackoff(), Duration.ofMillis(500));
        Duration max = Durations.parseOr(retry.maxBackoff(), Duration.ofSeconds(30));
        if (max.compareTo(initial) < 0) {
            add(p + ".maxBackoff", "must not be below initialBackoff (" + Durations.format(initial) + ")");
        }
        if (retry.errors() != null) {
            if (retry.errors().isEmpty()) {
                add(p + ".errors", "list at least one error class, or set maxRetries: 0 to turn retries off");
            }
            for (int i = 0; i < retry.errors().size(); i++) {
                String errorClass = retry.errors().get(i);
                if (errorClass == null || !RETRYABLE.contains(errorClass)) {
                    add(p + ".errors[" + i + "]", "unknown error class '" + errorClass + "': use one of "
                            + String.join(", ", RETRYABLE));
                }
            }
        }
    }
}
