package io.llmload.operator.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.operator.api.v1alpha1.RevisionStatus;
import io.llmload.operator.api.v1alpha1.TriggerStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The onRollout rules, step by step on given instants: one run per completed revision, after settle. */
class RolloutDecisionTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-01-11T10:00:00Z");
    private final WorkloadType deployment = WorkloadTypes.find("apps/v1", "Deployment").orElseThrow();

    private final RolloutState v063 = deployment.read(Workloads.tree("deployment-complete"));

    @Test
    void atFirstSightTheCurrentRevisionIsTheStartingPointNotARollout() {
        RolloutDecision d = decide(null, v063, T0, false);
        assertThat(d.run()).isFalse();
        assertThat(d.next().state()).isEqualTo(TriggerStatus.WAITING);
        assertThat(d.next().revision().fingerprint()).isEqualTo(v063.revision().fingerprint());
        assertThat(d.next().message()).isEqualTo("following Deployment vllm at revision 3: waiting for a new revision");
    }

    @Test
    void aCompletedNewRevisionRunsOnceAfterSettle() {
        TriggerStatus accounted = account(v063);
        RolloutState v070 = complete(deployment.read(Workloads.tree("deployment-rolling")));

        RolloutDecision seen = decide(accounted, v070, T0, false);
        assertThat(seen.run()).isFalse();
        assertThat(seen.next().state()).isEqualTo(TriggerStatus.SETTLING);
        assertThat(seen.recheckAt()).isEqualTo(T0.plus(SETTLE));
        assertThat(seen.next().completedAt()).isEqualTo(T0.toString());

        RolloutDecision early = decide(seen.next(), v070, T0.plusSeconds(59), false);
        assertThat(early.run()).isFalse();
        assertThat(early.recheckAt()).isEqualTo(T0.plus(SETTLE));

        RolloutDecision due = decide(early.next(), v070, T0.plus(SETTLE), false);
        assertThat(due.run()).isTrue();
        assertThat(due.reason()).isEqualTo("Deployment vllm rolled out revision 4 (image vllm: vllm/vllm-openai:v0.6.3 "
                + "-> vllm/vllm-openai:v0.7.0; args vllm: --max-num-seqs 128 -> 256, added --enable-prefix-caching)");
        assertThat(due.next().revision().fingerprint()).isEqualTo(v070.revision().fingerprint());
        assertThat(due.next().revision().changes()).hasSize(2);
        assertThat(due.next().completedRevision()).isNull();

        // The same revision again (a later event, a restart): no second run.
        RolloutDecision again = decide(due.next(), v070, T0.plus(SETTLE).plusSeconds(30), false);
        assertThat(again.run()).isFalse();
        assertThat(again.next().state()).isEqualTo(TriggerStatus.WAITING);
    }

    @Test
    void anIncompleteRolloutRunsNothing() {
        RolloutDecision d = decide(account(v063), deployment.read(Workloads.tree("deployment-rolling")), T0, false);
        assertThat(d.run()).isFalse();
        assertThat(d.next().state()).isEqualTo(TriggerStatus.ROLLOUT_IN_PROGRESS);
        assertThat(d.next().message()).isEqualTo("Deployment vllm is rolling out revision 4: 1 of 2 replicas updated");
        assertThat(d.recheckAt()).isNull();
    }

    @Test
    void twoQuickRolloutsGiveOneRunOfTheLast() {
        ObjectNode second = Workloads.tree("deployment-rolling");
        RolloutState v070 = complete(deployment.read(second));
        RolloutDecision first = decide(account(v063), v070, T0, false);
        assertThat(first.next().state()).isEqualTo(TriggerStatus.SETTLING);

        // 20 s later another rollout starts: the settle of the first is forgotten.
        ObjectNode third = Workloads.tree("deployment-rolling");
        ((ObjectNode) third.path("spec").path("template").path("spec").path("containers").get(0))
                .put("image", "vllm/vllm-openai:v0.7.1");
        ((ObjectNode) third.path("metadata").path("annotations")).put(DeploymentRollout.REVISION_ANNOTATION, "5");
        RolloutDecision rolling = decide(first.next(), deployment.read(third), T0.plusSeconds(20), false);
        assertThat(rolling.run()).isFalse();
        assertThat(rolling.next().state()).isEqualTo(TriggerStatus.ROLLOUT_IN_PROGRESS);
        assertThat(rolling.next().completedRevision()).isNull();

        RolloutState v071 = complete(deployment.read(third));
        RolloutDecision settling = decide(rolling.next(), v071, T0.plusSeconds(90), false);
        assertThat(settling.run()).isFalse();
        assertThat(settling.recheckAt()).isEqualTo(T0.plusSeconds(150));
        RolloutDecision run = decide(settling.next(), v071, T0.plusSeconds(150), false);
        assertThat(run.run()).isTrue();
        assertThat(run.revision().name()).isEqualTo("5");
        // Changes are told against the revision last run, v0.6.3, not the skipped v0.7.0.
        assertThat(run.changes().get(0)).isEqualTo("image vllm: vllm/vllm-openai:v0.6.3 -> vllm/vllm-openai:v0.7.1");
    }

    @Test
    void aRolloutCompletingDuringARunQueuesOneRunAfterIt() {
        RolloutState v070 = complete(deployment.read(Workloads.tree("deployment-rolling")));
        TriggerStatus accounted = account(v063);
        assertThat(RolloutDecision.spansRollout(accounted, v070)).isTrue();
        assertThat(RolloutDecision.spansRollout(accounted, v063)).isFalse();

        RolloutDecision during = decide(decide(accounted, v070, T0, true).next(), v070, T0.plus(SETTLE), true);
        assertThat(during.run()).isFalse();
        assertThat(during.next().state()).isEqualTo(TriggerStatus.QUEUED);
        assertThat(during.next().message()).isEqualTo("Deployment vllm rolled out revision 4 during the run: a run "
                + "follows this one");

        RolloutDecision after = decide(during.next(), v070, T0.plusSeconds(300), false);
        assertThat(after.run()).isTrue();
    }

    @Test
    void aFailedRolloutOrAMissingWorkloadRunsNothing() {
        ObjectNode stuck = Workloads.tree("deployment-rolling");
        ((ObjectNode) stuck.path("status").path("conditions").get(1)).put("status", "False")
                .put("reason", "ProgressDeadlineExceeded").put("message", "timed out");
        RolloutDecision failed = decide(account(v063), deployment.read(stuck), T0, false);
        assertThat(failed.run()).isFalse();
        assertThat(failed.next().state()).isEqualTo(TriggerStatus.ROLLOUT_FAILED);
        assertThat(failed.next().message()).isEqualTo("the rollout of Deployment vllm revision 4 failed: progress "
                + "deadline exceeded: timed out");

        RolloutDecision missing = decide(account(v063), null, T0, false);
        assertThat(missing.run()).isFalse();
        assertThat(missing.next().state()).isEqualTo(TriggerStatus.WORKLOAD_MISSING);
        assertThat(missing.next().revision()).isNotNull();
    }

    @Test
    void theRecordedRevisionComesBackWithItsFlagsToDescribeTheNext() {
        RevisionStatus recorded = RevisionStatus.of(v063.revision(), null);
        WorkloadRevision back = recorded.toRevision();
        assertThat(back.fingerprint()).isEqualTo(v063.revision().fingerprint());
        assertThat(back.containers()).isEqualTo(v063.revision().containers());
        assertThat(recorded.label()).isEqualTo("revision 3");
    }

    private RolloutDecision decide(TriggerStatus status, RolloutState state, Instant now, boolean running) {
        return RolloutDecision.decide(status, state, SETTLE, now, running, "Deployment vllm");
    }

    private static TriggerStatus account(RolloutState state) {
        return new TriggerStatus(TriggerStatus.WAITING, null, RevisionStatus.of(state.revision(), null), null, null,
                null);
    }

    private static RolloutState complete(RolloutState state) {
        return RolloutState.complete(state.revision());
    }
}
