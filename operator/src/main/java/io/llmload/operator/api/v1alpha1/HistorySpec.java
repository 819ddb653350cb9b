package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** {@code spec.history}: how many runs are kept, in status.history and as per-run reports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HistorySpec {

    public static final int DEFAULT_LIMIT = 10;
    /** status.history entries are small, but the status is one object with a size budget. */
    public static final int MAX_LIMIT = 50;

    @Min(1)
    @Max(MAX_LIMIT)
    @Default("10")
    @JsonPropertyDescription("Runs kept (default 10, at most 50); the oldest run and its report go first. A pinned "
            + "regression baseline is kept beyond the limit.")
    private Integer limit;

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public int limitOrDefault() {
        return limit == null ? DEFAULT_LIMIT : limit;
    }
}
