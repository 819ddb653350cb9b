package io.llmload.runner.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * report.json's {@code run.engine}: how the load generator itself fared. {@code eventLoopLagMs} is how late its
 * event loops ran their timers after the warmup (all loops of all runners merged); every request timestamp on a
 * late loop was late by as much, so a p99 above {@value #LAG_P99_LIMIT_MS} ms gets a {@code warning}: the latencies
 * then include the generator's own delays. {@code controlLoopLagMs} and {@code ioLoopLagMs} split it: the control
 * loop drives the load, prepares requests and counts tokens; the I/O loops send requests and timestamp their bytes.
 * Which of them was late says what to change.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EngineReport(int eventLoops, Percentiles eventLoopLagMs, Percentiles controlLoopLagMs,
        Percentiles ioLoopLagMs, String warning) {

    public static final double LAG_P99_LIMIT_MS = 1.0;

    /** Null when the run carried no engine measurements (older runners). */
    public static EngineReport of(EngineData data) {
        if (data == null) {
            return null;
        }
        Percentiles lag = Percentiles.of(data.lag());
        Percentiles control = percentiles(data.controlLag());
        Percentiles io = percentiles(data.ioLag());
        String warning = lag == null || lag.p99() <= LAG_P99_LIMIT_MS ? null
                : String.format(Locale.ROOT, "event-loop lag p99 %.1f ms > %.0f ms%s: the load generator, not the "
                        + "server, was slow, and latencies include its delays; %s", lag.p99(), LAG_P99_LIMIT_MS,
                        split(control, io), advice(control, io));
        return new EngineReport(data.eventLoops(), lag, control, io, warning);
    }

    /** Null for a split the runner did not record (each accessor decodes its histogram: once here). */
    private static Percentiles percentiles(Histogram micros) {
        return micros == null ? null : Percentiles.of(micros);
    }

    private static String split(Percentiles control, Percentiles io) {
        return control == null || io == null ? ""
                : String.format(Locale.ROOT, " (control loop %.1f ms, I/O loops %.1f ms)", control.p99(), io.p99());
    }

    /**
     * A late control loop is work per request (preparing prompts, reading datasets, counting tokens) or its own
     * CPU; late I/O loops are bytes per core. Both are helped by more CPU per runner or more runners.
     */
    private static String advice(Percentiles control, Percentiles io) {
        if (control != null && io != null && control.p99() > io.p99()) {
            return "the control loop (load drivers, request preparation, token counting) was the late one: give the "
                    + "runner more CPU, spread the load over more runners, or lighten each request's preparation "
                    + "(datasets, tokenizer)";
        }
        return "give the runner more CPU or spread the load over more runners";
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
