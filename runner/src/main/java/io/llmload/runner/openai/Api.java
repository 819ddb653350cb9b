package io.llmload.runner.openai;

import java.util.List;
import java.util.Locale;

/**
 * The endpoints the load tester can drive. Paths are relative to the server's API base ({@code /v1} by default, see
 * {@code spec.target.basePath}). Rerank and score are vLLM's cross-encoder endpoints (Jina/Cohere-style rerank,
 * vLLM's score); vLLM also serves them at the root ({@code /rerank}, {@code /score}).
 */
public enum Api {
    CHAT("chat", "/chat/completions"),
    COMPLETIONS("completions", "/completions"),
    EMBEDDINGS("embeddings", "/embeddings"),
    /** OpenAI's Responses API as vLLM serves it: streamed as typed events (response.output_text.delta ...). */
    RESPONSES("responses", "/responses"),
    RERANK("rerank", "/rerank"),
    SCORE("score", "/score");

    /** The spec's names, in the order messages list them. */
    public static final List<String> NAMES = List.of("chat", "completions", "embeddings", "responses", "rerank",
            "score");

    private final String specName;
    private final String path;

    Api(String specName, String path) {
        this.specName = specName;
        this.path = path;
    }

    /** Request path, relative to the server's API base (e.g. {@code /v1}). */
    public String path() {
        return path;
    }

    /** The name a manifest uses ({@code api: ...}). */
    public String specName() {
        return specName;
    }

    /** Parses the spec's {@code api} value, case-insensitive. */
    public static Api parse(String name) {
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (Api api : values()) {
                if (api.specName.equals(wanted)) {
                    return api;
                }
            }
        }
        throw new IllegalArgumentException("unknown api '" + name + "': use one of " + String.join(", ", NAMES));
    }

    /** Whether the endpoint can stream its response as server-sent events. */
    public boolean streams() {
        return this == CHAT || this == COMPLETIONS || this == RESPONSES;
    }

    /** Whether the endpoint generates text (has an output length, max_tokens). */
    public boolean generates() {
        return streams();
    }

    /** Whether the endpoint scores documents against a query (rerank, score): measured by E2E only. */
    public boolean scores() {
        return this == RERANK || this == SCORE;
    }
}
