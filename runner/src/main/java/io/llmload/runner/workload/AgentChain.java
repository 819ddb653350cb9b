package io.llmload.runner.workload;

import io.llmload.runner.openai.RequestBodies;
import io.llmload.runner.spec.ChainSpec;
import io.llmload.runner.spec.RequestTypeSpec;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * An agent chain: N chat calls in sequence, like an agent planning, calling tools and summarising. With
 * {@code carryOutput} each step's prompt starts with the previous step's reply, then the step's own instruction.
 */
final class AgentChain implements UserRequest {

    /** Mix entries with a {@code chain}: their steps land in the entry's own cell. */
    static final CompositeKind KIND = new CompositeKind() {
        @Override
        public boolean of(RequestTypeSpec spec) {
            return spec.chain() != null;
        }

        @Override
        public Starter starter(RequestType type, RequestTypeSpec spec, Setup setup) {
            ChainSpec chain = spec.chain();
            int steps = chain.steps() == null ? ChainSpec.DEFAULT_STEPS : chain.steps();
            boolean carry = chain.carryOutput() == null || chain.carryOutput();
            return (draw, random) -> new AgentChain(type, setup.model(), steps, carry, () -> draw.apply(type),
                    () -> type.maxTokens().sample(random), setup.tokenizer());
        }
    };

    private final RequestType type;
    private final String model;
    private final int steps;
    private final boolean carryOutput;
    private final Supplier<String> userMessages;
    private final IntSupplier maxTokens;
    private final Tokenizer tokenizer;
    private int step;

    AgentChain(RequestType type, String model, int steps, boolean carryOutput, Supplier<String> userMessages,
            IntSupplier maxTokens, Tokenizer tokenizer) {
        this.type = type;
        this.tokenizer = tokenizer;
        this.model = model;
        this.steps = steps;
        this.carryOutput = carryOutput;
        this.userMessages = userMessages;
        this.maxTokens = maxTokens;
    }

    @Override
    public PreparedRequest first() {
        return nextStep(null);
    }

    @Override
    public PreparedRequest next(String reply) {
        return step >= steps ? null : nextStep(carryOutput ? reply : null);
    }

    private PreparedRequest nextStep(String carried) {
        String message = userMessages.get();
        String prompt = carried == null ? message : carried + "\n\n" + message;
        step++;
        int max = maxTokens.getAsInt();
        return new PreparedRequest(type, RequestBodies.chat(model, type.systemPrompt(), prompt, max, type.stream(),
                type.sampling()), tokenizer.count(prompt) + tokenizer.count(type.systemPrompt()), max,
                carryOutput && step < steps);
    }

    @Override
    public int userRequestCell() {
        return type.index();
    }
}
