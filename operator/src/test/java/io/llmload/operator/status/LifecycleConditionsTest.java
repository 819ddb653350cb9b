package io.llmload.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle conditions follow the phase and never contradict it, and read as users and tools expect: kubectl
 * wait on Completed returns at any end and on Succeeded only for a run that went to the end; kstatus (Flux, kpt)
 * sees a test under way as InProgress, a succeeded one as Current and a failed or aborted one as Failed.
 */
class LifecycleConditionsTest {

    private static final Clock T0 = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
    private static final Clock T1 = Clock.fixed(Instant.parse("2026-01-01T10:05:00Z"), ZoneOffset.UTC);

    @Test
    void underWayNothingIsDecidedAndKstatusSeesInProgress() {
        for (String phase : new String[] { LlmLoadTestStatus.PHASE_PENDING, LlmLoadTestStatus.PHASE_STARTING,
            LlmLoadTestStatus.PHASE_RUNNING }) {
            LlmLoadTest test = test(1L);
            test.setStatus(new StatusBuilder(test, T0).phase(phase, "on the way").build());
            assertThat(test.getStatus().getConditions())
                    .extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                    .containsExactly(
                            tuple("Running", LlmLoadTestStatus.PHASE_RUNNING.equals(phase) ? "True" : "False", phase),
                            tuple("Completed", "False", phase),
                            tuple("Succeeded", "Unknown", phase),
                            tuple("Ready", "False", phase),
                            tuple("Stalled", "False", phase));
            assertThat(Kstatus.compute(test)).as(phase).isEqualTo(Kstatus.Result.IN_PROGRESS);
        }
    }

    @Test
    void aRunThatWentToTheEndSucceededWhateverItsVerdictAndIsCurrent() {
        LlmLoadTest test = test(1L);
        test.setStatus(new StatusBuilder(test, T0).phase(LlmLoadTestStatus.PHASE_RUNNING, "running").build());
        test.setStatus(new StatusBuilder(test, T1).ended(LlmLoadTestStatus.PHASE_SUCCEEDED, "Finished",
                "Finished: verdict Breach.").build());

        assertThat(test.getStatus().getConditions())
                .extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(tuple("Running", "False", "Finished"), tuple("Completed", "True", "Finished"),
                        tuple("Succeeded", "True", "Finished"), tuple("Ready", "True", "Finished"),
                        tuple("Stalled", "False", "Finished"));
        assertThat(test.getStatus().getCompletionTime()).isEqualTo("2026-01-01T10:05:00Z");
        assertThat(Kstatus.compute(test)).isEqualTo(Kstatus.Result.CURRENT);
        // Running went from True to False at T1; Stalled stayed False since T0.
        assertThat(condition(test, "Running").getLastTransitionTime()).isEqualTo("2026-01-01T10:05:00Z");
        assertThat(condition(test, "Stalled").getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    }

    @Test
    void failedAndAbortedRunsDidNotSucceedAndKstatusSeesThemFailed() {
        for (String phase : new String[] { LlmLoadTestStatus.PHASE_FAILED, LlmLoadTestStatus.PHASE_ABORTED }) {
            LlmLoadTest test = test(1L);
            test.setStatus(new StatusBuilder(test, T0).ended(phase, "RunDeadlineExceeded", "runner 1 ...").build());
            assertThat(test.getStatus().getConditions())
                    .extracting(Condition::getType, Condition::getStatus)
                    .containsExactly(tuple("Running", "False"), tuple("Completed", "True"),
                            tuple("Succeeded", "False"), tuple("Ready", "False"), tuple("Stalled", "True"));
            assertThat(condition(test, "Stalled").getMessage()).isEqualTo("runner 1 ...");
            assertThat(Kstatus.compute(test)).as(phase).isEqualTo(Kstatus.Result.FAILED);
        }
    }

    @Test
    void anEditTheOperatorHasNotSeenIsInProgressUntilItStampsTheGeneration() {
        LlmLoadTest test = test(1L);
        test.setStatus(new StatusBuilder(test, T0).ended(LlmLoadTestStatus.PHASE_SUCCEEDED, "Finished", "done")
                .build());
        test.getMetadata().setGeneration(2L);
        assertThat(Kstatus.compute(test)).isEqualTo(Kstatus.Result.IN_PROGRESS);

        // The operator sees the edit (it will not re-run the test for it): the status now says so.
        StatusBuilder seen = new StatusBuilder(test, T1);
        assertThat(seen.changed()).isTrue();
        test.setStatus(seen.build());
        assertThat(test.getStatus().getObservedGeneration()).isEqualTo(2L);
        assertThat(Kstatus.compute(test)).isEqualTo(Kstatus.Result.CURRENT);
        assertThat(new StatusBuilder(test, T1).changed()).isFalse();
    }

    private static Condition condition(LlmLoadTest test, String type) {
        return test.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow();
    }

    private static LlmLoadTest test(Long generation) {
        LlmLoadTest test = new LlmLoadTest();
        test.setMetadata(new ObjectMetaBuilder().withName("t").withNamespace("ns").withGeneration(generation)
                .build());
        return test;
    }
}
