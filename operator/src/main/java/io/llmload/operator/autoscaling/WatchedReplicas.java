package io.llmload.operator.autoscaling;

/**
 * One object the operator watches for a test's replica timeline — the scaled workload or its autoscaler — behind an
 * informer on that one object, so every change is seen when it happens, not only at a poll. One class per kind.
 */
interface WatchedReplicas extends AutoCloseable {

    /** E.g. {@code Deployment models/vllm}. */
    String describe();

    /** Starts the informer; {@code onChange} runs on the informer's thread after every add, update or delete. */
    void start(Runnable onChange);

    /** What the object says now, from the informer's cache: {@link ReplicaFacts#NONE} while it does not exist. */
    ReplicaFacts now();

    /** Stops the informer; never throws. */
    @Override
    void close();
}
