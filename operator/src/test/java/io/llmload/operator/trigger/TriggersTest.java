package io.llmload.operator.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.operator.api.v1alpha1.RevisionStatus;
import io.llmload.operator.api.v1alpha1.RolloutTargetSpec;
import io.llmload.operator.api.v1alpha1.RunRecord;
import io.llmload.operator.api.v1alpha1.TriggerSpec;
import io.llmload.operator.api.v1alpha1.TriggerStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Rollout and schedule together, on given instants: one run at a time, ticks skipped while running. */
class TriggersTest {

    private static final Instant T0 = Instant.parse("2026-01-11T02:59:00Z");
    private final WorkloadType deployment = WorkloadTypes.find("apps/v1", "Deployment").orElseThrow();
    private final RolloutState v063 = deployment.read(Workloads.tree("deployment-complete"));
    private final RolloutState v070 = RolloutState.complete(
            deployment.read(Workloads.tree("deployment-rolling")).revision());

    @Test
    void aScheduleRemembersItsNextTickFiresAtItAndSkipsItDuringARun() {
        TriggerSpec spec = schedule("0 3 * * *");
        TriggerOutcome first = Triggers.decide(spec, null, null, false, T0, false);
        assertThat(first.start()).isNull();
        assertThat(first.next().nextScheduledRun()).isEqualTo("2026-01-11T03:00:00Z");
        assertThat(first.recheckAt()).isEqualTo(Instant.parse("2026-01-11T03:00:00Z"));
        assertThat(first.next().message()).isEqualTo("waiting for the next schedule tick at 2026-01-11T03:00:00Z");

        TriggerOutcome tick = Triggers.decide(spec, first.next(), null, false, Instant.parse("2026-01-11T03:00:01Z"),
                false);
        assertThat(tick.start().trigger()).isEqualTo(RunRecord.TRIGGER_SCHEDULE);
        assertThat(tick.start().reason()).isEqualTo("schedule tick 2026-01-11T03:00:00Z");
        assertThat(tick.next().nextScheduledRun()).isEqualTo("2026-01-12T03:00:00Z");

        TriggerOutcome busy = Triggers.decide(spec, first.next(), null, false, Instant.parse("2026-01-11T03:00:01Z"),
                true);
        assertThat(busy.start()).isNull();
        assertThat(busy.skippedTick()).isEqualTo(Instant.parse("2026-01-11T03:00:00Z"));
        assertThat(busy.next().nextScheduledRun()).isEqualTo("2026-01-12T03:00:00Z");
    }

    @Test
    void aRolloutAndATickAtOnceGiveOneRunAndUseTheTickUp() {
        TriggerSpec spec = schedule("0 3 * * *");
        spec.setOnRollout(onRollout("0s"));
        TriggerStatus status = new TriggerStatus(TriggerStatus.WAITING, null, RevisionStatus.of(v063.revision(), null),
                null, null, "2026-01-11T03:00:00Z");
        TriggerOutcome both = Triggers.decide(spec, status, v070, false, Instant.parse("2026-01-11T03:00:00Z"), false);
        assertThat(both.start().trigger()).isEqualTo(RunRecord.TRIGGER_ROLLOUT);
        assertThat(both.skippedTick()).isNull();
        assertThat(both.next().nextScheduledRun()).isEqualTo("2026-01-12T03:00:00Z");
        assertThat(both.next().revision().fingerprint()).isEqualTo(v070.revision().fingerprint());
    }

    @Test
    void aScheduledRunAccountsForTheRevisionItMeasures() {
        TriggerSpec spec = schedule("0 3 * * *");
        spec.setOnRollout(onRollout("10m"));
        TriggerStatus status = new TriggerStatus(TriggerStatus.WAITING, null, RevisionStatus.of(v063.revision(), null),
                null, null, "2026-01-11T03:00:00Z");
        // v0.7.0 completed a minute before the tick: still settling when the tick comes.
        TriggerOutcome settling = Triggers.decide(spec, status, v070, false, Instant.parse("2026-01-11T02:59:00Z"),
                false);
        assertThat(settling.next().state()).isEqualTo(TriggerStatus.SETTLING);
        TriggerOutcome tick = Triggers.decide(spec, settling.next(), v070, false,
                Instant.parse("2026-01-11T03:00:00Z"), false);
        assertThat(tick.start().trigger()).isEqualTo(RunRecord.TRIGGER_SCHEDULE);
        assertThat(tick.start().revision().fingerprint()).isEqualTo(v070.revision().fingerprint());
        assertThat(tick.next().revision().fingerprint()).isEqualTo(v070.revision().fingerprint());
        assertThat(tick.next().completedRevision()).isNull();
        // When the settle time ends, that revision has been measured: no second run.
        TriggerOutcome later = Triggers.decide(spec, tick.next(), v070, false, Instant.parse("2026-01-11T03:10:00Z"),
                false);
        assertThat(later.start()).isNull();
    }

    @Test
    void anActiveRunWhoseWorkloadChangedSpansARollout() {
        TriggerSpec spec = new TriggerSpec();
        spec.setOnRollout(onRollout("30s"));
        TriggerStatus status = new TriggerStatus(TriggerStatus.WAITING, null, RevisionStatus.of(v063.revision(), null),
                null, null, null);
        assertThat(Triggers.decide(spec, status, v070, false, T0, true).spansRollout()).isTrue();
        assertThat(Triggers.decide(spec, status, v063, false, T0, true).spansRollout()).isFalse();
        assertThat(Triggers.decide(spec, status, v070, false, T0, false).spansRollout()).isFalse();
    }

    private static TriggerSpec schedule(String cron) {
        TriggerSpec spec = new TriggerSpec();
        spec.setSchedule(cron);
        return spec;
    }

    private static RolloutTargetSpec onRollout(String settle) {
        RolloutTargetSpec target = new RolloutTargetSpec();
        target.setApiVersion("apps/v1");
        target.setKind("Deployment");
        target.setName("vllm");
        target.setSettle(settle);
        return target;
    }
}
