package io.llmload.operator.validation;

import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.dependent.WorkerPlans;
import io.llmload.runner.spec.AutoscalingSpec;
import io.llmload.runner.spec.MetricsSourceSpec;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.spec.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test's references checked against the operator's {@link AccessPolicy}: the runner image and ServiceAccount, and
 * everything the operator itself would read for the server metrics (pods it lists, URLs it fetches, the namespace
 * its Prometheus queries match) and the workload spec.autoscaling watches. Each refused reference is one
 * {@link Violation} naming the field and the fix. Datasets need no check: a ConfigMap or volume mounted into a pod
 * always comes from the pod's own namespace.
 */
public final class AccessChecks {

    private static final String METRICS = "spec.target.metrics";

    private AccessChecks() {
    }

    public static List<Violation> check(LlmLoadTest test, AccessPolicy policy) {
        List<Violation> violations = new ArrayList<>();
        runners(test, policy, violations);
        metrics(test, policy, violations);
        autoscaling(test, policy, violations);
        return violations;
    }

    /**
     * Why the operator does not scrape the target's own {@code /metrics} although the metrics source is left to
     * {@code auto}: the target is outside what it may read. The test still runs, without server metrics (an explicit
     * {@code source: target} is refused instead, by {@link #check}).
     */
    public static Optional<String> implicitTargetRefusal(LlmLoadTest test, AccessPolicy policy) {
        TargetSpec target = test.getSpec() == null ? null : test.getSpec().getTarget();
        if (target == null) {
            return Optional.empty();
        }
        MetricsSourceSpec m = MetricsSourceSpec.orDefaults(target.metrics());
        boolean implicit = m.source() == null || MetricsSourceSpec.AUTO.equals(m.source());
        if (!implicit || !MetricsSourceSpec.TARGET.equals(m.effectiveSource(true)) || m.url() != null
                || !hasTarget(target)) {
            return Optional.empty();
        }
        String namespace = test.getMetadata().getNamespace();
        return policy.urlRefusal(namespace, WorkerPlans.targetUrl(target, namespace))
                .map(why -> "Not reading the server's metrics: the target's " + why + ". Point spec.target.metrics "
                        + "at an allowed source, or set its source to none to silence this.");
    }

    private static void runners(LlmLoadTest test, AccessPolicy policy, List<Violation> violations) {
        var runners = test.getSpec().getRunners();
        if (runners == null) {
            return;
        }
        if (!policy.imageAllowed(runners.getImage())) {
            violations.add(new Violation("spec.runners.image", "'" + runners.getImage() + "' is not an allowed "
                    + "runner image: remove spec.runners.image to use the operator's (" + policy.defaultImage()
                    + "), or ask the operator's administrator to allow it (" + AccessPolicy.IMAGES_SETTING
                    + (policy.allowedImages().isEmpty() ? "" : ", now " + String.join(", ", policy.allowedImages()))
                    + ")"));
        }
        if (!policy.serviceAccountAllowed(runners.getServiceAccountName())) {
            violations.add(new Violation("spec.runners.serviceAccountName", "'" + runners.getServiceAccountName()
                    + "' is not an allowed runner ServiceAccount: remove it (runners need no Kubernetes API access; "
                    + "they run as the namespace's default account), or ask the operator's administrator to allow it ("
                    + AccessPolicy.SERVICE_ACCOUNTS_SETTING + (policy.allowedServiceAccounts().isEmpty() ? ", now none"
                            : ", now " + String.join(", ", policy.allowedServiceAccounts())) + ")"));
        }
    }

    private static void metrics(LlmLoadTest test, AccessPolicy policy, List<Violation> violations) {
        TargetSpec target = test.getSpec().getTarget();
        if (target == null) {
            return;
        }
        String ns = test.getMetadata().getNamespace();
        MetricsSourceSpec m = MetricsSourceSpec.orDefaults(target.metrics());
        String source = m.effectiveSource(true);
        if (MetricsSourceSpec.NONE.equals(source)) {
            return;
        }
        // The namespace is listed (pods) or matched in Prometheus queries: either way the operator reads there.
        if (MetricsSourceSpec.PODS.equals(source) || MetricsSourceSpec.PROMETHEUS.equals(source)) {
            namespace(METRICS + ".namespace", ns, m.namespace(), policy, violations);
        }
        if (MetricsSourceSpec.PROMETHEUS.equals(source)) {
            url(METRICS + ".prometheusUrl", ns, m.prometheusUrl(), policy, violations);
        }
        if (MetricsSourceSpec.TARGET.equals(source)) {
            if (m.url() != null) {
                url(METRICS + ".url", ns, m.url(), policy, violations);
            } else if (MetricsSourceSpec.TARGET.equals(m.source()) && hasTarget(target)) {
                String field = target.service() != null ? "spec.target.service.namespace" : "spec.target.url";
                policy.urlRefusal(ns, WorkerPlans.targetUrl(target, ns)).ifPresent(why -> violations.add(
                        new Violation(field, "the operator scrapes the target's /metrics (" + METRICS
                                + ".source: target), but the " + why + "; or set " + METRICS + ".source: none")));
            }
        }
        MetricsSourceSpec.DcgmSpec dcgm = m.dcgm();
        if (dcgm != null) {
            boolean prometheus = MetricsSourceSpec.PROMETHEUS.equals(source);
            if (!prometheus && dcgm.url() != null) {
                url(METRICS + ".dcgm.url", ns, dcgm.url(), policy, violations);
            } else if (prometheus || hasLabels(dcgm.podSelector())) {
                namespace(METRICS + ".dcgm.namespace", ns, dcgm.namespace(), policy, violations);
            }
        }
    }

    /** The operator watches the scaled workload and its autoscaler, which live in the workload's namespace. */
    private static void autoscaling(LlmLoadTest test, AccessPolicy policy, List<Violation> violations) {
        AutoscalingSpec autoscaling = test.getSpec().getAutoscaling();
        if (autoscaling == null || autoscaling.target() == null) {
            return;
        }
        String ns = test.getMetadata().getNamespace();
        String namespace = autoscaling.target().namespace();
        if (!policy.namespaceAllowed(ns, namespace)) {
            violations.add(new Violation("spec.autoscaling.target.namespace", "'" + namespace + "' is not the test's "
                    + "namespace (" + ns + "): the operator watches workloads only there"
                    + (policy.allowedNamespaces().isEmpty() ? "" : " and in " + String.join(", ",
                            policy.allowedNamespaces()))
                    + "; run the test in '" + namespace + "', or ask the operator's administrator to allow it ("
                    + AccessPolicy.NAMESPACES_SETTING + ")"));
        }
    }

    private static void namespace(String field, String testNamespace, String namespace, AccessPolicy policy,
            List<Violation> violations) {
        if (!policy.namespaceAllowed(testNamespace, namespace)) {
            violations.add(new Violation(field, "'" + namespace + "' is not the test's namespace (" + testNamespace
                    + "): the operator reads metrics only there" + (policy.allowedNamespaces().isEmpty() ? ""
                            : " and in " + String.join(", ", policy.allowedNamespaces()))
                    + "; run the test in '" + namespace + "', or ask the operator's administrator to allow it ("
                    + AccessPolicy.NAMESPACES_SETTING + ")"));
        }
    }

    private static void url(String field, String testNamespace, String url, AccessPolicy policy,
            List<Violation> violations) {
        if (url != null && !url.isBlank()) {
            policy.urlRefusal(testNamespace, url).ifPresent(why -> violations.add(new Violation(field, why)));
        }
    }

    private static boolean hasTarget(TargetSpec target) {
        return target.url() != null && !target.url().isBlank() || target.service() != null
                && target.service().name() != null;
    }

    private static boolean hasLabels(Map<String, String> labels) {
        return labels != null && !labels.isEmpty();
    }
}
