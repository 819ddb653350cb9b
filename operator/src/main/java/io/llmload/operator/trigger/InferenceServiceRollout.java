package io.llmload.operator.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * KServe serving.kserve.io/v1beta1 InferenceService. Complete: the latest generation observed, the Ready condition
 * True, every component's latest created revision also its latest ready one (serverless mode; raw deployments have
 * no revisions), and the model transition UpToDate. A model that failed to load, or a spec KServe refused, stops the
 * rollout. The revision is the spec of its components without their scaling settings (min/max replicas, scale
 * target and metric), so an autoscaling change is not a new revision.
 */
final class InferenceServiceRollout extends WorkloadType {

    InferenceServiceRollout() {
        super("serving.kserve.io/v1beta1", "InferenceService", "inferenceservices");
    }

    static final List<String> COMPONENTS = List.of("predictor", "transformer", "explainer");
    /** ComponentExtensionSpec fields that change how many replicas run, not what they run. */
    static final List<String> SCALING = List.of("minReplicas", "maxReplicas", "scaleTarget", "scaleMetric",
            "scaleMetricType", "autoScaling");

    @Override
    public RolloutState read(JsonNode object) {
        WorkloadRevision revision = revision(object);
        JsonNode status = object.path("status");
        String transition = ObjectFields.text(status.path("modelStatus").path("transitionStatus"));
        if ("BlockedByFailedLoad".equals(transition) || "InvalidSpec".equals(transition)) {
            JsonNode failure = status.path("modelStatus").path("lastFailureInfo");
            return RolloutState.failed("model transition " + transition
                    + (failure.has("message") ? ": " + failure.path("message").asText() : ""), revision);
        }
        if (!ObjectFields.generationObserved(object)) {
            return RolloutState.waiting("KServe has not yet seen generation " + revision.generation(), revision);
        }
        JsonNode ready = ObjectFields.conditionNode(object, "Ready");
        if (ready == null || !"True".equals(ready.path("status").asText())) {
            return RolloutState.waiting("Ready is " + (ready == null ? "not reported" : ready.path("status").asText()
                    + (ready.has("message") ? " (" + ready.path("message").asText() + ")" : "")), revision);
        }
        for (String component : COMPONENTS) {
            JsonNode c = status.path("components").path(component);
            String created = ObjectFields.text(c.path("latestCreatedRevision"));
            String readyRevision = ObjectFields.text(c.path("latestReadyRevision"));
            if (created != null && !created.equals(readyRevision)) {
                return RolloutState.waiting(component + " revision " + created + " is not ready yet (ready: "
                        + readyRevision + ")", revision);
            }
        }
        if (transition != null && !"UpToDate".equals(transition)) {
            return RolloutState.waiting("model transition " + transition, revision);
        }
        return RolloutState.complete(revision);
    }

    static WorkloadRevision revision(JsonNode object) {
        JsonNode spec = object.path("spec");
        var defining = spec.deepCopy();
        List<ServingContainer> containers = new ArrayList<>();
        String model = null;
        for (String component : COMPONENTS) {
            JsonNode c = spec.path(component);
            if (c.isMissingNode()) {
                continue;
            }
            if (defining.isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) defining).set(component,
                        Fingerprint.without(c, SCALING));
            }
            for (JsonNode container : c.path("containers")) {
                containers.add(ServingContainer.of(component + "/" + container.path("name").asText(), container));
            }
            // spec.predictor.model, or a framework field (sklearn, pytorch, huggingface...): a container-shaped
            // object with the model's storage location.
            var fields = c.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                JsonNode v = field.getValue();
                if (v.isObject() && (v.has("storageUri") || v.has("modelFormat") || v.has("storage"))) {
                    containers.add(ServingContainer.of(component + "/" + field.getKey(), v));
                    if (model == null && "predictor".equals(component)) {
                        model = storage(v);
                    }
                }
            }
        }
        if (model == null) {
            model = containers.stream().map(ServingContainer::model).filter(m -> m != null).findFirst().orElse(null);
        }
        String name = ObjectFields.text(object.path("status").path("components").path("predictor")
                .path("latestReadyRevision"));
        return new WorkloadRevision(Fingerprint.of(defining), ObjectFields.generation(object), name, containers,
                model);
    }

    private static String storage(JsonNode modelSpec) {
        String uri = ObjectFields.text(modelSpec.path("storageUri"));
        if (uri != null) {
            return uri;
        }
        JsonNode storage = modelSpec.path("storage");
        return storage.has("path") ? storage.path("key").asText("") + ":" + storage.path("path").asText() : null;
    }
}
