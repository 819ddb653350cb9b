package io.llmload.runner.worker;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /v1/probe}, the operator's command to a runner of a capacity search (after {@code /v1/start}):
 * <ul>
 * <li>{@code {"stage": "probe-3", "level": 24, "startAtEpochMillis": ...}}: run this probe — warmup, the probe, the
 * graceful stop — at this total level (the runner takes its share), starting at this common time;</li>
 * <li>{@code {"stage": "probe-3", "abort": "reason"}}: abort that probe (a merged guardrail); the search goes on;</li>
 * <li>{@code {"finish": true}}: the search is over, end the run normally (its result: every probe a stage).</li>
 * </ul>
 * Every command is idempotent: the same one again changes nothing, so the operator may resend it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeCommand(String stage, Double level, Long startAtEpochMillis, String abort, Boolean finish) {

    public static ProbeCommand run(String stage, double level, long startAtEpochMillis) {
        return new ProbeCommand(stage, level, startAtEpochMillis, null, null);
    }

    public static ProbeCommand abort(String stage, String reason) {
        return new ProbeCommand(stage, null, null, reason, null);
    }

    public static ProbeCommand finishSearch() {
        return new ProbeCommand(null, null, null, null, true);
    }

    /** What is wrong with this command, or null. */
    String problem() {
        boolean finishing = Boolean.TRUE.equals(finish);
        if (finishing) {
            return stage == null && level == null && abort == null ? null
                    : "finish: send it alone ({\"finish\": true})";
        }
        if (stage == null || stage.isBlank()) {
            return "stage: required (e.g. probe-1), or {\"finish\": true}";
        }
        if (abort != null) {
            return level == null && startAtEpochMillis == null ? null : "abort: send it with the stage only";
        }
        if (level == null || !(level > 0) || level.isInfinite()) {
            return "level: required, a positive number (the probe's total level)";
        }
        if (startAtEpochMillis == null || startAtEpochMillis <= 0) {
            return "startAtEpochMillis: required, a positive whole number (milliseconds since the epoch)";
        }
        return null;
    }

    /** How a runner took a command: accepted (or already so), or refused with why. */
    record Outcome(boolean accepted, String message) {

        static Outcome ok() {
            return new Outcome(true, null);
        }

        static Outcome conflict(String why) {
            return new Outcome(false, why);
        }
    }
}
