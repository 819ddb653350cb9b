package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** How the operator runs the load generators: how many pods, which image, and where they are scheduled. */
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
}
