package io.llmload.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.runner.worker.ControlToken;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The test's control token ({@code <test>-runner-token}, key {@value #KEY}): a random {@link ControlToken} the
 * runner pods read from a mounted file and the operator sends with every control call, so runners obey only their
 * operator. Created once per test and immutable; it lives as long as the test (owner reference) and is read back
 * from the informer's cache, so a restarted operator still holds it.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class RunnerTokenSecretDependent extends KubernetesDependentResource<Secret, LlmLoadTest>
        implements Creator<Secret, LlmLoadTest>, GarbageCollected<LlmLoadTest> {

    public static final String KEY = "token";

    public RunnerTokenSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(LlmLoadTest test, Context<LlmLoadTest> context) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(Labels.runnerTokenSecret(test))
                .withNamespace(test.getMetadata().getNamespace())
                .withLabels(Labels.of(test))
                .endMetadata()
                .withType("Opaque")
                .withImmutable(true)
                .withData(Map.of(KEY, Base64.getEncoder().encodeToString(
                        ControlToken.generate().value().getBytes(StandardCharsets.US_ASCII))))
                .build();
    }

    /** The token of the context's test, once its Secret is in the cache. */
    public static Optional<ControlToken> token(Context<LlmLoadTest> context) {
        String name = Labels.runnerTokenSecret(context.getPrimaryResource());
        return context.getSecondaryResources(Secret.class).stream()
                .filter(s -> name.equals(s.getMetadata().getName()) && s.getData() != null
                        && s.getData().get(KEY) != null)
                .findFirst()
                .map(s -> ControlToken.of(new String(Base64.getDecoder().decode(s.getData().get(KEY)),
                        StandardCharsets.US_ASCII)));
    }
}
