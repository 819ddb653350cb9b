package io.llmload.runner.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads what the load tester needs from a Responses API object — one streamed event ({@code type}, {@code delta},
 * the final {@code response}'s usage and status, an error) or a whole response ({@code output[].content[].text}) —
 * with Jackson's streaming parser, everything else skipped. Field names follow OpenAI's Responses API as vLLM's
 * {@code /v1/responses} serves it (event types {@code response.output_text.delta}, {@code response.completed}...).
 */
final class ResponsesJson {

    String type;
    String delta;
    /** The output text of a whole response, concatenated over its message items. */
    final StringBuilder outputText = new StringBuilder();
    boolean hasOutput;
    String status;
    int inputTokens;
    int outputTokens;
    boolean hasUsage;
    String error;

    /** Reads one JSON object; null when read, else why the input is not a JSON object. */
    String read(JsonParser p) throws IOException {
        type = null;
        delta = null;
        outputText.setLength(0);
        hasOutput = false;
        status = null;
        inputTokens = -1;
        outputTokens = -1;
        hasUsage = false;
        error = null;
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return "not a JSON object";
        }
        String message = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "type" -> type = Json.stringOrNull(p);
                case "delta" -> delta = Json.stringOrNull(p);
                case "message" -> message = Json.stringOrNull(p);
                case "response" -> response(p);
                case "output" -> output(p);
                case "usage" -> usage(p);
                case "status" -> status = Json.stringOrNull(p);
                case "error" -> error = Json.errorValue(p);
                default -> p.skipChildren();
            }
        }
        if ("error".equals(type) && error == null) {
            error = message == null ? "error event" : message;
        }
        return null;
    }

    /** The final (or failed) response object carried by response.completed / response.failed events. */
    private void response(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "usage" -> usage(p);
                case "status" -> status = Json.stringOrNull(p);
                case "error" -> error = Json.errorValue(p);
                default -> p.skipChildren();
            }
        }
    }

    private void output(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        hasOutput = true;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("content".equals(name) && p.currentToken() == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        String partType = null;
                        String text = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            p.nextToken();
                            if ("type".equals(field)) {
                                partType = Json.stringOrNull(p);
                            } else if ("text".equals(field)) {
                                text = Json.stringOrNull(p);
                            } else {
                                p.skipChildren();
                            }
                        }
                        if (text != null && (partType == null || "output_text".equals(partType))) {
                            outputText.append(text);
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private void usage(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        hasUsage = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "input_tokens" -> inputTokens = Json.intOrMinusOne(p);
                case "output_tokens" -> outputTokens = Json.intOrMinusOne(p);
                default -> p.skipChildren();
            }
        }
    }
}
