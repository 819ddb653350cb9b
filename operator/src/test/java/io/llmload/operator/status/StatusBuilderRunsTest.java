package io.llmload.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.RegressionStatus;
import io.llmload.operator.api.v1alpha1.RunOrigin;
import io.llmload.operator.api.v1alpha1.RunRecord;
import io.llmload.operator.api.v1alpha1.TriggerStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The run fields of the status: a re-run starts over on the latest run's fields (its origin, its regression) but
 * keeps what the next runs are decided and judged by (history, trigger state); a regression is a condition.
 */
class StatusBuilderRunsTest {

    private static final Clock T0 = Clock.fixed(Instant.parse("2026-01-11T03:00:00Z"), ZoneOffset.UTC);

    @Test
    void aResetKeepsHistoryAndTriggerStateAndDropsTheLatestRunsOriginAndRegression() {
        LlmLoadTest test = test();
        RunRecord earlier = new RunRecord("20260110-030000", RunRecord.TRIGGER_SCHEDULE, "schedule tick", null,
                null, null, null, LlmLoadTestStatus.PHASE_SUCCEEDED, "Pass", null, null, null, "t-run-20260110-030000");
        TriggerStatus waiting = new TriggerStatus(TriggerStatus.WAITING, "waiting", null, null, null,
                "2026-01-12T03:00:00Z");
        test.setStatus(new StatusBuilder(test, T0).run(new RunOrigin(RunRecord.TRIGGER_SCHEDULE, "tick", null, null))
                .history(List.of(earlier)).trigger(waiting)
                .regression(new RegressionStatus("Regressed", "the previous passing run", List.of(earlier.id()),
                        "ttftP95 +23.0% (limit +10%)", null))
                .ended(LlmLoadTestStatus.PHASE_SUCCEEDED, "Finished", "done").build());
        assertThat(condition(test, "Regressed").getStatus()).isEqualTo("True");
        assertThat(condition(test, "Regressed").getMessage()).isEqualTo("ttftP95 +23.0% (limit +10%)");

        LlmLoadTestStatus next = new StatusBuilder(test, T0).reset().build();
        assertThat(next.getHistory()).containsExactly(earlier);
        assertThat(next.getTrigger()).isEqualTo(waiting);
        assertThat(next.getRun()).isNull();
        assertThat(next.getRegression()).isNull();
        assertThat(next.getConditions()).extracting(Condition::getType).doesNotContain("Regressed");
    }

    @Test
    void insufficientHistoryIsNotARegression() {
        LlmLoadTest test = test();
        test.setStatus(new StatusBuilder(test, T0).regression(new RegressionStatus("InsufficientHistory", null, null,
                "no passing run yet", null)).build());
        assertThat(condition(test, "Regressed").getStatus()).isEqualTo("False");
        assertThat(condition(test, "Regressed").getReason()).isEqualTo("InsufficientHistory");
    }

    private static Condition condition(LlmLoadTest test, String type) {
        return test.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow();
    }

    private static LlmLoadTest test() {
        LlmLoadTest test = new LlmLoadTest();
        test.setMetadata(new ObjectMetaBuilder().withName("t").withNamespace("ns").withGeneration(1L).build());
        return test;
    }
}
