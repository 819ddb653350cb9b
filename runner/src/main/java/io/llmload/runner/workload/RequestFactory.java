package io.llmload.runner.workload;

import io.llmload.runner.openai.RequestBodies;
import io.llmload.runner.spec.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws requests from the weighted mix. Deterministic for a seed: the same seed yields the same sequence of
 * request types, prompts and output lengths. Not thread-safe: the engine uses it from its one event loop.
 */
public final class RequestFactory {

    private final List<RequestType> types;
    private final double[] cumulativeWeights;
    private final String model;
    private final SplittableRandom random;
    private final Composites composites;

    public RequestFactory(WorkloadSpec workload, String model, long seed) {
        List<RequestType> resolved = new ArrayList<>();
        for (int i = 0; i < workload.mix().size(); i++) {
            resolved.add(RequestType.from(i, workload.mix().get(i)));
        }
        this.types = List.copyOf(resolved);
        this.cumulativeWeights = new double[types.size()];
        double sum = 0;
        for (int i = 0; i < types.size(); i++) {
            sum += types.get(i).weight();
            cumulativeWeights[i] = sum;
        }
        this.model = model;
        this.random = new SplittableRandom(seed);
        this.composites = new Composites(workload, types, model);
    }

    public List<RequestType> types() {
        return types;
    }

    /** Metrics cells by index ({@link PreparedRequest#type()}'s index and {@link UserRequest#userRequestCell()}). */
    public List<String> cellNames() {
        return composites.cellNames();
    }

    /** The cells holding requests, in mix order (a RAG entry's two calls in place of the entry). */
    public List<String> requestTypeNames() {
        return composites.requestTypeNames();
    }

    /** The composite entries (RAG, sessions, chains), whose cells also hold per-user-request figures. */
    public Set<String> userRequestTypes() {
        return composites.userRequestTypes();
    }

    /** The next user request from the weighted mix: a single request, or the first step of a composite. */
    public UserRequest nextUserRequest() {
        RequestType type = pick();
        UserRequest composite = composites.start(type, this::drawPrompt, random);
        return composite != null ? composite : new SingleRequest(prepare(type));
    }

    public PreparedRequest next() {
        return prepare(pick());
    }

    private PreparedRequest prepare(RequestType type) {
        String prompt = drawPrompt(type);
        int promptTokens = TokenCounter.count(prompt) + TokenCounter.count(type.systemPrompt());
        switch (type.api()) {
            case EMBEDDINGS:
                List<String> inputs = new ArrayList<>(type.batchSize());
                inputs.add(prompt);
                for (int i = 1; i < type.batchSize(); i++) {
                    String more = drawPrompt(type);
                    promptTokens += TokenCounter.count(more);
                    inputs.add(more);
                }
                return new PreparedRequest(type, RequestBodies.embeddings(model, inputs), promptTokens, 0);
            case COMPLETIONS: {
                int maxTokens = type.maxTokens().sample(random);
                return new PreparedRequest(type, RequestBodies.completions(model, prompt, maxTokens, type.stream(),
                        type.ignoreEos(), type.temperature()), promptTokens, maxTokens);
            }
            default: {
                int maxTokens = type.maxTokens().sample(random);
                return new PreparedRequest(type, RequestBodies.chat(model, type.systemPrompt(), prompt, maxTokens,
                        type.stream(), type.ignoreEos(), type.temperature()), promptTokens, maxTokens);
            }
        }
    }

    private String drawPrompt(RequestType type) {
        return type.fixedPrompt() != null
                ? type.fixedPrompt()
                : SyntheticPrompt.ofTokens(type.promptTokens().sample(random), random);
    }

    private RequestType pick() {
        if (types.size() == 1) {
            return types.get(0);
        }
        double x = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (x < cumulativeWeights[i]) {
                return types.get(i);
            }
        }
        return types.get(types.size() - 1);
    }
}
