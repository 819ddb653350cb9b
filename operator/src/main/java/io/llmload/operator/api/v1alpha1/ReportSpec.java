package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** {@code spec.report}: where each run's full report is kept, and whether it outlives the test. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReportSpec {

    @Default("false")
    @JsonPropertyDescription("Keep the per-run report ConfigMaps when the test is deleted (default false: they are "
            + "owned by the test and deleted with it). Kept ones carry the labels llmload.io/test and "
            + "llmload.io/retained for cleanup.")
    private Boolean retainAfterDelete;

    @JsonPropertyDescription("Also write each run's report (report.json, report.html, report.csv) to a "
            + "PersistentVolumeClaim, under <path>/<test>/<run id>/.")
    private ReportPvcSpec pvc;

    public Boolean getRetainAfterDelete() {
        return retainAfterDelete;
    }

    public void setRetainAfterDelete(Boolean retainAfterDelete) {
        this.retainAfterDelete = retainAfterDelete;
    }

    public boolean retained() {
        return Boolean.TRUE.equals(retainAfterDelete);
    }

    public ReportPvcSpec getPvc() {
        return pvc;
    }

    public void setPvc(ReportPvcSpec pvc) {
        this.pvc = pvc;
    }
}
