package io.llmload.runner.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The text a request's prompt is made of, in order, for prefix-cache block hashing: chat messages as
 * "role: content" lines (so a shared system prompt is a shared prefix, as in a chat template), a completion prompt
 * as is; token ids as decimal numbers. Called after {@link RequestParser} has validated the shapes.
 */
final class PromptText {

    private PromptText() {
    }

    static String of(JsonNode root, boolean chat) {
        StringBuilder text = new StringBuilder(256);
        if (chat) {
            for (JsonNode message : root.path("messages")) {
                text.append(message.path("role").asText()).append(": ");
                JsonNode content = message.get("content");
                if (content != null && content.isTextual()) {
                    text.append(content.textValue());
                } else if (content != null && content.isArray()) {
                    for (JsonNode part : content) {
                        text.append(part.path("text").asText(""));
                    }
                }
                text.append('\n');
            }
        } else {
            append(text, root.path("prompt"));
        }
        return text.toString();
    }

    private static void append(StringBuilder text, JsonNode prompt) {
        if (prompt.isTextual()) {
            text.append(prompt.textValue());
        } else if (prompt.isNumber()) {
            text.append(prompt.asLong()).append(' ');
        } else if (prompt.isArray()) {
            for (JsonNode item : prompt) {
                append(text, item);
            }
        }
    }
}
