package io.llmload.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmload.runner.spec.ManifestValidator.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * spec.autoscaling and spec.target.simulator.autoscaling: every problem named by its field with the fix; the CLI needs
 * a replica timeline it can read, the operator a workload it can watch.
 */
class AutoscalingValidationTest {

    private static final String STAGES = "[{duration: 10s, users: 2}, {duration: 10s, users: 20}, "
            + "{duration: 10s, users: 2}]";

    private static List<Violation> validate(String target, String autoscaling, String stages, Mode mode)
            throws InvalidManifestException {
        String yaml = """
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                metadata: {name: t}
                spec:
                  target: %s
                  workload: {mix: [{name: chat, api: chat, prompt: {text: Hello}}]}
                  load: {model: closed, stages: %s}
                  autoscaling: %s
                """.formatted(target, stages, autoscaling);
        return ManifestValidator.validate(ManifestReader.parse(yaml), mode);
    }

    private static final String SIM = "{simulator: {autoscaling: {minReplicas: 1, maxReplicas: 3}}}";
    private static final String URL = "{url: 'http://vllm.models.svc:8000', model: m}";
    private static final String DEPLOYMENT = "target: {apiVersion: apps/v1, kind: Deployment, name: vllm}";

    private static List<String> paths(String target, String autoscaling, Mode mode) throws Exception {
        return validate(target, autoscaling, STAGES, mode).stream().map(Violation::path).toList();
    }

    @Test
    void aCompleteSectionIsValidInBothPlaces() throws Exception {
        String full = "{" + DEPLOYMENT + ", autoscaler: {kind: HorizontalPodAutoscaler, name: vllm}, expect: "
                + "{scaleUpWithin: 5m, scaleDownWithin: 10m, minReplicas: 1, maxReplicas: 4, sloDuringScaleUp: Degraded}}";
        assertThat(validate(SIM, full, STAGES, Mode.LOCAL)).isEmpty();
        assertThat(validate(URL, full, STAGES, Mode.CLUSTER)).isEmpty();
        assertThat(validate(URL, "{target: {apiVersion: leaderworkerset.x-k8s.io/v1, kind: LeaderWorkerSet, name: "
                + "vllm, namespace: models}, autoscaler: {kind: ScaledObject, name: vllm}}", STAGES, Mode.CLUSTER))
                .isEmpty();
        assertThat(validate(URL, "{target: {apiVersion: serving.kserve.io/v1beta1, kind: InferenceService, name: "
                + "llama}}", STAGES, Mode.CLUSTER)).isEmpty();
        // The CLI reads a URL target's replica gauges (llmload simulate) or Prometheus: no workload needed.
        assertThat(validate(URL, "{expect: {maxReplicas: 4}}", STAGES, Mode.LOCAL)).isEmpty();
    }

    @Test
    void theOperatorNeedsAWorkloadItCanRead() throws Exception {
        assertThat(paths(URL, "{expect: {maxReplicas: 4}}", Mode.CLUSTER)).containsExactly("spec.autoscaling.target");
        List<Violation> api = validate(URL, "{target: {apiVersion: apps/v1beta1, kind: StatefulSet, name: vllm}}",
                STAGES, Mode.CLUSTER);
        assertThat(api).extracting(Violation::path).containsExactly("spec.autoscaling.target.apiVersion");
        assertThat(api.get(0).message()).contains("apiVersion: apps/v1");
        assertThat(paths(URL, "{target: {apiVersion: apps/v1, kind: ReplicaSet, name: Vllm}}", Mode.CLUSTER))
                .containsExactly("spec.autoscaling.target.kind", "spec.autoscaling.target.name");
        assertThat(paths(URL, "{" + DEPLOYMENT + ", autoscaler: {kind: VerticalPodAutoscaler}}", Mode.CLUSTER))
                .containsExactly("spec.autoscaling.autoscaler.kind", "spec.autoscaling.autoscaler.name");
    }

    @Test
    void expectationsNeedSenseAndAScaleDownNeedsACoolDown() throws Exception {
        assertThat(paths(SIM, "{expect: {scaleUpWithin: soon, minReplicas: 5, maxReplicas: 4, sloDuringScaleUp: "
                + "Breach}}", Mode.LOCAL)).containsExactly("spec.autoscaling.expect.scaleUpWithin",
                        "spec.autoscaling.expect.maxReplicas", "spec.autoscaling.expect.sloDuringScaleUp");
        List<Violation> noCoolDown = validate(SIM, "{expect: {scaleDownWithin: 5m}}",
                "[{duration: 10s, users: 2}, {duration: 10s, users: 20}]", Mode.LOCAL);
        assertThat(noCoolDown).extracting(Violation::path).containsExactly("spec.autoscaling.expect.scaleDownWithin");
        assertThat(noCoolDown.get(0).message()).contains("cool-down");
        assertThat(validate(SIM, "{expect: {scaleDownWithin: 5m}}", STAGES, Mode.LOCAL)).isEmpty();
    }

    @Test
    void aSpikeComesBackDownSoItCanJudgeAScaleDown() throws Exception {
        String yaml = """
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                metadata: {name: t}
                spec:
                  target: %s
                  workload: {mix: [{name: chat, api: chat, prompt: {text: Hello}}]}
                  load: {model: closed, shape: {type: %s}}
                  autoscaling: {expect: {scaleDownWithin: 1m}}
                """;
        LlmLoadTest spike = ManifestReader.parse(yaml.formatted(SIM, "spike, from: 2, peak: 20, duration: 10s, "
                + "peakDuration: 10s"));
        assertThat(ManifestValidator.validate(spike, Mode.LOCAL)).isEmpty();
        LlmLoadTest ramp = ManifestReader.parse(yaml.formatted(SIM, "ramp, from: 2, to: 20, duration: 30s"));
        assertThat(ManifestValidator.validate(ramp, Mode.LOCAL)).extracting(Violation::path)
                .containsExactly("spec.autoscaling.expect.scaleDownWithin");
    }

    @Test
    void theEmbeddedSimulatorMustScaleForTheCliToWatchIt() throws Exception {
        List<Violation> plain = validate("{simulator: {profile: tiny}}", "{expect: {maxReplicas: 4}}", STAGES,
                Mode.LOCAL);
        assertThat(plain).extracting(Violation::path).containsExactly("spec.target.simulator.autoscaling");
        assertThat(plain.get(0).message()).contains("minReplicas: 1");
        assertThat(paths("{}", "{}", Mode.LOCAL)).containsExactly("spec.target.simulator.autoscaling");
    }

    @Test
    void aPrometheusReplicaSourceNeedsItsUrlAndQueries() throws Exception {
        assertThat(paths(URL, "{replicas: {interval: often, prometheus: {url: 'ftp://p', metrics: {waiting: ''}}}}",
                Mode.LOCAL)).containsExactly("spec.autoscaling.replicas.interval",
                        "spec.autoscaling.replicas.prometheus.url", "spec.autoscaling.replicas.prometheus.desired",
                        "spec.autoscaling.replicas.prometheus.ready", "spec.autoscaling.replicas.prometheus.metrics");
        assertThat(validate(URL, "{replicas: {interval: 2s, prometheus: {url: 'http://localhost:9090', desired: "
                + "'kube_deployment_spec_replicas{deployment=\"vllm\"}', ready: "
                + "'kube_deployment_status_replicas_ready{deployment=\"vllm\"}'}}}", STAGES, Mode.LOCAL)).isEmpty();
        // Then the embedded simulator need not scale: the timeline comes from Prometheus.
        assertThat(paths("{}", "{replicas: {prometheus: {url: 'http://p:9090', desired: a, ready: b}}}",
                Mode.LOCAL)).isEmpty();
    }

    @Test
    void theSimulatorsPoolIsChecked() throws Exception {
        assertThat(paths("{simulator: {autoscaling: {minReplicas: 0, maxReplicas: 17, metric: gpu}}}", "{}",
                Mode.LOCAL)).containsExactly("spec.target.simulator.autoscaling.minReplicas",
                        "spec.target.simulator.autoscaling.maxReplicas", "spec.target.simulator.autoscaling.metric");
        List<Violation> aboveDefault = validate("{simulator: {autoscaling: {minReplicas: 6}}}", "{}", STAGES,
                Mode.LOCAL);
        assertThat(aboveDefault).extracting(Violation::path)
                .containsExactly("spec.target.simulator.autoscaling.maxReplicas");
        assertThat(aboveDefault.get(0).message()).contains("the default is 4");
        assertThat(paths("{simulator: {autoscaling: {target: 1.5}}}", "{}", Mode.LOCAL))
                .containsExactly("spec.target.simulator.autoscaling.target");
        assertThat(paths("{simulator: {autoscaling: {metric: requestsWaiting, target: 8, interval: 500ms, "
                + "decisionDelay: 2s, coldStart: 1m, scaleDownDelay: 30s}}}", "{}", Mode.LOCAL)).isEmpty();
        assertThat(paths("{simulator: {autoscaling: {coldStart: slow, decisionDelay: 0}}}", "{}", Mode.LOCAL))
                .containsExactlyInAnyOrder("spec.target.simulator.autoscaling.coldStart",
                        "spec.target.simulator.autoscaling.decisionDelay");
    }

    @Test
    void aTypoInTheSectionIsAnErrorNamingTheField() {
        assertThatThrownBy(() -> validate(SIM, "{expect: {scaleUpWitin: 5m}}", STAGES, Mode.LOCAL))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("spec.autoscaling.expect")
                .hasMessageContaining("scaleUpWitin");
    }
}
