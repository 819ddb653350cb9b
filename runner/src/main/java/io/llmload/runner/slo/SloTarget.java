package io.llmload.runner.slo;

/** One resolved objective: a latency percentile in ms (metric ttft/itl/tpot/e2e) or the error rate (fraction). */
record SloTarget(String metric, String percentile, double limit, String text) {

    boolean isErrorRate() {
        return metric.equals("errorRate");
    }

    String name() {
        return isErrorRate() ? "errorRate" : metric + " " + percentile;
    }
}
