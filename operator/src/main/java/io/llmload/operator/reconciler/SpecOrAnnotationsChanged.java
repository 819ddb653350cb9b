package io.llmload.operator.reconciler;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import java.util.Objects;

/**
 * Which updates of an LlmLoadTest call for a reconcile: spec edits (generation), annotation changes (the
 * {@code llmload.io/rerun} request does not bump the generation), finalizers and deletion — but not the operator's
 * own status patches, which would otherwise trigger an extra runner poll each time.
 */
public class SpecOrAnnotationsChanged implements OnUpdateFilter<LlmLoadTest> {

    @Override
    public boolean accept(LlmLoadTest updated, LlmLoadTest previous) {
        var now = updated.getMetadata();
        var before = previous.getMetadata();
        return !Objects.equals(now.getGeneration(), before.getGeneration())
                || !Objects.equals(now.getAnnotations(), before.getAnnotations())
                || !Objects.equals(now.getFinalizers(), before.getFinalizers())
                || now.getDeletionTimestamp() != null;
    }
}
