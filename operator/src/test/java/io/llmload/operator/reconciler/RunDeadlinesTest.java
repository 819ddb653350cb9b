package io.llmload.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.operator.api.v1alpha1.CleanupSpec;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestSpec;
import io.llmload.operator.api.v1alpha1.RunnersSpec;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.dependent.PlannedRun;
import io.llmload.runner.spec.LoadSpec;
import io.llmload.runner.spec.ShapeSpec;
import io.llmload.runner.spec.StageSpec;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every deadline of a run, with known answers (margin 2m, start lead 2s, start timeout 5m by default). */
class RunDeadlinesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    /** Warmup 30s + 2m + 3m ramp, graceful stop 15s: 5m45s planned. */
    private static final LoadSpec LOAD = new LoadSpec("closed", null, "30s", null, "15s",
            List.of(new StageSpec("a", "2m", 10, null, null), new StageSpec("b", "3m", 20, null, true)), null);

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final RunDeadlines deadlines = new RunDeadlines(config(Duration.ofMinutes(2)));

    @Test
    void theRunMustEndByItsPlannedLengthAndTheMargin() {
        assertThat(RunDeadlines.plannedLength(LOAD, TIMEOUT)).isEqualTo(Duration.ofSeconds(30 + 120 + 180 + 15));
        Instant deadline = deadlines.runDeadline(NOW, LOAD, TIMEOUT);
        assertThat(deadline).isEqualTo(NOW.plusSeconds(345 + 120));
        assertThat(deadlines.keepResultsUntil(deadline)).isEqualTo(NOW.plusSeconds(345 + 240));
    }

    @Test
    void withoutAGracefulStopTheRunDrainsUpToTheTargetsRequestTimeout() {
        LoadSpec noGrace = new LoadSpec("closed", null, "30s", null, null,
                List.of(new StageSpec("a", "2m", 10, null, null)), null);
        // The runners wait up to the request timeout for the last requests (EngineSetup): 10 min here, not 120 s.
        assertThat(RunDeadlines.plannedLength(noGrace, Duration.ofMinutes(10)))
                .isEqualTo(Duration.ofSeconds(30 + 120 + 600));
        assertThat(deadlines.runDeadline(NOW, noGrace, Duration.ofMinutes(10)))
                .isEqualTo(NOW.plusSeconds(750 + 120));
    }

    @Test
    void theStartDeadlineComesFromTheSpecElseTheOperatorsDefault() {
        assertThat(deadlines.startDeadline(test(null, null), NOW)).isEqualTo(NOW.plusSeconds(300));
        assertThat(deadlines.startDeadline(test("90s", null), NOW)).isEqualTo(NOW.plusSeconds(90));
    }

    @Test
    void theJobsBackstopsLieAMarginBeyondTheOperatorsDeadlines() {
        Instant startDeadline = NOW.plusSeconds(90);
        PlannedRun run = deadlines.planned(test("90s", null), startDeadline);
        assertThat(run.runnerStartDeadlineEpochMillis()).isEqualTo(startDeadline.plusSeconds(120).toEpochMilli());
        // 90 s to start + 2 s lead + 345 s planned + 2 × 120 s.
        assertThat(run.jobActiveDeadlineSeconds()).isEqualTo(90 + 2 + 345 + 240);
        assertThat(run.jobTtlSecondsAfterFinished()).isEqualTo(120);

        CleanupSpec later = new CleanupSpec();
        later.setTtlSecondsAfterFinished(600);
        assertThat(deadlines.planned(test("90s", later), startDeadline).jobTtlSecondsAfterFinished())
                .isEqualTo(720);
        CleanupSpec keep = new CleanupSpec();
        keep.setPolicy(CleanupSpec.Policy.OnSuccess);
        assertThat(deadlines.planned(test("90s", keep), startDeadline).jobTtlSecondsAfterFinished()).isNull();
    }

    @Test
    void aSearchMustEndByEveryProbeOfItsBudgetAndTheOperatorsTimeBetweenThem() {
        ShapeSpec shape = new ShapeSpec("search", 8.0, null, null, null, null, null, "1m", null, 2.0, "5%", 4, null,
                0);
        LoadSpec search = new LoadSpec("closed", null, "10s", null, "20s", null, shape);
        // Each probe: 10 s warmup + 60 s + 20 s graceful stop; 4 probes, as if none ended early.
        assertThat(RunDeadlines.plannedLength(search, TIMEOUT)).isEqualTo(Duration.ofSeconds(4 * 90));
        // Between probes: a 5 s poll to see it done, a round of calls, a 2 s start lead, a round of calls (10 s each).
        assertThat(deadlines.runLength(search, TIMEOUT)).isEqualTo(Duration.ofSeconds(4 * 90 + 4 * (5 + 2 + 20)));
        assertThat(deadlines.runDeadline(NOW, search, TIMEOUT)).isEqualTo(NOW.plusSeconds(360 + 108 + 120));
        assertThat(deadlines.runLength(LOAD, TIMEOUT)).as("not a search: the plan")
                .isEqualTo(RunDeadlines.plannedLength(LOAD, TIMEOUT));
        // Without gracefulStop a probe drains up to the target's request timeout, as the runners resolve it.
        LoadSpec noGrace = new LoadSpec("closed", null, "10s", null, null, null, shape);
        assertThat(RunDeadlines.plannedLength(noGrace, Duration.ofMinutes(10)))
                .isEqualTo(Duration.ofSeconds(4 * (10 + 60 + 600)));
    }

    private static LlmLoadTest test(String startTimeout, CleanupSpec cleanup) {
        LlmLoadTestSpec spec = new LlmLoadTestSpec();
        spec.setLoad(LOAD);
        RunnersSpec runners = new RunnersSpec();
        runners.setStartTimeout(startTimeout);
        spec.setRunners(runners);
        spec.setCleanup(cleanup);
        LlmLoadTest test = new LlmLoadTest();
        test.setSpec(spec);
        return test;
    }

    /** The operator's settings with their defaults, and this margin. */
    private static OperatorConfig config(Duration margin) {
        return (OperatorConfig) Proxy.newProxyInstance(OperatorConfig.class.getClassLoader(),
                new Class<?>[] { OperatorConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "deadlineMargin" -> margin;
                    case "startLead" -> Duration.ofSeconds(2);
                    case "startTimeout" -> Duration.ofMinutes(5);
                    case "pollInterval" -> Duration.ofSeconds(5);
                    case "runner" -> Proxy.newProxyInstance(OperatorConfig.class.getClassLoader(),
                            new Class<?>[] { OperatorConfig.Runner.class }, (p, m, a) -> switch (m.getName()) {
                                case "callTimeout" -> Duration.ofSeconds(10);
                                default -> throw new UnsupportedOperationException(m.getName());
                            });
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
