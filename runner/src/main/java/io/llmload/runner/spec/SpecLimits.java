package io.llmload.runner.spec;

/**
 * Upper bounds on the manifest's lists, the same for the CLI ({@link LimitChecks}) and the CRD ({@code maxItems},
 * from these constants). Kubernetes needs them: an object is at most ~1.5 MiB in etcd, and the API server estimates
 * the cost of a CEL rule inside a list from the list's maxItems, so an unbounded list makes every rule in it look
 * expensive. Each bound is far above what a load test needs.
 */
public final class SpecLimits {

    /** spec.load.stages: a 500-stage test is tested end to end under the operator. */
    public static final int STAGES = 1000;
    /** spec.workload.mix: request types (each has its own metrics per stage). */
    public static final int REQUEST_TYPES = 50;
    /** spec.workload.mix[].prompt.prompts: inline prompts (use a dataset for more). */
    public static final int INLINE_PROMPTS = 500;
    /** spec.workload.mix[].output.stop. */
    public static final int STOP_SEQUENCES = 16;
    /** spec.workload.retry.errors: the six error classes. */
    public static final int ERROR_CLASSES = 6;
    /** Label selectors (pods, DCGM exporters). */
    public static final int SELECTOR_LABELS = 16;
    /** spec.regression.limits: one per metric name, and there are fewer than 32 (docs/gitops.md#regression). */
    public static final int REGRESSION_LIMITS = 32;
    /** spec.target.headers: extra request headers. */
    public static final int HEADERS = 32;
    /** spec.target.proxy.noProxy: hosts, domains and CIDRs reached without the proxy. */
    public static final int NO_PROXY_HOSTS = 64;
    /** spec.autoscaling.replicas.prometheus.metrics: named queries beside the replicas. */
    public static final int AUTOSCALER_METRICS = 16;

    private SpecLimits() {
    }
}
