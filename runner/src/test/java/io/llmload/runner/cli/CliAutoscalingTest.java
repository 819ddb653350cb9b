package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.runner.autoscaling.AutoscalingReport;
import io.llmload.runner.autoscaling.ScalingEvent;
import io.llmload.runner.autoscaling.ScalingWindow;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.SloResult;
import io.llmload.runner.simulator.ScalingHistory;
import io.llmload.runner.simulator.ScalingMetric;
import io.llmload.runner.simulator.ScalingPolicy;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llmload run} with spec.autoscaling against the simulator in autoscaling mode (started here, so its own record
 * of every decision and every engine's readiness is the ground truth): a load step overloads the one engine, the
 * pool scales up, new engines serve only after the cold start, latency recovers, and after the cool-down the pool
 * shrinks again. The report's scaling times match the simulator's record within one replica poll (plus an allowance
 * for reading the gauges on a busy machine).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliAutoscalingTest {

    private static final Duration POLL = Duration.ofMillis(250);
    /** Reading the gauges takes an HTTP round trip, and a busy 2-core machine may run the poll late. */
    private static final double READ_ALLOWANCE_SECONDS = 0.5;
    private static final double TOLERANCE = POLL.toMillis() / 1000.0 + READ_ALLOWANCE_SECONDS;
    private static final Duration COLD_START = Duration.ofSeconds(3);
    /** After a 2 s warmup (the first requests of a JVM are slow) and a 5 s base stage. */
    private static final double LOAD_STEP_AT = 7;
    private static final double LOAD_DROP_AT = 19;
    private static final ScalingPolicy POLICY = new ScalingPolicy(1, 3, ScalingMetric.KV_CACHE_USAGE, 0.6,
            Duration.ofMillis(250), Duration.ofSeconds(1), COLD_START, Duration.ofSeconds(2));

    @TempDir
    Path dir;

    private Report report;
    private AutoscalingReport scaling;
    private ScalingHistory truth;
    private Instant start;
    private CliResult result;

    @BeforeAll
    void runTheStepAgainstTheScalingSimulator(@TempDir Path tmp) throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withTokensPerChunk(4).withScaling(POLICY))) {
            Path manifest = tmp.resolve("autoscaling.yaml");
            Files.writeString(manifest, """
                    apiVersion: llmload.io/v1alpha1
                    kind: LlmLoadTest
                    metadata: {name: scaling}
                    spec:
                      target: {url: "%s", model: llmload-sim, metrics: {interval: 1s}}
                      workload:
                        seed: 3
                        mix:
                          - name: chat
                            api: chat
                            prompt: {inputTokens: {distribution: normal, mean: 400, stddev: 50, min: 100}}
                            output: {maxTokens: {distribution: uniform, min: 150, max: 250}, ignoreEos: true}
                      load:
                        model: closed
                        warmup: 2s
                        gracefulStop: 5s
                        stages:
                          - {name: base, duration: 5s, users: 8}
                          - {name: step, duration: 12s, users: 60}
                          - {name: cool-down, duration: 8s, users: 4}
                      slo: {ttft: {p95: 500ms}}
                      autoscaling:
                        replicas: {interval: 250ms}
                        expect: {scaleUpWithin: 30s, scaleDownWithin: 7s, minReplicas: 1, maxReplicas: 3,
                                 sloDuringScaleUp: Degraded}
                    """.formatted(sim.baseUrl()));
            Path out = tmp.resolve("out");
            result = CliResult.run("run", manifest.toString(), "--quiet", "--out", out.toString());
            truth = sim.scalingHistory().orElseThrow();
            report = ReportFiles.read(out.resolve(ReportFiles.JSON));
        }
        scaling = ReportFiles.mapper().convertValue(report.autoscaling(), AutoscalingReport.class);
        start = Instant.parse(report.startTime());
    }

    @Test
    void newEnginesServeOnlyAfterTheColdStart() {
        List<ScalingHistory.Decision> ups = truth.decisions().stream().filter(d -> d.to() > d.from()).toList();
        List<ScalingHistory.ReplicaChange> joined = truth.changes().stream()
                .filter(c -> c.ready() && c.at().isAfter(ups.get(0).at())).toList();
        assertThat(joined).as(truth.changes().toString()).isNotEmpty();
        for (ScalingHistory.ReplicaChange c : joined) {
            Duration sinceDecision = ups.stream().filter(d -> !d.at().isAfter(c.at()))
                    .map(d -> Duration.between(d.at(), c.at())).filter(d -> d.compareTo(COLD_START) >= 0)
                    .min(Duration::compareTo).orElseThrow(() -> new AssertionError(c + " joined within the cold "
                            + "start of every decision " + ups));
            assertThat(sinceDecision).isLessThan(COLD_START.plusSeconds(5));
        }
        assertThat(scaling.replicas().maxReady()).isGreaterThan(1);
    }

    @Test
    void scaleUpTimesMatchTheSimulatorsRecordWithinOnePoll() {
        ScalingEvent up = scaling.events().stream().filter(ScalingEvent::up).findFirst().orElseThrow();
        ScalingHistory.Decision decided = truth.decisions().stream().filter(d -> d.to() > d.from()).findFirst()
                .orElseThrow();
        Instant firstReady = truth.changes().stream().filter(c -> c.ready() && c.at().isAfter(decided.at()))
                .findFirst().orElseThrow().at();
        Instant allReady = truth.readyCountReached(up.to(), decided.at());

        assertThat(up.loadChangedAtSeconds()).isEqualTo(LOAD_STEP_AT);
        assertMeasuredAfter(up.decidedAtSeconds(), decided.at());
        assertMeasuredAfter(up.firstReadyAtSeconds(), firstReady);
        assertMeasuredAfter(up.completedAtSeconds(), allReady);
        assertThat(up.decisionSeconds()).isCloseTo(offset(decided.at()) - LOAD_STEP_AT, within(TOLERANCE));
        assertThat(up.provisioningSeconds()).isCloseTo(seconds(decided.at(), firstReady), within(TOLERANCE));
        assertThat(up.totalSeconds()).isCloseTo(offset(allReady) - LOAD_STEP_AT, within(TOLERANCE));
    }

    @Test
    void latencyDegradesWhileScalingUpAndRecoversOnceTheNewEnginesServe() {
        ScalingEvent up = scaling.events().stream().filter(ScalingEvent::up).findFirst().orElseThrow();
        assertThat(up.latency().degradedAtSeconds()).isNotNull();
        assertThat(up.latency().recoveredAtSeconds()).as(scaling.summary()).isNotNull()
                .isGreaterThan(up.decidedAtSeconds()).isLessThan(LOAD_DROP_AT);
        ScalingWindow steady = scaling.windows().get(scaling.windows().size() - 1);
        assertThat(steady.kind()).isEqualTo(ScalingWindow.STEADY);
        assertThat(steady.results().ttftMs().p95()).as("steady TTFT p95").isLessThan(500);
    }

    @Test
    void theScaleDownMatchesTheSimulatorsRecordWithinOnePoll() {
        ScalingEvent down = scaling.events().stream().filter(e -> !e.up()).findFirst().orElseThrow();
        ScalingHistory.Decision decided = truth.decisions().stream().filter(d -> d.to() < d.from()).findFirst()
                .orElseThrow();
        Instant removed = truth.changes().stream().filter(c -> !c.ready() && c.readyAfter() <= down.to())
                .findFirst().orElseThrow().at();

        assertThat(down.loadChangedAtSeconds()).isEqualTo(LOAD_DROP_AT);
        assertThat(down.to()).isEqualTo(1);
        assertMeasuredAfter(down.decidedAtSeconds(), decided.at());
        assertMeasuredAfter(down.completedAtSeconds(), removed);
        assertThat(down.totalSeconds()).isCloseTo(offset(removed) - LOAD_DROP_AT, within(TOLERANCE));
        // Engines leave the routing at once and finish what they were serving: nothing fails or is cut.
        assertThat(report.overall().errors().total()).isZero();
        assertThat(report.overall().interrupted()).isZero();
    }

    @Test
    void everyExpectationIsARowAndTheyAreMet() {
        List<SloResult> rows = report.slo().stream().filter(r -> r.scope().equals("autoscaling")).toList();
        assertThat(rows).extracting(SloResult::metric).containsExactly("scaleUpWithin", "scaleDownWithin",
                "minReplicas", "maxReplicas", "sloDuringScaleUp");
        assertThat(rows).as(result.out()).allMatch(SloResult::met);
        assertThat(result.out()).contains("Autoscaling (replica gauges of ").contains("scaled 1 → ");
        assertThat(scaling.timeline()).hasSizeGreaterThan(50);
    }

    /** A reading can only see a change after it happened, and at most one poll (plus the allowance) later. */
    private void assertMeasuredAfter(Double measuredSeconds, Instant truthAt) {
        assertThat(measuredSeconds).isNotNull();
        double t = offset(truthAt);
        assertThat(measuredSeconds).as("measured vs truth %.3f s", t).isBetween(t - 0.001, t + TOLERANCE);
    }

    private double offset(Instant at) {
        return seconds(start, at);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
