package io.llmload.runner.workload;

import io.llmload.runner.openai.Api;
import io.llmload.runner.openai.RequestBodies;
import io.llmload.runner.openai.ResponsesApi;
import io.llmload.runner.openai.ScoringApi;
import io.llmload.runner.plan.RunnerShare;
import io.llmload.runner.report.DatasetUsage;
import io.llmload.runner.spec.WorkloadSpec;
import io.llmload.runner.workload.dataset.DatasetException;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws requests from the weighted mix. Deterministic for a seed: the same seed (and dataset files) yields the same
 * sequence of request types, prompts and output lengths. Not thread-safe: the engine uses it from its one event
 * loop. Close it to release dataset files.
 */
public final class RequestFactory implements AutoCloseable {

    private final List<RequestType> types;
    private final List<PromptSource> sources;
    private final int[] systemPromptTokens;
    private final double[] cumulativeWeights;
    private final String model;
    private final Tokenizer tokenizer;
    private final SplittableRandom random;
    private final Composites composites;

    public RequestFactory(WorkloadSpec workload, String model, long seed) {
        this(workload, model, seed, RunnerShare.SOLE);
    }

    /**
     * @param share which entries of a dataset are this runner's
     * @throws io.llmload.runner.workload.dataset.DatasetException when a type's dataset cannot be used (the message
     *     names the file and the problem)
     */
    public RequestFactory(WorkloadSpec workload, String model, long seed, RunnerShare share) {
        this.tokenizer = Tokenizer.of(workload).preload();
        List<RequestType> resolved = new ArrayList<>();
        List<PromptSource> built = new ArrayList<>();
        try {
            for (int i = 0; i < workload.mix().size(); i++) {
                var spec = workload.mix().get(i);
                resolved.add(RequestType.from(i, spec));
                try {
                    built.add(PromptSources.of(spec.prompt(), spec.name(), tokenizer, share));
                } catch (DatasetException e) {
                    throw new DatasetException("spec.workload.mix[" + i + "].prompt.dataset: " + e.getMessage(), e);
                }
            }
        } catch (RuntimeException e) {
            built.forEach(PromptSource::close);
            throw e;
        }
        this.types = List.copyOf(resolved);
        this.sources = List.copyOf(built);
        this.systemPromptTokens = types.stream().mapToInt(t -> tokenizer.count(t.systemPrompt())).toArray();
        this.cumulativeWeights = new double[types.size()];
        double sum = 0;
        for (int i = 0; i < types.size(); i++) {
            sum += types.get(i).weight();
            cumulativeWeights[i] = sum;
        }
        this.model = model;
        this.random = new SplittableRandom(seed);
        this.composites = new Composites(workload, types, model, tokenizer);
    }

    public List<RequestType> types() {
        return types;
    }

    /** The tokenizer the manifest names: prompts are sized with it, and the client counts output with it. */
    public Tokenizer tokenizer() {
        return tokenizer;
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
        UserRequest composite = composites.start(type, t -> nextUserMessage(t).text(), random);
        return composite != null ? composite : new SingleRequest(prepare(type));
    }

    public PreparedRequest next() {
        return prepare(pick());
    }

    private PreparedRequest prepare(RequestType type) {
        UserMessage message = nextUserMessage(type);
        switch (type.api()) {
            case EMBEDDINGS: {
                List<String> inputs = new ArrayList<>(type.batchSize());
                int promptTokens = message.tokens();
                inputs.add(message.text());
                for (int i = 1; i < type.batchSize(); i++) {
                    UserMessage more = nextUserMessage(type);
                    promptTokens += more.tokens();
                    inputs.add(more.text());
                }
                return new PreparedRequest(type, RequestBodies.embeddings(model, inputs), promptTokens, 0);
            }
            case COMPLETIONS: {
                int maxTokens = maxTokens(type, message);
                return new PreparedRequest(type, RequestBodies.completions(model, message.text(), maxTokens,
                        type.stream(), type.sampling()), message.tokens(), maxTokens);
            }
            case RESPONSES: {
                int maxTokens = maxTokens(type, message);
                int systemTokens = systemPromptTokens[type.index()];
                return new PreparedRequest(type, ResponsesApi.body(model, type.systemPrompt(), message.text(),
                        maxTokens, type.stream(), type.sampling()), message.tokens() + systemTokens, maxTokens);
            }
            case RERANK:
            case SCORE:
                return scoring(type, message);
            default: {
                int maxTokens = maxTokens(type, message);
                String systemPrompt = type.systemPrompt();
                int systemTokens = systemPromptTokens[type.index()];
                if (systemPrompt == null && message.entry() != null && message.entry().systemPrompt() != null) {
                    systemPrompt = message.entry().systemPrompt();
                    systemTokens = tokenizer.count(systemPrompt);
                }
                return new PreparedRequest(type, RequestBodies.chat(model, systemPrompt, message.text(), maxTokens,
                        type.stream(), type.sampling()), message.tokens() + systemTokens, maxTokens);
            }
        }
    }

    /**
     * A rerank or score request: the user message is the query, scored against synthetic documents. A cross-encoder
     * reads each (query, document) pair, so the prompt tokens are documents × query + all document tokens.
     */
    private PreparedRequest scoring(RequestType type, UserMessage query) {
        RequestType.Documents documents = type.documents();
        List<String> texts = new ArrayList<>(documents.count());
        long promptTokens = 0;
        for (int i = 0; i < documents.count(); i++) {
            int tokens = documents.tokens().sample(random);
            texts.add(SyntheticText.ofTokens(tokenizer, tokens, random));
            promptTokens += tokens + query.tokens();
        }
        Buffer body = type.api() == Api.RERANK ? ScoringApi.rerank(model, query.text(), texts, documents.topN())
                : ScoringApi.score(model, query.text(), texts);
        return new PreparedRequest(type, body, (int) Math.min(Integer.MAX_VALUE, promptTokens), 0);
    }

    /**
     * The next user message of {@code type}, from its prompt source (fixed text, synthetic, inline list or dataset)
     * with its shared prefix: the one place a type's messages are drawn.
     */
    public UserMessage nextUserMessage(RequestType type) {
        return sources.get(Objects.checkIndex(type.index(), sources.size())).next(random);
    }

    /** What the report says about each type's dataset (types without one are left out). */
    public List<DatasetUsage> datasetUsage() {
        List<DatasetUsage> usage = new ArrayList<>();
        for (RequestType type : types) {
            DatasetUsage u = sources.get(type.index()).datasetUsage(type.name());
            if (u != null) {
                usage.add(u);
            }
        }
        return usage;
    }

    @Override
    public void close() {
        sources.forEach(PromptSource::close);
    }

    /** A dataset's own output length (capped by output.maxTokens' max), else a draw from output.maxTokens. */
    private int maxTokens(RequestType type, UserMessage message) {
        if (message.outputTokens() > 0) {
            return type.maxTokensCap() == null ? message.outputTokens()
                    : Math.min(message.outputTokens(), type.maxTokensCap());
        }
        return type.maxTokens().sample(random);
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
