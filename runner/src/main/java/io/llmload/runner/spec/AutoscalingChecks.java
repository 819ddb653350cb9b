package io.llmload.runner.spec;

import io.llmload.runner.spec.AutoscalingSpec.AutoscalerRef;
import io.llmload.runner.spec.AutoscalingSpec.PrometheusReplicas;
import io.llmload.runner.spec.AutoscalingSpec.ReplicaSourceSpec;
import io.llmload.runner.spec.AutoscalingSpec.ScalingExpectations;
import io.llmload.runner.spec.AutoscalingSpec.WorkloadRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * spec.autoscaling: a workload reference the operator can read, expectations that can be judged by this plan (a
 * scale-down needs a cool-down stage), and — for the CLI — a replica timeline to read: the embedded simulator must
 * run in autoscaling mode, a Prometheus source needs its URL and queries.
 */
final class AutoscalingChecks extends Checks {

    private static final String P = "spec.autoscaling";
    /** The API version each readable kind is served under. */
    private static final Map<String, String> KINDS = Map.of(
            AutoscalingSpec.DEPLOYMENT, "apps/v1",
            AutoscalingSpec.STATEFUL_SET, "apps/v1",
            AutoscalingSpec.LEADER_WORKER_SET, "leaderworkerset.x-k8s.io/v1",
            AutoscalingSpec.INFERENCE_SERVICE, "serving.kserve.io/v1beta1");

    private final ManifestValidator.Mode mode;

    private AutoscalingChecks(ManifestValidator.Mode mode) {
        this.mode = mode;
    }

    /** @param loadIsValid whether spec.load passed its own checks (its levels can be read) */
    static List<Violation> check(LoadTestSpec spec, ManifestValidator.Mode mode, boolean loadIsValid) {
        AutoscalingChecks checks = new AutoscalingChecks(mode);
        if (spec.autoscaling() != null) {
            checks.check(spec.autoscaling(), spec, loadIsValid);
        }
        return checks.violations;
    }

    private void check(AutoscalingSpec a, LoadTestSpec spec, boolean loadIsValid) {
        workload(a.target());
        autoscaler(a.autoscaler());
        if (a.expect() != null) {
            expectations(a.expect(), spec.load(), loadIsValid);
        }
        if (mode == ManifestValidator.Mode.LOCAL) {
            replicaSource(a.replicas(), TargetSpec.orEmpty(spec.target()));
        }
    }

    private void workload(WorkloadRef target) {
        String p = P + ".target";
        if (target == null) {
            if (mode == ManifestValidator.Mode.CLUSTER) {
                add(p, "required: the workload that scales, e.g. {apiVersion: apps/v1, kind: Deployment, name: vllm}");
            }
            return;
        }
        String expectedApi = target.kind() == null ? null : KINDS.get(target.kind());
        if (expectedApi == null) {
            add(p + ".kind", "must be one of Deployment, StatefulSet, LeaderWorkerSet, InferenceService");
        } else if (!expectedApi.equals(target.apiVersion())) {
            add(p + ".apiVersion", "a " + target.kind() + " is served as " + expectedApi + ": set apiVersion: "
                    + expectedApi);
        }
        dnsName(p + ".name", target.name(), "the workload's name");
        if (target.namespace() != null) {
            dnsName(p + ".namespace", target.namespace(), "a namespace");
        }
    }

    private void autoscaler(AutoscalerRef autoscaler) {
        if (autoscaler == null) {
            return;
        }
        String p = P + ".autoscaler";
        if (!AutoscalingSpec.HPA.equals(autoscaler.kind()) && !AutoscalingSpec.SCALED_OBJECT.equals(autoscaler.kind())) {
            add(p + ".kind", "must be HorizontalPodAutoscaler or ScaledObject (KEDA)");
        }
        dnsName(p + ".name", autoscaler.name(), "the autoscaler's name");
    }

    private void expectations(ScalingExpectations e, LoadSpec load, boolean loadIsValid) {
        String p = P + ".expect";
        duration(p + ".scaleUpWithin", e.scaleUpWithin());
        duration(p + ".scaleDownWithin", e.scaleDownWithin());
        if (e.minReplicas() != null && e.minReplicas() < 0) {
            add(p + ".minReplicas", "must be at least 0");
        }
        if (e.maxReplicas() != null && e.maxReplicas() < 1) {
            add(p + ".maxReplicas", "must be at least 1");
        }
        if (e.minReplicas() != null && e.maxReplicas() != null && e.maxReplicas() >= 1
                && e.minReplicas() > e.maxReplicas()) {
            add(p + ".maxReplicas", "must not be below minReplicas (" + e.minReplicas() + ")");
        }
        if (e.sloDuringScaleUp() != null && !e.sloDuringScaleUp().equals("Pass")
                && !e.sloDuringScaleUp().equals("Degraded")) {
            add(p + ".sloDuringScaleUp", "must be Pass or Degraded (the worst tier tolerated while scaling up; "
                    + "Breach is never tolerated)");
        }
        if (e.scaleDownWithin() != null && loadIsValid && load != null && !dropsAfterPeak(load)) {
            add(p + ".scaleDownWithin", "needs a cool-down: add a stage with less load after the peak, e.g. "
                    + "{name: cool-down, duration: 2m, users: 2}");
        }
    }

    /** CLI: the replica timeline must come from somewhere it can be read. */
    private void replicaSource(ReplicaSourceSpec replicas, TargetSpec target) {
        boolean embedded = blank(target.url());
        boolean prometheus = replicas != null && replicas.prometheus() != null;
        if (embedded && !prometheus && (target.simulator() == null || target.simulator().autoscaling() == null)) {
            add("spec.target.simulator.autoscaling", "required with spec.autoscaling on the embedded simulator (it "
                    + "scales only in autoscaling mode), e.g. {minReplicas: 1, maxReplicas: 4, metric: kvCacheUsage}");
        }
        if (replicas == null) {
            return;
        }
        String p = P + ".replicas";
        duration(p + ".interval", replicas.interval());
        PrometheusReplicas prom = replicas.prometheus();
        if (prom != null) {
            if (blank(prom.url())) {
                add(p + ".prometheus.url", "required: the Prometheus server, e.g. http://localhost:9090");
            } else {
                url(p + ".prometheus.url", prom.url());
            }
            if (blank(prom.desired())) {
                add(p + ".prometheus.desired", "required: PromQL for the desired replicas, e.g. "
                        + "kube_deployment_spec_replicas{deployment=\"vllm\"}");
            }
            if (blank(prom.ready())) {
                add(p + ".prometheus.ready", "required: PromQL for the Ready replicas, e.g. "
                        + "kube_deployment_status_replicas_ready{deployment=\"vllm\"}");
            }
            if (prom.metrics() != null) {
                prom.metrics().forEach((name, query) -> {
                    if (blank(name) || blank(query)) {
                        add(p + ".prometheus.metrics", "every metric needs a name and a query, e.g. {waiting: "
                                + "'avg(vllm:num_requests_waiting)'}");
                    }
                });
            }
        }
    }

    private void dnsName(String path, String name, String what) {
        if (blank(name)) {
            add(path, "required: " + what);
        } else if (!name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") || name.length() > 253) {
            add(path, "must be a DNS-1123 name: lower-case letters, digits, '-' and '.'");
        }
    }

    /** Whether some stage has less load than the highest one before it (a spike comes back down too). */
    static boolean dropsAfterPeak(LoadSpec load) {
        List<Double> levels = levels(load);
        double peak = Double.NEGATIVE_INFINITY;
        for (double level : levels) {
            if (level < peak) {
                return true;
            }
            peak = Math.max(peak, level);
        }
        return false;
    }

    private static List<Double> levels(LoadSpec load) {
        List<Double> levels = new ArrayList<>();
        boolean open = "open".equals(load.model());
        if (load.stages() != null && !load.stages().isEmpty()) {
            for (StageSpec stage : load.stages()) {
                Number level = stage == null ? null : open ? stage.rate() : stage.users();
                if (level != null) {
                    levels.add(level.doubleValue());
                }
            }
        } else if (load.shape() != null && "spike".equals(load.shape().type())) {
            // from, peak, from: the only shape that comes back down.
            levels.add(load.shape().from());
            levels.add(load.shape().peak());
            levels.add(load.shape().from());
        }
        return levels;
    }
}
