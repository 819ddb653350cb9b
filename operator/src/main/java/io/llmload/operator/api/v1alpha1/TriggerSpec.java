package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/**
 * {@code spec.trigger}: when the test runs again on its own — after each completed rollout of a workload, on a
 * schedule, or both — and whether it runs once when created. Without it a test runs once (and again on the rerun
 * annotation).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TriggerSpec {

    @JsonPropertyDescription("Run after each completed rollout of a new revision of this workload (at most one run "
            + "per revision).")
    private RolloutTargetSpec onRollout;

    @JsonPropertyDescription("Run on a cron schedule, as CronJobs write it: five fields (minute hour day-of-month "
            + "month day-of-week), e.g. \"0 3 * * *\", or @hourly, @daily, @weekly, @monthly, @yearly. A tick while a "
            + "run is active is skipped.")
    private String schedule;

    @JsonPropertyDescription("IANA time zone of the schedule, e.g. Europe/Berlin (default UTC).")
    private String timeZone;

    @Default("true")
    @JsonPropertyDescription("Run once when the test is created (default true); false waits for the first trigger.")
    private Boolean onCreate;

    public RolloutTargetSpec getOnRollout() {
        return onRollout;
    }

    public void setOnRollout(RolloutTargetSpec onRollout) {
        this.onRollout = onRollout;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public Boolean getOnCreate() {
        return onCreate;
    }

    public void setOnCreate(Boolean onCreate) {
        this.onCreate = onCreate;
    }

    /** Whether the test runs when created: unless onCreate is false. */
    public boolean runsOnCreate() {
        return onCreate == null || onCreate;
    }
}
