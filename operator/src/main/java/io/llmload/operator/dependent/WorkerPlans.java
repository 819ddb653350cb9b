package io.llmload.operator.dependent;

import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.runner.spec.ServiceRef;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.worker.WorkerPlan;

/** Builds the plan every runner of a test reads: the runner part of the spec plus what the operator resolved. */
public final class WorkerPlans {

    private WorkerPlans() {
    }

    /** The plan without a start deadline (as the CLI's tests and tools use it). */
    public static WorkerPlan of(LlmLoadTest test, OperatorConfig config) {
        var spec = test.getSpec();
        long seed = spec.getWorkload().seed() == null ? 1 : spec.getWorkload().seed();
        return new WorkerPlan(test.getMetadata().getName(), test.getMetadata().getNamespace(), replicas(test),
                targetUrl(spec.getTarget(), test.getMetadata().getNamespace()), spec.getTarget().model(),
                spec.toRunnerSpec(), seed, config.runner().controlPort(), DatasetMounts.files(test),
                TargetMounts.files(test), null);
    }

    public static int replicas(LlmLoadTest test) {
        var runners = test.getSpec().getRunners();
        return runners == null || runners.getReplicas() == null ? 1 : runners.getReplicas();
    }

    /** spec.target.url as written, or the cluster DNS name of spec.target.service. */
    public static String targetUrl(TargetSpec target, String testNamespace) {
        if (target.url() != null && !target.url().isBlank()) {
            return target.url().trim();
        }
        ServiceRef service = target.service();
        String namespace = service.namespace() == null ? testNamespace : service.namespace();
        int port = service.port() == null ? 8000 : service.port();
        return "http://" + service.name() + "." + namespace + ".svc:" + port;
    }
}
