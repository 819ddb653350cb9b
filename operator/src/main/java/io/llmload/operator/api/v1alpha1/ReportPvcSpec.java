package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** {@code spec.report.pvc}: a PersistentVolumeClaim in the test's namespace that collects reports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReportPvcSpec {

    @Required
    @JsonPropertyDescription("Name of the PersistentVolumeClaim (in the test's namespace).")
    private String claimName;

    @JsonPropertyDescription("Directory inside the volume (default: its root); reports go to <path>/<test>/<run id>/.")
    private String path;

    public String getClaimName() {
        return claimName;
    }

    public void setClaimName(String claimName) {
        this.claimName = claimName;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }
}
