package io.llmload.runner.workload;

import io.llmload.runner.openai.RequestBodies;
import io.llmload.runner.spec.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
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
    }

    public List<RequestType> types() {
        return types;
    }

    public PreparedRequest next() {
        RequestType type = pick();
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
