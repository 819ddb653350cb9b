package io.llmload.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.events.EventRecorder;
import io.llmload.operator.status.Conditions;
import io.llmload.operator.status.StatusBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What a failed reconcile leaves in the status (JOSDK's error-status handling): never a retry loop that goes quiet.
 * <ul>
 * <li>a conflict on the status write (the copy was stale): nothing is written, the reconcile runs again shortly on
 * the newer copy — a run that had ended well still ends well;</li>
 * <li>the API server refused to create the run's objects (quota, admission, invalid name: HTTP 4xx): the test ends
 * Failed at once with the API server's message, a Warning Event, and no retry;</li>
 * <li>anything else (API server unavailable, a bug): the message shows it while JOSDK retries; after the last retry
 * the test is looked at again every poll interval, and once its stored deadline has passed it ends Failed.</li>
 * </ul>
 */
@ApplicationScoped
public class ReconcileErrors {

    private static final Logger LOG = Logger.getLogger(ReconcileErrors.class);
    static final Duration AFTER_CONFLICT = Duration.ofSeconds(1);

    private final OperatorConfig config;
    private final EventRecorder events;
    private final Clock clock = Clock.systemUTC();

    ReconcileErrors(OperatorConfig config, EventRecorder events) {
        this.config = config;
        this.events = events;
    }

    ErrorStatusUpdateControl<LlmLoadTest> handle(LlmLoadTest test, Context<LlmLoadTest> context, Exception e) {
        Optional<KubernetesClientException> api = apiError(e);
        int code = api.map(KubernetesClientException::getCode).orElse(-1);
        if (code == HttpURLConnection.HTTP_CONFLICT) {
            return ErrorStatusUpdateControl.<LlmLoadTest>noStatusUpdate().rescheduleAfter(AFTER_CONFLICT);
        }
        StatusBuilder status = new StatusBuilder(test, clock);
        String phase = status.phase();
        if (LlmLoadTestStatus.isFinished(phase)) {
            // The run's outcome is saved: a failing clean-up or repair is retried, the outcome never changes.
            LOG.warnf("after the end of %s/%s: %s", test.getMetadata().getNamespace(), test.getMetadata().getName(),
                    describe(e));
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        boolean refused = code >= 400 && code < 500 && code != 429;
        boolean creating = phase == null || LlmLoadTestStatus.PHASE_PENDING.equals(phase);
        if (refused && creating) {
            return failed(test, context, status, "CreateRefused", "Kubernetes refused the run: " + describe(e));
        }
        if (deadlinePassed(status.current())) {
            return failed(test, context, status, "ReconcileError", "The operator could not go on with the test "
                    + "and its deadline has passed: " + describe(e));
        }
        status.phase(phase == null ? LlmLoadTestStatus.PHASE_PENDING : phase,
                "Retrying after an error: " + describe(e));
        boolean lastAttempt = context.getRetryInfo().map(RetryInfo::isLastAttempt).orElse(true);
        ErrorStatusUpdateControl<LlmLoadTest> control = ErrorStatusUpdateControl.patchStatus(withStatus(test, status));
        return lastAttempt ? control.rescheduleAfter(config.pollInterval()) : control;
    }

    private ErrorStatusUpdateControl<LlmLoadTest> failed(LlmLoadTest test, Context<LlmLoadTest> context,
            StatusBuilder status, String reason, String message) {
        status.ended(LlmLoadTestStatus.PHASE_FAILED, reason, message)
                .condition(Conditions.ABORTED, false, reason, message);
        events.warning(context.getClient(), test, reason, message);
        return ErrorStatusUpdateControl.patchStatus(withStatus(test, status)).withNoRetry();
    }

    private boolean deadlinePassed(LlmLoadTestStatus status) {
        String deadline = status.getRunDeadline() != null ? status.getRunDeadline() : status.getStartDeadline();
        return deadline != null && Instant.now(clock).isAfter(Instant.parse(deadline));
    }

    private static LlmLoadTest withStatus(LlmLoadTest test, StatusBuilder status) {
        test.setStatus(status.build());
        return test;
    }

    /** The Kubernetes API error behind an exception (JOSDK wraps a dependent's in an aggregate), if any. */
    static Optional<KubernetesClientException> apiError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k) {
                return Optional.of(k);
            }
            if (t instanceof AggregatedOperatorException aggregated) {
                for (Exception inner : aggregated.getAggregatedExceptions().values()) {
                    Optional<KubernetesClientException> found = apiError(inner);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** What went wrong, in the API server's words when it said something (which object, which rule). */
    static String describe(Throwable e) {
        Optional<KubernetesClientException> api = apiError(e);
        if (api.isPresent() && api.get().getStatus() != null && api.get().getStatus().getMessage() != null) {
            return api.get().getStatus().getMessage();
        }
        Throwable root = api.isPresent() ? api.get() : e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
