package io.llmload.runner.regression;

import io.llmload.runner.spec.RegressionSpec;

/** What a run is compared with ({@code spec.regression.baseline}). */
public enum BaselineKind {
    /** The latest earlier run that passed. */
    PREVIOUS_PASS(RegressionSpec.PREVIOUS_PASS),
    /** Per metric, the median of the last K passing runs: one lucky or unlucky run does not move the bar. */
    MEDIAN(RegressionSpec.MEDIAN),
    /** One run chosen by the user (a release they trust). */
    PINNED(RegressionSpec.PINNED);

    private final String specName;

    BaselineKind(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    /** The kind named in the spec (null: the default), or null when the name is unknown. */
    public static BaselineKind bySpecName(String name) {
        if (name == null) {
            return PREVIOUS_PASS;
        }
        for (BaselineKind kind : values()) {
            if (kind.specName.equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
