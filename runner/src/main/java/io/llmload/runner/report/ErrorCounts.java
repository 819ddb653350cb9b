package io.llmload.runner.report;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.ErrorClass;

/** Errors by class (DESIGN.md §4). */
public record ErrorCounts(long total, long rateLimited, long server, long client, long timeout, long connection,
        long protocol) {

    public static ErrorCounts of(CellStats stats) {
        return new ErrorCounts(stats.errorsTotal(), stats.errors(ErrorClass.RATE_LIMITED),
                stats.errors(ErrorClass.SERVER), stats.errors(ErrorClass.CLIENT), stats.errors(ErrorClass.TIMEOUT),
                stats.errors(ErrorClass.CONNECTION), stats.errors(ErrorClass.PROTOCOL));
    }
}
