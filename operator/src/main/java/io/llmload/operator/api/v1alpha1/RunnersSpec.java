package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;

/**
 * How the operator runs the load generators: how many pods, which image, where they are scheduled (CPU nodes near
 * the target, not GPU nodes) and what else their pods carry (labels and annotations, e.g. to keep a service mesh's
 * sidecar out of the latency path; environment; extra volumes).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunnersSpec {

    /** One runner handles thousands of streams; the bound also keeps pod hostnames within 63 characters. */
    public static final int MAX_REPLICAS = 100;

    @Min(1)
    @Max(MAX_REPLICAS)
    @Default("1")
    @JsonPropertyDescription("Number of runner pods, 1 to " + MAX_REPLICAS + "; the load is split evenly between them "
            + "(default 1).")
    private Integer replicas;

    @JsonPropertyDescription("Runner container image (default: the image matching the operator's version); only "
            + "those the operator's configuration allows (llmload.runner.allowed-images).")
    private String image;

    @JsonPropertyDescription("CPU and memory requests and limits of each runner container.")
    private ResourceRequirements resources;

    @Size(max = 32)
    @JsonPropertyDescription("Node labels the runner pods must match.")
    private Map<String, String> nodeSelector;

    @Size(max = 32)
    @JsonPropertyDescription("Tolerations of the runner pods.")
    private List<Toleration> tolerations;

    @Size(max = 16)
    @JsonPropertyDescription("Secrets used to pull the runner image.")
    private List<LocalObjectReference> imagePullSecrets;

    @JsonPropertyDescription("Service account of the runner pods (default: the namespace's default account); only "
            + "those the operator's configuration allows (llmload.runner.allowed-service-accounts).")
    private String serviceAccountName;

    @JsonPropertyDescription("How long the runner pods may take to become ready before the test fails, e.g. 5m "
            + "(default 5m): covers image pulls and scheduling.")
    private String startTimeout;

    @JsonPropertyDescription("Affinity of the runner pods (e.g. near the target's zone, away from GPU nodes).")
    private Affinity affinity;

    @Size(max = 8)
    @JsonPropertyDescription("How the runner pods spread over nodes or zones.")
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    @JsonPropertyDescription("PriorityClass of the runner pods.")
    private String priorityClassName;

    @Size(max = 64)
    @JsonPropertyDescription("Extra environment variables of the runner container (e.g. HTTPS_PROXY, NO_PROXY, a "
            + "header's valueFromEnv). Names starting with LLMLOAD_, JAVA_TOOL_OPTIONS and JOB_COMPLETION_INDEX are the "
            + "runner's own.")
    private List<EnvVar> env;

    @Size(max = 32)
    @JsonPropertyDescription("Extra volumes of the runner pods (mount them with volumeMounts).")
    private List<Volume> volumes;

    @Size(max = 32)
    @JsonPropertyDescription("Extra volume mounts of the runner container (not under /etc/llmload, /tmp or "
            + "/var/run/llmload).")
    private List<VolumeMount> volumeMounts;

    @Size(max = 32)
    @JsonPropertyDescription("Extra labels of the runner pods; the operator's own (app.kubernetes.io/managed-by, "
            + "app.kubernetes.io/name, llmload.io/test) cannot be changed.")
    private Map<String, String> labels;

    @Size(max = 32)
    @JsonPropertyDescription("Extra annotations of the runner pods, e.g. sidecar.istio.io/inject: \"false\" to keep a "
            + "mesh sidecar out of the measured latency.")
    private Map<String, String> annotations;

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public List<LocalObjectReference> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets;
    }

    public String getServiceAccountName() {
        return serviceAccountName;
    }

    public void setServiceAccountName(String serviceAccountName) {
        this.serviceAccountName = serviceAccountName;
    }

    public String getStartTimeout() {
        return startTimeout;
    }

    public void setStartTimeout(String startTimeout) {
        this.startTimeout = startTimeout;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
        return topologySpreadConstraints;
    }

    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
        this.topologySpreadConstraints = topologySpreadConstraints;
    }

    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }

    public List<EnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env;
    }

    public List<Volume> getVolumes() {
        return volumes;
    }

    public void setVolumes(List<Volume> volumes) {
        this.volumes = volumes;
    }

    public List<VolumeMount> getVolumeMounts() {
        return volumeMounts;
    }

    public void setVolumeMounts(List<VolumeMount> volumeMounts) {
        this.volumeMounts = volumeMounts;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
