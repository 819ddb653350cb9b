package io.llmload.runner.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A stage as it ran: name, level (users or req/s at its end), the time it ran, and whether it was warmup. Rates are
 * per second of {@code durationSeconds}, the time the stage actually ran: less than planned when the run was aborted
 * in it, 0 when it never started.
 *
 * @param fromLevel the level a ramp started from (absent: a flat stage at {@code level})
 * @param plannedSeconds the planned duration (absent: as planned, {@code durationSeconds})
 * @param windows the judgement windows a ramp is recorded in (absent: 1, the whole stage)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageInfo(String name, double level, double durationSeconds, boolean warmup, Double fromLevel,
        Double plannedSeconds, Integer windows) {

    @JsonCreator
    public StageInfo {
    }

    /** A flat stage that ran as planned. */
    public StageInfo(String name, double level, double durationSeconds, boolean warmup) {
        this(name, level, durationSeconds, warmup, null, null, null);
    }

    public double startLevel() {
        return fromLevel == null ? level : fromLevel;
    }

    public double planned() {
        return plannedSeconds == null ? durationSeconds : plannedSeconds;
    }

    public int windowCount() {
        return windows == null ? 1 : windows;
    }

    /** The same stage as it ran in a longer run (several runners stop a few ms apart): the longer time wins. */
    public StageInfo ranFor(double seconds) {
        return new StageInfo(name, level, seconds, warmup, fromLevel, plannedSeconds, windows);
    }

    /** The level at a fraction of the planned duration (linear for a ramp). */
    public double levelAt(double fraction) {
        return startLevel() + (level - startLevel()) * fraction;
    }

    /** The time window {@code w} ran: its share of the planned duration, cut at the time the stage ran. */
    public double windowSeconds(int w) {
        double length = planned() / windowCount();
        return Math.max(0, Math.min(length, durationSeconds - w * length));
    }
}
