package io.llmload.operator.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.operator.api.v1alpha1.RunRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run history: latest first, bounded, the pinned baseline kept, pruned runs returned with their reports. */
class RunHistoryTest {

    @Test
    void aNewRunGoesFirstAndTheOldestFallsOutAtTheLimit() {
        List<RunRecord> history = List.of(run("r3"), run("r2"), run("r1"));
        RunHistory.Pruned p = RunHistory.add(history, run("r4"), 3, null);
        assertThat(p.kept()).extracting(RunRecord::id).containsExactly("r4", "r3", "r2");
        assertThat(p.removed()).extracting(RunRecord::reportConfigMap).containsExactly("t-run-r1");
    }

    @Test
    void thePinnedBaselineIsKeptBeyondTheLimit() {
        List<RunRecord> history = List.of(run("r3"), run("r2"), run("r1"));
        RunHistory.Pruned p = RunHistory.add(history, run("r4"), 2, "r1");
        assertThat(p.kept()).extracting(RunRecord::id).containsExactly("r4", "r3", "r1");
        assertThat(p.removed()).extracting(RunRecord::id).containsExactly("r2");
    }

    @Test
    void aRetriedFinalWriteReplacesTheRunInsteadOfAddingItTwice() {
        List<RunRecord> history = List.of(run("r2"), run("r1"));
        RunHistory.Pruned p = RunHistory.add(history, run("r2"), 10, null);
        assertThat(p.kept()).extracting(RunRecord::id).containsExactly("r2", "r1");
        assertThat(p.removed()).isEmpty();
    }

    @Test
    void runIdsAreTheStartTimeInUtcAndNameTheReport() {
        assertThat(RunIds.of(Instant.parse("2026-01-11T03:00:04.731Z"))).isEqualTo("20260111-030004");
        assertThat(RunIds.reportConfigMap("chat", "20260111-030004")).isEqualTo("chat-run-20260111-030004");
    }

    @Test
    void onlyARunThatEndedWithPassOrDegradedAndDidNotRegressIsABaseline() {
        assertThat(record("Succeeded", "Pass", null).passed()).isTrue();
        assertThat(record("Succeeded", "Degraded", "Passed").passed()).isTrue();
        assertThat(record("Succeeded", "Breach", null).passed()).isFalse();
        assertThat(record("Succeeded", "Breach", "Regressed").passed()).isFalse();
        assertThat(record("Aborted", "Pass", null).passed()).isFalse();
    }

    private static RunRecord run(String id) {
        return new RunRecord(id, RunRecord.TRIGGER_SCHEDULE, null, null, null, null, null, "Succeeded", "Pass", null,
                Map.of("ttftP95", 100.0), "users", RunIds.reportConfigMap("t", id));
    }

    private static RunRecord record(String phase, String verdict, String regression) {
        return new RunRecord("r", null, null, null, null, null, null, phase, verdict, regression, null, null, null);
    }
}
