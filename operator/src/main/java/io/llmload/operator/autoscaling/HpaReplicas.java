package io.llmload.operator.autoscaling;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricValueStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An autoscaling/v2 HorizontalPodAutoscaler: status.desiredReplicas is its decision (it comes before the workload's
 * spec.replicas changes) and status.currentMetrics the values it decided on, named by metric (a Resource metric by
 * its resource, e.g. {@code cpu}).
 */
final class HpaReplicas extends InformedReplicas<HorizontalPodAutoscaler> {

    HpaReplicas(KubernetesClient client, String namespace, String name) {
        super("HorizontalPodAutoscaler", namespace, name, client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace)
                .withName(name));
    }

    @Override
    ReplicaFacts facts(HorizontalPodAutoscaler hpa) {
        var status = hpa.getStatus();
        if (status == null) {
            return ReplicaFacts.NONE;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (status.getCurrentMetrics() != null) {
            for (MetricStatus m : status.getCurrentMetrics()) {
                metric(m, metrics);
            }
        }
        return new ReplicaFacts(status.getDesiredReplicas(), null, null, metrics);
    }

    private static void metric(MetricStatus m, Map<String, Double> into) {
        if (m.getPods() != null) {
            put(into, m.getPods().getMetric().getName(), m.getPods().getCurrent());
        } else if (m.getObject() != null) {
            put(into, m.getObject().getMetric().getName(), m.getObject().getCurrent());
        } else if (m.getExternal() != null) {
            put(into, m.getExternal().getMetric().getName(), m.getExternal().getCurrent());
        } else if (m.getResource() != null) {
            put(into, m.getResource().getName(), m.getResource().getCurrent());
        } else if (m.getContainerResource() != null) {
            put(into, m.getContainerResource().getContainer() + "/" + m.getContainerResource().getName(),
                    m.getContainerResource().getCurrent());
        }
    }

    /** The value as the HPA compares it: an average per pod, else the total, else a utilization in percent. */
    private static void put(Map<String, Double> into, String name, MetricValueStatus current) {
        if (name == null || current == null) {
            return;
        }
        Double value = number(current.getAverageValue());
        value = value != null ? value : number(current.getValue());
        value = value != null ? value
                : current.getAverageUtilization() == null ? null : current.getAverageUtilization().doubleValue();
        if (value != null) {
            into.put(name, value);
        }
    }

    private static Double number(Quantity q) {
        return q == null ? null : q.getNumericalAmount().doubleValue();
    }
}
