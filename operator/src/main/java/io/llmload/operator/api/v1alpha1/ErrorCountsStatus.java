package io.llmload.operator.api.v1alpha1;

import io.llmload.runner.report.Aggregate;

/** Errors by class (see docs/metrics.md). */
public record ErrorCountsStatus(Long rateLimited, Long server, Long client, Long timeout, Long connection,
        Long protocol) {

    static ErrorCountsStatus of(Aggregate a) {
        var e = a.errors();
        return new ErrorCountsStatus(e.rateLimited(), e.server(), e.client(), e.timeout(), e.connection(),
                e.protocol());
    }
}
