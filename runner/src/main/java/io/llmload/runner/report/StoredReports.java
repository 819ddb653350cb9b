package io.llmload.runner.report;

/**
 * How the operator stores each run's report in the cluster (contract between the operator, which writes them, and
 * {@code llmload report --cluster}, which reads them): one ConfigMap per run, {@code <test>-run-<run id>}, holding
 * report.json gzip-compressed under binaryData {@value #GZIP_KEY}, labelled with the test and the run so that reports
 * kept after their test was deleted can still be found.
 */
public final class StoredReports {

    /** binaryData key: report.json, gzip-compressed. */
    public static final String GZIP_KEY = "report.json.gz";
    /** data key of reports stored uncompressed (older operators). */
    public static final String JSON_KEY = "report.json";
    /** data key listing what a report too big for a ConfigMap had to drop. */
    public static final String TRUNCATED_KEY = "truncated";
    public static final String TEST_LABEL = "llmload.io/test";
    public static final String RUN_LABEL = "llmload.io/run";
    /** Set on reports that outlive their test (spec.report.retainAfterDelete): delete them by this label. */
    public static final String RETAINED_LABEL = "llmload.io/retained";

    private StoredReports() {
    }

    public static String configMapName(String test, String runId) {
        return test + "-run-" + runId;
    }
}
