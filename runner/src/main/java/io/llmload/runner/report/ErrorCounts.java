package io.llmload.runner.report;

import io.llmload.runner.metrics.ErrorTally;
import io.llmload.runner.metrics.ErrorClass;

/** Errors by class (DESIGN.md §4). */
public record ErrorCounts(long total, long rateLimited, long server, long client, long timeout, long connection,
        long protocol) {

    public static ErrorCounts of(ErrorTally errors) {
        return new ErrorCounts(errors.total(), errors.get(ErrorClass.RATE_LIMITED), errors.get(ErrorClass.SERVER),
                errors.get(ErrorClass.CLIENT), errors.get(ErrorClass.TIMEOUT), errors.get(ErrorClass.CONNECTION),
                errors.get(ErrorClass.PROTOCOL));
    }
}
