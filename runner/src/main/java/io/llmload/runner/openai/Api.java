package io.llmload.runner.openai;

import java.util.Locale;

/** The OpenAI-compatible endpoints the load tester can drive. */
public enum Api {
    CHAT("/v1/chat/completions"),
    COMPLETIONS("/v1/completions"),
    EMBEDDINGS("/v1/embeddings");

    private final String path;

    Api(String path) {
        this.path = path;
    }

    /** Request path, relative to the server's base URL. */
    public String path() {
        return path;
    }

    /** Parses the spec's {@code api} value: chat, completions or embeddings, case-insensitive. */
    public static Api parse(String name) {
        if (name != null) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "chat":
                    return CHAT;
                case "completions":
                    return COMPLETIONS;
                case "embeddings":
                    return EMBEDDINGS;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown api '" + name + "': use chat, completions or embeddings");
    }

    /** Whether the endpoint can stream its response as server-sent events. */
    public boolean streams() {
        return this != EMBEDDINGS;
    }
}
