package io.llmload.runner.spec;

import java.util.List;

/** spec.target.simulator.autoscaling: a pool the simulator can run, with the defaults filled in for the checks. */
public final class SimulatorAutoscalingChecks extends Checks {

    public static List<Violation> check(String p, SimulatorAutoscalingSpec s) {
        SimulatorAutoscalingChecks checks = new SimulatorAutoscalingChecks();
        if (s != null) {
            checks.pool(p, s);
        }
        return checks.violations;
    }

    private void pool(String p, SimulatorAutoscalingSpec s) {
        int min = s.minReplicasOrDefault();
        int max = s.maxReplicasOrDefault();
        if (min < 1) {
            add(p + ".minReplicas", "must be at least 1 (the simulator does not scale to zero)");
        }
        if (max < 1 || max > SimulatorAutoscalingSpec.MAX_REPLICAS) {
            add(p + ".maxReplicas", "must be between 1 and " + SimulatorAutoscalingSpec.MAX_REPLICAS);
        } else if (min > max) {
            add(p + ".maxReplicas", "must not be below minReplicas (" + min + ")"
                    + (s.maxReplicas() == null ? ": the default is " + SimulatorAutoscalingSpec.DEFAULT_MAX : ""));
        }
        String metric = s.metricOrDefault();
        boolean kv = metric.equals(SimulatorAutoscalingSpec.KV_CACHE_USAGE);
        if (!kv && !metric.equals(SimulatorAutoscalingSpec.REQUESTS_WAITING)) {
            add(p + ".metric", "must be kvCacheUsage or requestsWaiting");
        } else if (s.target() != null && (!(s.target() > 0) || kv && s.target() > 1)) {
            add(p + ".target", kv ? "must be a fraction of the KV cache above 0 and at most 1, e.g. 0.5"
                    : "must be a number of waiting requests above 0, e.g. 4");
        }
        duration(p + ".interval", s.interval());
        duration(p + ".decisionDelay", s.decisionDelay());
        duration(p + ".coldStart", s.coldStart());
        duration(p + ".scaleDownDelay", s.scaleDownDelay());
    }
}
