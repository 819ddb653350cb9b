package io.llmload.operator.reconciler;

import io.llmload.operator.api.v1alpha1.CleanupSpec;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.dependent.PlannedRun;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.engine.Target;
import io.llmload.runner.plan.SearchPlan;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.LoadSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Every deadline of a run, in one place (docs/operator.md#deadlines). With m the operator's margin
 * ({@code llmload.deadline-margin}) and the run's planned length L = warmup + stages + graceful stop (a capacity
 * search: maxProbes x (warmup + probe + graceful stop + the operator's time between probes), see {@link #runLength}):
 * <ul>
 * <li>start deadline = planning time + startTimeout: every runner must be ready by then;</li>
 * <li>run deadline = start time + L + m: every runner must have finished by then;</li>
 * <li>runners never told to start give up at start deadline + m; finished runners keep their results until
 * run deadline + m — whichever operator comes back before then still collects them;</li>
 * <li>the Job's activeDeadlineSeconds = startTimeout + start lead + L + 2m: Kubernetes stops the pods a margin after
 * the operator would have, even when no operator is left; with cleanup policy Always its ttlSecondsAfterFinished
 * (cleanup delay + m) removes it a margin after the operator would have.</li>
 * </ul>
 * The deadlines are written into the status when they are set, so they are counted from stored timestamps and a
 * restarted operator applies the same ones.
 */
@ApplicationScoped
public class RunDeadlines {

    private final OperatorConfig config;

    public RunDeadlines(OperatorConfig config) {
        this.config = config;
    }

    /** spec.runners.startTimeout, or the operator's default. */
    public Duration startTimeout(LlmLoadTest test) {
        var runners = test.getSpec().getRunners();
        return runners == null || runners.getStartTimeout() == null ? config.startTimeout()
                : Durations.parseOr(runners.getStartTimeout(), config.startTimeout());
    }

    public Instant startDeadline(LlmLoadTest test, Instant plannedAt) {
        return plannedAt.plus(startTimeout(test));
    }

    /** What the plan ConfigMap and the Job of a run planned now carry. */
    public PlannedRun planned(LlmLoadTest test, Instant startDeadline) {
        long activeDeadline = startTimeout(test).plus(config.startLead())
                .plus(runLength(test.getSpec().getLoad(), Target.timeout(test.getSpec().getTarget())))
                .plus(margin().multipliedBy(2)).toSeconds();
        return new PlannedRun(startDeadline.plus(margin()).toEpochMilli(), Math.max(1, activeDeadline),
                jobTtl(test.getSpec().getCleanup()));
    }

    /** When every runner must have finished, for a run that starts at {@code start}. */
    /** @param requestTimeout the target's per-request timeout (see {@link #plannedLength(LoadSpec, Duration)}) */
    public Instant runDeadline(Instant start, LoadSpec load, Duration requestTimeout) {
        return start.plus(runLength(load, requestTimeout)).plus(margin());
    }

    /** Until when finished runners keep their results for the operator. */
    public Instant keepResultsUntil(Instant runDeadline) {
        return runDeadline.plus(margin());
    }

    /**
     * Warmup, stages and graceful stop: how long the runners take at most when everything goes well. A capacity
     * search: every probe of its budget (warmup, probe, graceful stop each), as if none ended early.
     *
     * @param requestTimeout the target's per-request timeout: without a gracefulStop in the spec the runners drain
     *     up to it (a run's last requests, each probe of a search), so the deadline must allow for it
     */
    public static Duration plannedLength(LoadSpec load, Duration requestTimeout) {
        if (SearchPlan.isSearch(load)) {
            SearchPlan search = SearchPlan.of(load, requestTimeout, 1.0);
            return probeLength(search).multipliedBy(search.maxProbes());
        }
        LoadPlan plan = PlanResolver.resolve(load, requestTimeout, 1.0);
        return Duration.ofNanos(plan.totalNanos()).plus(plan.gracefulStop());
    }

    /**
     * The planned length and, for a capacity search, the operator's own time between probes: each probe is
     * commanded after the poll that saw the previous one done on every runner (one poll interval and one round of
     * calls at most) and starts one start lead later.
     */
    public Duration runLength(LoadSpec load, Duration requestTimeout) {
        Duration planned = plannedLength(load, requestTimeout);
        if (!SearchPlan.isSearch(load)) {
            return planned;
        }
        Duration between = config.pollInterval().plus(config.startLead())
                .plus(config.runner().callTimeout().multipliedBy(2));
        return planned.plus(between.multipliedBy(SearchPlan.of(load, requestTimeout, 1.0).maxProbes()));
    }

    private static Duration probeLength(SearchPlan search) {
        LoadPlan probe = search.probe(SearchPlan.probeName(1), search.start());
        return Duration.ofNanos(probe.totalNanos()).plus(probe.gracefulStop());
    }

    private Duration margin() {
        return config.deadlineMargin();
    }

    /**
     * With cleanup policy Always, Kubernetes removes the finished Job a margin after the operator would have (so it
     * never races the operator reading why a pod failed); OnSuccess and Never keep pods for a look at what went
     * wrong, so only the operator decides.
     */
    private Integer jobTtl(CleanupSpec cleanup) {
        CleanupSpec.Policy policy = cleanup == null || cleanup.getPolicy() == null ? CleanupSpec.Policy.Always
                : cleanup.getPolicy();
        if (policy != CleanupSpec.Policy.Always) {
            return null;
        }
        long ttl = cleanup == null || cleanup.getTtlSecondsAfterFinished() == null ? 0
                : cleanup.getTtlSecondsAfterFinished();
        return (int) Math.min(Integer.MAX_VALUE, ttl + margin().toSeconds());
    }
}
