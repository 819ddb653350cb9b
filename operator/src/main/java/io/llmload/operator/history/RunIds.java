package io.llmload.operator.history;

import io.llmload.runner.report.StoredReports;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Run ids and the names derived from them. An id is the run's start time in UTC ({@code 20260111-030004}): unique
 * within a test (its runs never overlap), sortable, readable, and — unlike a counter — not reused by a test of the
 * same name created again after its reports were retained.
 */
public final class RunIds {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    public static String of(Instant start) {
        return FORMAT.format(start);
    }

    /** The ConfigMap holding a run's report: {@code <test>-run-<id>}. */
    public static String reportConfigMap(String test, String runId) {
        return StoredReports.configMapName(test, runId);
    }
}
