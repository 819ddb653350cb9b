package io.llmload.runner.spec;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The {@link SpecLimits} on a manifest's lists, so the CLI refuses what the CRD would. */
final class LimitChecks extends Checks {

    private LimitChecks() {
    }

    static List<Violation> check(LoadTestSpec spec) {
        LimitChecks c = new LimitChecks();
        if (spec.load() != null) {
            c.atMost("spec.load.stages", spec.load().stages(), SpecLimits.STAGES);
        }
        WorkloadSpec workload = spec.workload();
        if (workload != null) {
            c.atMost("spec.workload.mix", workload.mix(), SpecLimits.REQUEST_TYPES);
            if (workload.retry() != null) {
                c.atMost("spec.workload.retry.errors", workload.retry().errors(), SpecLimits.ERROR_CLASSES);
            }
            List<RequestTypeSpec> mix = workload.mix() == null ? List.of() : workload.mix();
            for (int i = 0; i < mix.size(); i++) {
                RequestTypeSpec type = mix.get(i);
                String p = "spec.workload.mix[" + i + "]";
                if (type != null && type.prompt() != null) {
                    c.atMost(p + ".prompt.prompts", type.prompt().prompts(), SpecLimits.INLINE_PROMPTS);
                }
                if (type != null && type.output() != null) {
                    c.atMost(p + ".output.stop", type.output().stop(), SpecLimits.STOP_SEQUENCES);
                }
            }
        }
        if (spec.target() != null) {
            c.atMost("spec.target.headers", spec.target().headers(), SpecLimits.HEADERS);
            if (spec.target().proxy() != null) {
                c.atMost("spec.target.proxy.noProxy", spec.target().proxy().noProxy(), SpecLimits.NO_PROXY_HOSTS);
            }
        }
        MetricsSourceSpec metrics = spec.target() == null ? null : spec.target().metrics();
        if (metrics != null) {
            c.atMost("spec.target.metrics.podSelector", metrics.podSelector(), SpecLimits.SELECTOR_LABELS);
            if (metrics.dcgm() != null) {
                c.atMost("spec.target.metrics.dcgm.podSelector", metrics.dcgm().podSelector(),
                        SpecLimits.SELECTOR_LABELS);
            }
        }
        AutoscalingSpec autoscaling = spec.autoscaling();
        if (autoscaling != null && autoscaling.replicas() != null && autoscaling.replicas().prometheus() != null) {
            c.atMost("spec.autoscaling.replicas.prometheus.metrics", autoscaling.replicas().prometheus().metrics(),
                    SpecLimits.AUTOSCALER_METRICS, "queries");
        }
        return c.violations;
    }

    private void atMost(String path, Collection<?> list, int max) {
        if (list != null && list.size() > max) {
            add(path, "at most " + max + " entries (" + list.size() + " given)");
        }
    }

    private void atMost(String path, Map<?, ?> map, int max) {
        atMost(path, map, max, "labels");
    }

    private void atMost(String path, Map<?, ?> map, int max, String what) {
        if (map != null && map.size() > max) {
            add(path, "at most " + max + " " + what + " (" + map.size() + " given)");
        }
    }
}
