package io.llmload.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.runner.spec.Violation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** spec.trigger, history, regression and report: each mistake named by its field with the fix. */
class GitOpsChecksTest {

    /** The operator's defaults (no extra namespaces, hosts or images): these tests run without Quarkus config. */
    private static final AccessPolicy DEFAULT_POLICY = new AccessPolicy(Set.of(), List.of(), "llmload-runner:test",
            List.of(), Set.of());

    private static final String BASE = """
            apiVersion: llmload.io/v1alpha1
            kind: LlmLoadTest
            metadata: {name: t, namespace: models}
            spec:
              target: {service: {name: vllm, port: 8000}, model: m}
              workload:
                mix: [{name: chat, weight: 1, api: chat, stream: true, prompt: {inputTokens: {value: 64}}}]
              load:
                stages: [{name: s, duration: 1m, users: 4}]
            """;

    @Test
    void aCompleteGitOpsSpecIsValid() {
        assertThat(validate("""
                  trigger:
                    onRollout: {apiVersion: serving.kserve.io/v1beta1, kind: InferenceService, name: llama, settle: 2m}
                    schedule: "@daily"
                    timeZone: America/New_York
                    onCreate: false
                  history: {limit: 5}
                  regression: {baseline: median, runs: 5, limits: {ttftP95: "+10%", capacity: "-1 level"}}
                  report: {retainAfterDelete: true}
                """)).isEmpty();
    }

    @Test
    void eachMistakeIsNamedByItsField() {
        List<String> problems = validate("""
                  trigger:
                    onRollout: {apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: vllm, settle: soon}
                    schedule: "0 3 * *"
                  history: {limit: 3}
                  regression: {baseline: median, runs: 5, limits: {ttftP95: "-10%"}}
                  report: {pvc: {claimName: reports, path: ../other}}
                """).stream().map(Violation::toString).toList();
        assertThat(problems).containsExactly(
                "spec.trigger.onRollout: argoproj.io/v1alpha1 Rollout is not a workload llmload follows: use one of "
                        + "apps/v1 Deployment, apps/v1 StatefulSet, serving.kserve.io/v1beta1 InferenceService, "
                        + "leaderworkerset.x-k8s.io/v1 LeaderWorkerSet",
                "spec.trigger.onRollout.settle: 'soon' must be a positive duration like 500ms, 30s, 5m or 1h",
                problems.get(2),
                "spec.regression.limits.ttftP95: ttftP95 regresses when it rises: write +10% (a fall is an "
                        + "improvement)",
                "spec.regression.runs: the median of 5 runs needs spec.history.limit of at least 5 (it is 3)",
                "spec.report.pvc: not supported yet: the operator keeps each run's report in a ConfigMap; keep them "
                        + "past the test with spec.report.retainAfterDelete, or fetch one with llmload report "
                        + "--cluster NAMESPACE/NAME --run ID --out DIR",
                "spec.report.pvc.path: must be relative to the volume, without '..'");
        assertThat(problems.get(2)).startsWith("spec.trigger.schedule: '0 3 * *' is not a cron schedule (");
    }

    @Test
    void aTestThatWouldNeverRunAndAZoneWithoutScheduleAreRefused() {
        assertThat(validate("""
                  trigger: {onCreate: false, timeZone: Europe/Berlin}
                """)).extracting(Violation::toString).containsExactly(
                "spec.trigger.timeZone: applies to a schedule: set spec.trigger.schedule or remove it",
                "spec.trigger.onCreate: false with neither onRollout nor schedule: the test would never run");
    }

    private static List<Violation> validate(String gitOpsSections) {
        LlmLoadTest test = Serialization.unmarshal(BASE + gitOpsSections, LlmLoadTest.class);
        return SpecValidator.validate(test, DEFAULT_POLICY);
    }
}
