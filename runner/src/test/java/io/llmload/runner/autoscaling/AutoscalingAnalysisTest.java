package io.llmload.runner.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.SloResult;
import io.llmload.runner.spec.AutoscalingSpec;
import io.llmload.runner.spec.AutoscalingSpec.ScalingExpectations;
import io.llmload.runner.spec.PercentileTargets;
import io.llmload.runner.spec.SloSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known answers from hand-made timelines: a base stage (8 users, 20 s), a step (120 users, 40 s) and a cool-down
 * (8 users, 30 s); TTFT p95 target 500 ms.
 */
class AutoscalingAnalysisTest {

    private static final SloSpec SLO = new SloSpec(new PercentileTargets(null, null, "500ms", null), null, null, null,
            null, null);

    /** Scales 1 → 3 at 24 s (the step is at 20 s), first new replica at 34 s, all at 35 s; back to 1 at 75 s. */
    private static SyntheticRun scalingRun() {
        return new SyntheticRun()
                .stage("base", 8, 20).stage("step", 120, 40).stage("cool-down", 8, 30)
                .ttft(s -> s > 20 && s <= 35 ? 1500 : 100)
                .replicas(0, 24, 1, 1).replicas(24, 34, 3, 1).replicas(34, 35, 3, 2).replicas(35, 75, 3, 3)
                .replicas(75, 91, 1, 1);
    }

    private static AutoscalingSpec expecting(String up, String down, Integer min, Integer max, String slo) {
        return new AutoscalingSpec(null, null, new ScalingExpectations(up, down, min, max, slo), null);
    }

    private static AutoscalingAnalysis.Result analyze(SyntheticRun run, AutoscalingSpec spec) {
        return AutoscalingAnalysis.analyze(spec, SLO, run.data(), run.timeline());
    }

    private static SloResult row(AutoscalingAnalysis.Result r, String metric) {
        return r.expectationRows().stream().filter(x -> x.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void scaleUpAndDownLatenciesFromTheTimeline() {
        AutoscalingReport report = analyze(scalingRun(), expecting("20s", "30s", 1, 4, "Degraded")).section();

        assertThat(report.events()).hasSize(2);
        ScalingEvent up = report.events().get(0);
        assertThat(up.direction()).isEqualTo("up");
        assertThat(up.from()).isEqualTo(1);
        assertThat(up.to()).isEqualTo(3);
        assertThat(up.stage()).isEqualTo("step");
        assertThat(up.loadChangedAtSeconds()).isEqualTo(20.0);
        assertThat(up.decidedAtSeconds()).isEqualTo(24.0);
        assertThat(up.firstReadyAtSeconds()).isEqualTo(34.0);
        assertThat(up.completedAtSeconds()).isEqualTo(35.0);
        assertThat(up.decisionSeconds()).isEqualTo(4.0);
        assertThat(up.provisioningSeconds()).isEqualTo(10.0);
        assertThat(up.firstServingSeconds()).isEqualTo(14.0);
        assertThat(up.totalSeconds()).isEqualTo(15.0);
        // Intervals ending at 21..35 s are slow: degraded from 20 s, Normal again from 35 s.
        assertThat(up.latency().metric()).isEqualTo("TTFT p95");
        assertThat(up.latency().degradedAtSeconds()).isEqualTo(20.0);
        assertThat(up.latency().recoveredAtSeconds()).isEqualTo(35.0);
        assertThat(up.latency().degradedSeconds()).isEqualTo(15.0);
        assertThat(up.latency().worstTier()).isEqualTo("Degraded");
        assertThat(up.latency().worstMs()).isCloseTo(1500, within(2.0));

        ScalingEvent down = report.events().get(1);
        assertThat(down.direction()).isEqualTo("down");
        assertThat(down.from()).isEqualTo(3);
        assertThat(down.to()).isEqualTo(1);
        assertThat(down.loadChangedAtSeconds()).isEqualTo(60.0);
        assertThat(down.decisionSeconds()).isEqualTo(15.0);
        assertThat(down.totalSeconds()).isEqualTo(15.0);

        assertThat(report.summary()).isEqualTo("scaled 1 → 3 replicas; first new replica serving 14 s after the load "
                + "step (decision 4.0 s, model load 10 s); all 3 Ready after 15 s; TTFT p95 Degraded for 15 s, then "
                + "Normal; scaled down 3 → 1 replicas 15 s after the load dropped (decision 15 s)");
        assertThat(report.replicas()).isEqualTo(new AutoscalingReport.Replicas(1, 1, 3, 1, 3, 1, 1));
        assertThat(report.stages()).extracting(AutoscalingReport.StageReplicas::stage)
                .containsExactly("base", "step", "cool-down");
        assertThat(report.stages().get(1).maxDesired()).isEqualTo(3);
        assertThat(report.timeline()).hasSize(91);
    }

    @Test
    void theScaleUpWindowIsJudgedApartFromTheSteadyRest() {
        AutoscalingAnalysis.Result r = analyze(scalingRun(), expecting(null, null, null, null, "Degraded"));
        List<ScalingWindow> windows = r.section().windows();

        assertThat(windows).extracting(ScalingWindow::name).containsExactly("scale-up-1", "steady");
        ScalingWindow up = windows.get(0);
        assertThat(up.spans()).containsExactly(new ScalingWindow.Span(20, 35));
        assertThat(up.results().requests()).isEqualTo(15 * 20);
        assertThat(up.results().ttftMs().p95()).isCloseTo(1500, within(2.0));
        assertThat(up.results().tier()).isEqualTo("Degraded");
        ScalingWindow steady = windows.get(1);
        assertThat(steady.spans()).containsExactly(new ScalingWindow.Span(0, 20), new ScalingWindow.Span(35, 90));
        assertThat(steady.results().requests()).isEqualTo(75 * 20);
        assertThat(steady.results().tier()).isEqualTo("Normal");
        assertThat(r.windowRows()).extracting(SloResult::scope)
                .containsExactly("autoscaling:scale-up-1", "autoscaling:steady");
        assertThat(r.windowRows()).extracting(SloResult::met).containsExactly(false, true);
        assertThat(row(r, "sloDuringScaleUp").met()).isTrue();
    }

    @Test
    void everyExpectationBecomesARowWithWhatWasObserved() {
        AutoscalingAnalysis.Result r = analyze(scalingRun(), expecting("20s", "30s", 1, 4, "Degraded"));

        assertThat(r.expectationRows()).extracting(SloResult::scope).containsOnly("autoscaling");
        assertThat(r.expectationRows()).extracting(SloResult::metric).containsExactly("scaleUpWithin",
                "scaleDownWithin", "minReplicas", "maxReplicas", "sloDuringScaleUp");
        assertThat(r.expectationRows()).allMatch(SloResult::met);
        SloResult up = row(r, "scaleUpWithin");
        assertThat(up.observed()).isEqualTo(15.0);
        assertThat(up.targetValue()).isEqualTo(20.0);
        assertThat(up.detail()).isEqualTo("1 → 3 replicas Ready 15 s after the load step (decision 4.0 s, model "
                + "load 10 s)");
        assertThat(row(r, "scaleDownWithin").observed()).isEqualTo(15.0);
        assertThat(row(r, "minReplicas").observed()).isEqualTo(1.0);
        assertThat(row(r, "maxReplicas").observed()).isEqualTo(3.0);
        assertThat(row(r, "sloDuringScaleUp").observed()).isEqualTo(1.0);
    }

    @Test
    void aScaleUpSlowerThanExpectedIsABreach() {
        AutoscalingAnalysis.Result r = analyze(scalingRun(), expecting("10s", null, null, null, "Pass"));

        SloResult up = row(r, "scaleUpWithin");
        assertThat(up.met()).isFalse();
        assertThat(up.observed()).isEqualTo(15.0);
        assertThat(up.target()).isEqualTo("10s");
        SloResult slo = row(r, "sloDuringScaleUp");
        assertThat(slo.met()).isFalse();
        assertThat(slo.detail()).startsWith("Degraded during scale-up-1");

        Report passed = ReportBuilder.build(scalingRun().data(), null);
        assertThat(passed.verdict()).isEqualTo("Pass"); // no latency target there: the run itself passed
        Report judged = r.applyTo(passed);
        assertThat(judged.verdict()).isEqualTo("Breach");
        assertThat(judged.autoscaling()).isSameAs(r.section());
        assertThat(judged.slo()).contains(up, slo);
    }

    @Test
    void aWorkloadThatNeverScalesSaysSoInItsRow() {
        SyntheticRun run = new SyntheticRun().stage("base", 8, 20).stage("step", 120, 40)
                .ttft(s -> s > 20 ? 5000 : 100).replicas(0, 61, 1, 1);
        AutoscalingAnalysis.Result r = analyze(run, expecting("5m", null, 1, 4, "Degraded"));

        assertThat(r.section().events()).isEmpty();
        SloResult up = row(r, "scaleUpWithin");
        assertThat(up.met()).isFalse();
        assertThat(up.observed()).isNull();
        assertThat(up.detail()).isEqualTo("never scaled up: 1 desired, 1 Ready throughout the run");
        assertThat(row(r, "sloDuringScaleUp").detail()).isEqualTo("no scale-up window");
        assertThat(r.section().summary()).isEqualTo("never scaled: 1 replica desired throughout the run");
        // Without a scale-up there is no scale-up window: the whole run is steady, and it breached.
        assertThat(r.section().windows()).extracting(ScalingWindow::name).containsExactly("steady");
        assertThat(r.section().windows().get(0).results().tier()).isEqualTo("Breach");
        assertThat(r.expectationsMet()).isFalse();
    }

    @Test
    void exceedingMaxReplicasIsAMissNamingThePeak() {
        SyntheticRun run = new SyntheticRun().stage("base", 8, 20).stage("step", 120, 40)
                .replicas(0, 22, 1, 1).replicas(22, 30, 6, 1).replicas(30, 61, 6, 6);
        AutoscalingAnalysis.Result r = analyze(run, expecting(null, null, 1, 4, null));

        SloResult max = row(r, "maxReplicas");
        assertThat(max.met()).isFalse();
        assertThat(max.observed()).isEqualTo(6.0);
        assertThat(max.target()).isEqualTo("<= 4");
        assertThat(max.detail()).isEqualTo("peaked at 6 desired at 22 s");
        assertThat(row(r, "minReplicas").met()).isTrue();
    }

    @Test
    void aScaleUpNotFinishedByTheEndAndAMissingScaleDownAreMisses() {
        SyntheticRun run = new SyntheticRun().stage("base", 8, 20).stage("step", 120, 20).stage("cool", 8, 20)
                .replicas(0, 25, 1, 1).replicas(25, 61, 3, 2);
        AutoscalingAnalysis.Result r = analyze(run, expecting("5m", "30s", null, null, null));

        SloResult up = row(r, "scaleUpWithin");
        assertThat(up.met()).isFalse();
        assertThat(up.observed()).isEqualTo(40.0); // from the step at 20 s to the end at 60 s
        assertThat(up.detail()).startsWith("1 → 3: not all 3 replicas Ready by the end of the run");
        SloResult down = row(r, "scaleDownWithin");
        assertThat(down.met()).isFalse();
        assertThat(down.detail()).isEqualTo("did not scale down after the load dropped at 40 s: 3 desired, 2 Ready "
                + "at the end");
    }

    @Test
    void noReadingsMeansNoExpectationIsMet() {
        SyntheticRun run = new SyntheticRun().stage("base", 8, 20).stage("step", 120, 20);
        ReplicaTimeline nothing = new ReplicaTimeline("http://sim/metrics", java.time.Duration.ofSeconds(1),
                List.of(), 21);
        AutoscalingAnalysis.Result r = AutoscalingAnalysis.analyze(expecting("5m", null, 1, 4, null), SLO,
                run.data(), nothing);

        assertThat(r.expectationRows()).noneMatch(SloResult::met);
        assertThat(r.expectationRows()).extracting(SloResult::detail)
                .containsOnly("no replica readings from http://sim/metrics (21 failed reads)");
        assertThat(r.section().summary()).isEqualTo("no replica readings from http://sim/metrics (21 failed reads)");
    }

    @Test
    void twoDecisionsForOneLoadStepAreOneScaleUp() {
        SyntheticRun run = new SyntheticRun().stage("base", 8, 20).stage("step", 120, 40)
                .replicas(0, 23, 1, 1).replicas(23, 30, 2, 1).replicas(30, 33, 2, 2).replicas(33, 45, 4, 2)
                .replicas(45, 61, 4, 4);
        ScalingEvent up = analyze(run, expecting(null, null, null, null, null)).section().events().get(0);

        assertThat(analyze(run, expecting(null, null, null, null, null)).section().events()).hasSize(1);
        assertThat(up.from()).isEqualTo(1);
        assertThat(up.to()).isEqualTo(4);
        assertThat(up.decidedAtSeconds()).isEqualTo(23.0);
        assertThat(up.firstReadyAtSeconds()).isEqualTo(30.0);
        assertThat(up.completedAtSeconds()).isEqualTo(45.0);
        assertThat(up.totalSeconds()).isEqualTo(25.0);
    }

    @Test
    void latencyThatNeverRecoversIsReportedUpToTheNextLoadChange() {
        SyntheticRun run = new SyntheticRun().stage("base", 8, 20).stage("step", 120, 20).stage("cool", 8, 20)
                .ttft(s -> s > 20 && s <= 40 ? 9000 : 100)
                .replicas(0, 24, 1, 1).replicas(24, 30, 2, 1).replicas(30, 61, 2, 2);
        AutoscalingReport report = analyze(run, expecting(null, null, null, null, null)).section();
        ScalingEvent up = report.events().get(0);

        assertThat(report.summary()).contains("; TTFT p95 above its SLO from 20 s on (Breach at worst: 9.0 s), not "
                + "recovered");
        assertThat(up.latency().degradedAtSeconds()).isEqualTo(20.0);
        assertThat(up.latency().recoveredAtSeconds()).isNull();
        assertThat(up.latency().degradedSeconds()).isEqualTo(20.0);
        assertThat(up.latency().worstTier()).isEqualTo("Breach");
    }

    @Test
    void oneSlowIntervalIsNoDegradation() {
        SyntheticRun run = new SyntheticRun().stage("base", 8, 20).stage("step", 120, 40)
                .ttft(s -> s == 30 ? 900 : 100)
                .replicas(0, 24, 1, 1).replicas(24, 34, 2, 1).replicas(34, 61, 2, 2);
        ScalingEvent up = analyze(run, expecting(null, null, null, null, null)).section().events().get(0);

        assertThat(up.latency().degradedAtSeconds()).isNull();
        assertThat(up.latency().worstTier()).isEqualTo("Normal");
        assertThat(up.latency().worstMs()).as("still the worst interval's value").isCloseTo(900, within(1.0));
    }

    @Test
    void durationsReadLikeTheIssueSentence() {
        assertThat(HumanTime.of(4.06)).isEqualTo("4.1 s");
        assertThat(HumanTime.of(9.98)).isEqualTo("10 s");
        assertThat(HumanTime.of(35)).isEqualTo("35 s");
        assertThat(HumanTime.of(161)).isEqualTo("2m41s");
        assertThat(HumanTime.of(3720)).isEqualTo("1h02m");
    }
}
