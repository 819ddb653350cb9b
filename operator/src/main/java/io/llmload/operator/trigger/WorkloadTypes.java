package io.llmload.operator.trigger;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The workload kinds {@code spec.trigger.onRollout} can follow. */
public final class WorkloadTypes {

    public static final List<WorkloadType> ALL = List.of(new DeploymentRollout(), new StatefulSetRollout(),
            new InferenceServiceRollout(), new LeaderWorkerSetRollout());

    private WorkloadTypes() {
    }

    public static Optional<WorkloadType> find(String apiVersion, String kind) {
        return ALL.stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst();
    }

    /** For error messages: "apps/v1 Deployment, apps/v1 StatefulSet, ...". */
    public static String supported() {
        return ALL.stream().map(t -> t.apiVersion() + " " + t.kind()).collect(Collectors.joining(", "));
    }
}
