package io.llmload.runner.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Map;

/**
 * report.json's {@code run.engine}: how the load generator itself fared. {@code eventLoopLagMs} is how late its
 * event loops ran their timers after the warmup (all loops of all runners merged); every request timestamp on a
 * late loop was late by as much, so a p99 above {@value #LAG_P99_LIMIT_MS} ms gets a {@code warning}: the latencies
 * then include the generator's own delays.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EngineReport(int eventLoops, Percentiles eventLoopLagMs, String warning) {

    public static final double LAG_P99_LIMIT_MS = 1.0;

    /** Null when the run carried no engine measurements (older runners). */
    public static EngineReport of(EngineData data) {
        if (data == null) {
            return null;
        }
        Percentiles lag = Percentiles.of(data.lag());
        String warning = lag == null || lag.p99() <= LAG_P99_LIMIT_MS ? null
                : String.format(Locale.ROOT, "event-loop lag p99 %.1f ms > %.0f ms: the load generator, not the "
                        + "server, was slow, and latencies include its delays; give the runner more CPU or spread "
                        + "the load over more runners", lag.p99(), LAG_P99_LIMIT_MS);
        return new EngineReport(data.eventLoops(), lag, warning);
    }

    /** The warning in a report's {@code run} section, built or read back from JSON; null when there is none. */
    public static String warning(Map<String, Object> run) {
        Object engine = run == null ? null : run.get("engine");
        if (engine instanceof EngineReport built) {
            return built.warning();
        }
        return engine instanceof Map<?, ?> read && read.get("warning") != null ? read.get("warning").toString() : null;
    }
}
