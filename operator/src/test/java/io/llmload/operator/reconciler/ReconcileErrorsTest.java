package io.llmload.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.events.EventRecorder;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a failed reconcile leaves in the status: never a quiet retry loop, never a good run turned Failed. */
class ReconcileErrorsTest {

    private final List<String> warnings = new ArrayList<>();
    private final ReconcileErrors errors = new ReconcileErrors(config(), new EventRecorder() {
        @Override
        public void warning(KubernetesClient client, LlmLoadTest test, String reason, String message) {
            warnings.add(reason + ": " + message);
        }
    });

    @Test
    void aConflictWritesNothingAndLooksAgainShortly() {
        ErrorStatusUpdateControl<LlmLoadTest> control = errors.handle(test(LlmLoadTestStatus.PHASE_RUNNING, null),
                context(false), new OperatorException("Exceeded maximum (0) retry attempts", api(409, "modified")));
        assertThat(control.getResource()).isEmpty();
        assertThat(control.isNoRetry()).isTrue();
        assertThat(control.getScheduleDelay()).contains(ReconcileErrors.AFTER_CONFLICT.toMillis());
        assertThat(warnings).isEmpty();
    }

    @Test
    void theApiServerRefusingTheRunsObjectsEndsTheTestFailedAtOnceWithItsMessage() {
        Exception refused = new AggregatedOperatorException("workflow failed", Map.of("runners",
                api(403, "jobs.batch \"t-runners\" is forbidden: exceeded quota: compute")));
        ErrorStatusUpdateControl<LlmLoadTest> control = errors.handle(test(null, null), context(false), refused);

        LlmLoadTestStatus status = control.getResource().orElseThrow().getStatus();
        assertThat(status.getPhase()).isEqualTo(LlmLoadTestStatus.PHASE_FAILED);
        assertThat(status.getMessage()).isEqualTo("Kubernetes refused the run: jobs.batch \"t-runners\" is "
                + "forbidden: exceeded quota: compute");
        assertThat(condition(status, "Succeeded")).isEqualTo("False/CreateRefused");
        assertThat(condition(status, "Completed")).isEqualTo("True/CreateRefused");
        assertThat(control.isNoRetry()).isTrue();
        assertThat(warnings).containsExactly("CreateRefused: " + status.getMessage());
    }

    @Test
    void otherErrorsAreShownWhileRetriedAndAfterTheLastRetryTheTestIsLookedAtEveryPoll() {
        Exception down = new KubernetesClientException("connection refused");
        LlmLoadTest test = test(LlmLoadTestStatus.PHASE_RUNNING, Instant.now().plusSeconds(600));

        ErrorStatusUpdateControl<LlmLoadTest> retrying = errors.handle(test, context(false), down);
        assertThat(retrying.getResource().orElseThrow().getStatus().getPhase())
                .isEqualTo(LlmLoadTestStatus.PHASE_RUNNING);
        assertThat(retrying.getResource().orElseThrow().getStatus().getMessage())
                .isEqualTo("Retrying after an error: connection refused");
        assertThat(retrying.isNoRetry()).isFalse();

        ErrorStatusUpdateControl<LlmLoadTest> last = errors.handle(test(LlmLoadTestStatus.PHASE_RUNNING,
                Instant.now().plusSeconds(600)), context(true), down);
        assertThat(last.getScheduleDelay()).contains(Duration.ofSeconds(5).toMillis());
        assertThat(warnings).isEmpty();
    }

    @Test
    void pastItsDeadlineATestThatCannotBeReconciledEndsFailed() {
        ErrorStatusUpdateControl<LlmLoadTest> control = errors.handle(test(LlmLoadTestStatus.PHASE_RUNNING,
                Instant.now().minusSeconds(1)), context(false), new IllegalStateException("bug"));
        LlmLoadTestStatus status = control.getResource().orElseThrow().getStatus();
        assertThat(status.getPhase()).isEqualTo(LlmLoadTestStatus.PHASE_FAILED);
        assertThat(condition(status, "Succeeded")).isEqualTo("False/ReconcileError");
        assertThat(status.getMessage()).endsWith("deadline has passed: bug");
        assertThat(control.isNoRetry()).isTrue();
    }

    @Test
    void aFinishedTestKeepsItsOutcomeWhateverFailsAfterwards() {
        ErrorStatusUpdateControl<LlmLoadTest> control = errors.handle(test(LlmLoadTestStatus.PHASE_SUCCEEDED,
                Instant.now().minusSeconds(1)), context(true), api(422, "too large"));
        assertThat(control.getResource()).isEmpty();
        assertThat(warnings).isEmpty();
    }

    private static String condition(LlmLoadTestStatus status, String type) {
        var c = status.getConditions().stream().filter(x -> type.equals(x.getType())).findFirst().orElseThrow();
        return c.getStatus() + "/" + c.getReason();
    }

    private static KubernetesClientException api(int code, String message) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
    }

    private static LlmLoadTest test(String phase, Instant runDeadline) {
        LlmLoadTest test = new LlmLoadTest();
        test.setMetadata(new ObjectMetaBuilder().withName("t").withNamespace("ns").withGeneration(1L).build());
        if (phase != null) {
            LlmLoadTestStatus status = new LlmLoadTestStatus();
            status.setPhase(phase);
            status.setRunDeadline(runDeadline == null ? null : runDeadline.toString());
            test.setStatus(status);
        }
        return test;
    }

    @SuppressWarnings("unchecked")
    private static Context<LlmLoadTest> context(boolean lastAttempt) {
        RetryInfo retry = new RetryInfo() {
            @Override
            public int getAttemptCount() {
                return lastAttempt ? 5 : 1;
            }

            @Override
            public boolean isLastAttempt() {
                return lastAttempt;
            }
        };
        return (Context<LlmLoadTest>) Proxy.newProxyInstance(Context.class.getClassLoader(),
                new Class<?>[] { Context.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getRetryInfo" -> Optional.of(retry);
                    case "getClient" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static OperatorConfig config() {
        return (OperatorConfig) Proxy.newProxyInstance(OperatorConfig.class.getClassLoader(),
                new Class<?>[] { OperatorConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "pollInterval" -> Duration.ofSeconds(5);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
