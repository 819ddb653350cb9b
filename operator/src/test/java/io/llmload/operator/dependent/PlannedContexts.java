package io.llmload.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A reconcile context holding only what the lifecycle hands the dependents after planning ({@link PlannedRun}), for
 * calling a dependent's {@code desired} directly. Anything else asked of it fails the test loudly.
 */
final class PlannedContexts {

    private PlannedContexts() {
    }

    @SuppressWarnings("unchecked")
    static Context<LlmLoadTest> planned(PlannedRun run) {
        Map<Object, Object> values = new HashMap<>();
        ManagedWorkflowAndDependentResourceContext workflow = (ManagedWorkflowAndDependentResourceContext) Proxy
                .newProxyInstance(PlannedContexts.class.getClassLoader(),
                        new Class<?>[] { ManagedWorkflowAndDependentResourceContext.class }, (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "put":
                                    return values.put(args[0], args[1]);
                                case "get":
                                    return Optional.ofNullable(values.get(args[0]));
                                default:
                                    throw new UnsupportedOperationException(method.getName());
                            }
                        });
        Context<LlmLoadTest> context = (Context<LlmLoadTest>) Proxy.newProxyInstance(
                PlannedContexts.class.getClassLoader(), new Class<?>[] { Context.class }, (proxy, method, args) -> {
                    if (method.getName().equals("managedWorkflowAndDependentResourceContext")) {
                        return workflow;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        run.putInto(context);
        return context;
    }
}
