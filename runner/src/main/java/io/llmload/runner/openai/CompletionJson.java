package io.llmload.runner.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the fields the load tester needs from a chat / completions JSON object, streamed chunk or whole response,
 * with Jackson's streaming parser: one pass, everything else skipped without building a tree.
 *
 * <p>Mutable and reused across the events of one stream, so decoding a chunk allocates only the parser and the
 * strings it keeps.
 */
final class CompletionJson {

    /** Whether {@code choices} held at least one element. */
    boolean hasChoice;
    /** choices[0] held a {@code delta} or {@code message} object (chat shape). */
    boolean hasMessage;
    /** choices[0].delta.content or choices[0].message.content, when a string. */
    String messageContent;
    /** choices[0].text (completions shape), when a string. */
    String text;
    String finishReason;
    boolean hasUsage;
    int promptTokens;
    int completionTokens;
    /** Non-null when the object is an OpenAI error ({"error": ...}) or a vLLM one ({"object": "error", ...}). */
    String serverError;

    /**
     * Reads one JSON object from {@code p}.
     *
     * @return null when read, else why the input is not a JSON object
     * @throws IOException malformed JSON (Jackson's exceptions are IOExceptions)
     */
    String read(JsonParser p) throws IOException {
        reset();
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return "not a JSON object";
        }
        boolean objectIsError = false;
        String topMessage = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "choices":
                    choices(p);
                    break;
                case "usage":
                    usage(p);
                    break;
                case "error":
                    serverError = Json.errorValue(p);
                    break;
                case "object":
                    objectIsError = "error".equals(Json.stringOrNull(p));
                    break;
                case "message":
                    topMessage = Json.stringOrNull(p);
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            return "truncated JSON object"; // Jackson throws first; this guards the loops above against a null token
        }
        if (p.nextToken() != null) {
            return "trailing data after the JSON object";
        }
        if (serverError == null && objectIsError) {
            serverError = topMessage != null ? topMessage : "server error";
        }
        return null;
    }

    /** The content for {@code api}: message content for chat, text for completions; may be null. */
    String content(Api api) {
        return api == Api.CHAT ? messageContent : text;
    }

    private void reset() {
        hasChoice = false;
        hasMessage = false;
        messageContent = null;
        text = null;
        finishReason = null;
        hasUsage = false;
        promptTokens = -1;
        completionTokens = -1;
        serverError = null;
    }

    private void choices(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            if (!hasChoice && t == JsonToken.START_OBJECT) {
                choice(p);
            } else {
                p.skipChildren(); // n > 1: only the first choice is measured
            }
            hasChoice = true;
        }
    }

    private void choice(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "delta":
                case "message":
                    message(p);
                    break;
                case "text":
                    text = Json.stringOrNull(p);
                    break;
                case "finish_reason":
                    finishReason = Json.stringOrNull(p);
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
    }

    private void message(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        hasMessage = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("content".equals(name)) {
                messageContent = Json.stringOrNull(p);
            } else {
                p.skipChildren(); // role, tool_calls, reasoning_content, ...
            }
        }
    }

    private void usage(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren(); // "usage": null on chunks other than the usage chunk
            return;
        }
        hasUsage = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("prompt_tokens".equals(name)) {
                promptTokens = Json.intOrMinusOne(p);
            } else if ("completion_tokens".equals(name)) {
                completionTokens = Json.intOrMinusOne(p);
            } else {
                p.skipChildren();
            }
        }
    }
}
