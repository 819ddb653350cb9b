package io.llmload.runner.workload;

import io.llmload.runner.report.DatasetUsage;
import java.util.SplittableRandom;

/** Where one request type's user messages come from. Used from the engine's one event loop only. */
interface PromptSource extends AutoCloseable {

    UserMessage next(SplittableRandom random);

    /** What the report says about the dataset behind this source, or null when there is none. */
    default DatasetUsage datasetUsage(String requestType) {
        return null;
    }

    @Override
    default void close() {
    }
}
