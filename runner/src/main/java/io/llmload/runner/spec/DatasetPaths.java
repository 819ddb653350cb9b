package io.llmload.runner.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Points request types' datasets at the files a runner actually reads: a CLI path relative to the manifest, or the
 * file the operator mounted into the runner pod.
 */
public final class DatasetPaths {

    private DatasetPaths() {
    }

    /**
     * The workload with each dataset read from {@code fileFor(type, dataset)}; a null answer leaves that dataset as
     * it is.
     */
    public static WorkloadSpec rewrite(WorkloadSpec workload, BiFunction<RequestTypeSpec, DatasetSpec, String> fileFor) {
        if (workload == null || workload.mix() == null) {
            return workload;
        }
        List<RequestTypeSpec> mix = new ArrayList<>(workload.mix().size());
        boolean changed = false;
        for (RequestTypeSpec type : workload.mix()) {
            DatasetSpec dataset = type == null || type.prompt() == null ? null : type.prompt().dataset();
            String file = dataset == null ? null : fileFor.apply(type, dataset);
            if (file != null) {
                mix.add(type.withPrompt(type.prompt().withDataset(dataset.atPath(file))));
                changed = true;
            } else {
                mix.add(type);
            }
        }
        return changed ? workload.withMix(mix) : workload;
    }
}
