package io.llmload.operator.dependent;

import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import java.util.Map;

/** Names and labels of the objects the operator creates for a test. */
public final class Labels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "llmload-operator";
    public static final String TEST = "llmload.io/test";
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;
    /** Set by Kubernetes on every pod of an Indexed Job. */
    public static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";

    private Labels() {
    }

    public static Map<String, String> of(LlmLoadTest test) {
        return Map.of(MANAGED_BY, OPERATOR, TEST, test.getMetadata().getName(),
                "app.kubernetes.io/name", "llmload-runner");
    }

    /** What selects a test's runner pods (the NetworkPolicy's pod selector). */
    public static Map<String, String> runnerSelector(LlmLoadTest test) {
        return Map.of(MANAGED_BY, OPERATOR, TEST, test.getMetadata().getName());
    }

    public static String planConfigMap(LlmLoadTest test) {
        return test.getMetadata().getName() + "-plan";
    }

    public static String job(LlmLoadTest test) {
        return test.getMetadata().getName() + "-runners";
    }

    public static String runnerTokenSecret(LlmLoadTest test) {
        return test.getMetadata().getName() + "-runner-token";
    }

    public static String networkPolicy(LlmLoadTest test) {
        return test.getMetadata().getName() + "-runners";
    }
}
