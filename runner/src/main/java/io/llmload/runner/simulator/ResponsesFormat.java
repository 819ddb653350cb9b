package io.llmload.runner.simulator;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The Responses API's answer as vLLM writes it: streamed, an {@code event: <type>} line beside each JSON
 * {@code data} line — response.created, response.in_progress, output_item.added, content_part.added, then one
 * response.output_text.delta per chunk, then output_text.done, content_part.done, output_item.done and
 * response.completed carrying the usage (always: the Responses API has no stream_options); not streamed, one
 * response object whose output holds a message item. No {@code [DONE]}.
 */
final class ResponsesFormat implements WireFormat {

    private static final String DELTA = "response.output_text.delta";

    private final String id;
    private final String itemId;
    private final long createdSeconds;
    private final String quotedModel;
    private final long seed;
    private final long ordinal;
    private final byte[] deltaPrefix;
    private int sequence;

    ResponsesFormat(String id, long createdSeconds, String quotedModel, long seed, long ordinal) {
        this.id = "resp_" + id;
        this.itemId = "msg_" + id;
        this.createdSeconds = createdSeconds;
        this.quotedModel = quotedModel;
        this.seed = seed;
        this.ordinal = ordinal;
        this.deltaPrefix = ("event: " + DELTA + "\ndata: {\"type\":\"" + DELTA + "\",\"item_id\":\"" + itemId
                + "\",\"output_index\":0,\"content_index\":0,\"logprobs\":[],\"delta\":\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Buffer opening() {
        return Buffer.buffer()
                .appendString(event("response.created", "\"response\":" + response("in_progress", null, -1, -1)))
                .appendString(event("response.in_progress", "\"response\":" + response("in_progress", null, -1, -1)))
                .appendString(event("response.output_item.added", "\"output_index\":0,\"item\":"
                        + message("in_progress", null)))
                .appendString(event("response.content_part.added", "\"item_id\":\"" + itemId
                        + "\",\"output_index\":0,\"content_index\":0,\"part\":" + part("")));
    }

    @Override
    public Buffer tokenChunk(int firstToken, int count, boolean last) {
        Buffer b = Buffer.buffer(deltaPrefix.length + count * Vocabulary.maxSpacedLength() + 40);
        b.appendBytes(deltaPrefix);
        for (int i = 0; i < count; i++) {
            Vocabulary.appendToken(b, seed, ordinal, firstToken + i);
        }
        return b.appendString("\",\"sequence_number\":" + sequence++ + "}\n\n");
    }

    @Override
    public Buffer closing(int promptTokens, int completionTokens, boolean includeUsage) {
        String text = text(completionTokens);
        return Buffer.buffer()
                .appendString(event("response.output_text.done", "\"item_id\":\"" + itemId
                        + "\",\"output_index\":0,\"content_index\":0,\"logprobs\":[],\"text\":\"" + text + "\""))
                .appendString(event("response.content_part.done", "\"item_id\":\"" + itemId
                        + "\",\"output_index\":0,\"content_index\":0,\"part\":" + part(text)))
                .appendString(event("response.output_item.done", "\"output_index\":0,\"item\":"
                        + message("completed", text)))
                .appendString(event("response.completed", "\"response\":"
                        + response("completed", text, promptTokens, completionTokens)));
    }

    @Override
    public Buffer malformed() {
        return Buffer.buffer("event: " + DELTA + "\ndata: {\"type\":\"" + DELTA + "\",\"delta\":\n\n");
    }

    @Override
    public String fullResponse(int promptTokens, int completionTokens) {
        return response("completed", text(completionTokens), promptTokens, completionTokens);
    }

    private String event(String type, String fields) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":" + sequence++ + ","
                + fields + "}\n\n";
    }

    /** The response object; {@code text} null: no output yet; token counts -1: no usage yet. */
    private String response(String status, String text, int inputTokens, int outputTokens) {
        StringBuilder sb = new StringBuilder(256 + (text == null ? 0 : text.length()));
        sb.append("{\"id\":\"").append(id).append("\",\"object\":\"response\",\"created_at\":").append(createdSeconds)
                .append(",\"model\":").append(quotedModel).append(",\"status\":\"").append(status)
                .append("\",\"error\":null,\"output\":[");
        if (text != null) {
            sb.append(message("completed", text));
        }
        sb.append(']');
        if (inputTokens >= 0) {
            sb.append(",\"usage\":{\"input_tokens\":").append(inputTokens).append(",\"output_tokens\":")
                    .append(outputTokens).append(",\"total_tokens\":").append((long) inputTokens + outputTokens)
                    .append('}');
        }
        return sb.append('}').toString();
    }

    private String message(String status, String text) {
        return "{\"type\":\"message\",\"id\":\"" + itemId + "\",\"status\":\"" + status
                + "\",\"role\":\"assistant\",\"content\":[" + (text == null ? "" : part(text)) + "]}";
    }

    private static String part(String text) {
        return "{\"type\":\"output_text\",\"text\":\"" + text + "\",\"annotations\":[]}";
    }

    /** The whole output text (plain words, no escaping needed, see {@link Vocabulary}). */
    private String text(int tokens) {
        StringBuilder text = new StringBuilder(tokens * 8);
        for (int i = 0; i < tokens; i++) {
            Vocabulary.appendToken(text, seed, ordinal, i);
        }
        return text.toString();
    }
}
