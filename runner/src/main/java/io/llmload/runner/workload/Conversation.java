package io.llmload.runner.workload;

import io.llmload.runner.openai.ChatMessage;
import io.llmload.runner.openai.RequestBodies;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.RequestTypeSpec;
import io.llmload.runner.spec.SessionSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A multi-turn chat session: every turn sends the conversation so far — the system prompt, the earlier user
 * messages and the assistant's actual replies — plus a new user message, so prompts grow turn after turn as they do
 * in a chat product.
 */
final class Conversation implements UserRequest {

    /** Mix entries with a {@code session}: their turns land in the entry's own cell. */
    static final CompositeKind KIND = new CompositeKind() {
        @Override
        public boolean of(RequestTypeSpec spec) {
            return spec.session() != null;
        }

        @Override
        public Starter starter(RequestType type, RequestTypeSpec spec, Setup setup) {
            TokenDistribution turns = TokenDistribution.of(spec.session().turns());
            long thinkNanos = Durations.parseOr(spec.session().thinkTime(), Duration.ZERO).toNanos();
            return (draw, random) -> new Conversation(type, setup.model(),
                    Math.min(SessionSpec.MAX_TURNS, turns.sample(random)), thinkNanos, () -> draw.apply(type),
                    () -> type.maxTokens().sample(random), setup.tokenizer());
        }
    };

    private final RequestType type;
    private final String model;
    private final int turns;
    private final long thinkNanos;
    private final Supplier<String> userMessages;
    private final IntSupplier maxTokens;
    private final Tokenizer tokenizer;
    private final List<ChatMessage> history = new ArrayList<>();
    private int historyTokens;
    private int turn;

    Conversation(RequestType type, String model, int turns, long thinkNanos, Supplier<String> userMessages,
            IntSupplier maxTokens, Tokenizer tokenizer) {
        this.type = type;
        this.tokenizer = tokenizer;
        this.model = model;
        this.turns = turns;
        this.thinkNanos = thinkNanos;
        this.userMessages = userMessages;
        this.maxTokens = maxTokens;
        if (type.systemPrompt() != null) {
            history.add(ChatMessage.system(type.systemPrompt()));
            historyTokens += tokenizer.count(type.systemPrompt());
        }
    }

    @Override
    public PreparedRequest first() {
        return nextTurn();
    }

    @Override
    public PreparedRequest next(String reply) {
        if (turn >= turns) {
            return null;
        }
        String text = reply == null ? "" : reply;
        history.add(ChatMessage.assistant(text));
        historyTokens += tokenizer.count(text);
        return nextTurn();
    }

    private PreparedRequest nextTurn() {
        String message = userMessages.get();
        history.add(ChatMessage.user(message));
        historyTokens += tokenizer.count(message);
        turn++;
        int max = maxTokens.getAsInt();
        // The last turn's reply feeds nothing: only earlier turns keep their text.
        return new PreparedRequest(type, RequestBodies.chat(model, history, max, type.stream(), type.sampling()),
                historyTokens, max, turn < turns);
    }

    @Override
    public long pauseNanos() {
        return thinkNanos;
    }

    @Override
    public int userRequestCell() {
        return type.index();
    }
}
