package io.llmload.operator.dependent;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.runner.spec.DatasetSpec;
import io.llmload.runner.spec.RequestTypeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the runner pods find each request type's dataset: a ConfigMap key or a PersistentVolumeClaim, mounted
 * read-only at {@code /var/run/llmload/datasets/<mix index>}. The Job mounts them; the plan tells each runner the
 * file to read ({@code datasetFiles}), so both are derived here from one list.
 */
final class DatasetMounts {

    static final String ROOT = "/var/run/llmload/datasets";

    /** One request type's dataset as the pod sees it. */
    record Mount(String requestType, Volume volume, VolumeMount volumeMount, String file) {
    }

    private DatasetMounts() {
    }

    static List<Mount> of(LlmLoadTest test) {
        List<Mount> mounts = new ArrayList<>();
        var workload = test.getSpec().getWorkload();
        if (workload == null || workload.mix() == null) {
            return mounts;
        }
        for (int i = 0; i < workload.mix().size(); i++) {
            RequestTypeSpec type = workload.mix().get(i);
            DatasetSpec dataset = type == null || type.prompt() == null ? null : type.prompt().dataset();
            if (dataset != null) {
                mount(i, type.name(), dataset, mounts);
            }
        }
        return mounts;
    }

    /** Request type name → the file its runner reads. */
    static Map<String, String> files(LlmLoadTest test) {
        Map<String, String> files = new LinkedHashMap<>();
        of(test).forEach(m -> files.put(m.requestType(), m.file()));
        return files;
    }

    private static void mount(int index, String typeName, DatasetSpec dataset, List<Mount> mounts) {
        String name = "dataset-" + index;
        String dir = ROOT + "/" + index;
        VolumeMount volumeMount = new VolumeMountBuilder().withName(name).withMountPath(dir).withReadOnly(true).build();
        if (dataset.configMapRef() != null) {
            String key = dataset.configMapRef().key();
            Volume volume = new VolumeBuilder().withName(name).withNewConfigMap()
                    .withName(dataset.configMapRef().name()).addNewItem().withKey(key).withPath(key).endItem()
                    .endConfigMap().build();
            mounts.add(new Mount(typeName, volume, volumeMount, dir + "/" + key));
        } else if (dataset.persistentVolumeClaim() != null) {
            Volume volume = new VolumeBuilder().withName(name).withNewPersistentVolumeClaim()
                    .withClaimName(dataset.persistentVolumeClaim().claimName()).withReadOnly(true)
                    .endPersistentVolumeClaim().build();
            mounts.add(new Mount(typeName, volume, volumeMount, dir + "/" + dataset.persistentVolumeClaim().path()));
        }
    }
}
