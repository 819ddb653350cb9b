package io.llmload.runner.simulator;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Renders one request's SSE events and non-streaming bodies in vLLM's shapes. The JSON around the token text is
 * built once per request as bytes, so a token chunk costs one small buffer and three copies.
 */
final class ChunkFormat implements WireFormat {

    private static final byte[] DONE = ascii("data: [DONE]\n\n");
    /** Cut-off JSON used by the "malformed" fault. */
    static final String BROKEN_JSON = "{\"choices\":[{\"delta\":";

    private static final byte[] CONTINUE_SUFFIX_CHAT = ascii("\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    private static final byte[] LAST_SUFFIX_CHAT = ascii("\"},\"logprobs\":null,\"finish_reason\":\"length\"}]}\n\n");
    private static final byte[] CONTINUE_SUFFIX_TEXT = ascii("\",\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    private static final byte[] LAST_SUFFIX_TEXT = ascii("\",\"logprobs\":null,\"finish_reason\":\"length\"}]}\n\n");

    private final boolean chat;
    private final String id;
    private final long createdSeconds;
    private final String quotedModel;
    private final String header;
    private final byte[] tokenPrefix;
    private final long seed;
    private final long ordinal;

    /**
     * @param quotedModel the model name as a JSON string literal
     */
    ChunkFormat(boolean chat, String id, long createdSeconds, String quotedModel, long seed, long ordinal) {
        this.chat = chat;
        this.id = id;
        this.createdSeconds = createdSeconds;
        this.quotedModel = quotedModel;
        this.seed = seed;
        this.ordinal = ordinal;
        String object = chat ? "chat.completion.chunk" : "text_completion";
        this.header = "{\"id\":" + OpenAiJson.quote(id) + ",\"object\":\"" + object + "\",\"created\":"
                + createdSeconds + ",\"model\":" + quotedModel;
        this.tokenPrefix = ascii("data: " + header + (chat
                ? ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                : ",\"choices\":[{\"index\":0,\"text\":\""));
    }

    /** Chat only: the first event, with the role and empty content (not a token). */
    Buffer roleChunk() {
        return Buffer.buffer("data: " + header
                + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    }

    @Override
    public Buffer opening() {
        return chat ? roleChunk() : null;
    }

    @Override
    public Buffer closing(int promptTokens, int completionTokens, boolean includeUsage) {
        Buffer end = includeUsage ? usageChunk(promptTokens, completionTokens) : Buffer.buffer(DONE.length);
        return end.appendBytes(DONE);
    }

    @Override
    public Buffer malformed() {
        return malformedChunk();
    }

    /** One content chunk carrying tokens {@code firstToken .. firstToken + count - 1}. */
    @Override
    public Buffer tokenChunk(int firstToken, int count, boolean last) {
        byte[] suffix = chat ? (last ? LAST_SUFFIX_CHAT : CONTINUE_SUFFIX_CHAT)
                : (last ? LAST_SUFFIX_TEXT : CONTINUE_SUFFIX_TEXT);
        Buffer b = Buffer.buffer(tokenPrefix.length + count * Vocabulary.maxSpacedLength() + suffix.length);
        b.appendBytes(tokenPrefix);
        for (int i = 0; i < count; i++) {
            Vocabulary.appendToken(b, seed, ordinal, firstToken + i);
        }
        b.appendBytes(suffix);
        return b;
    }

    Buffer usageChunk(int promptTokens, int completionTokens) {
        return Buffer.buffer("data: " + header + ",\"choices\":[]," + usage(promptTokens, completionTokens)
                + "}\n\n");
    }

    private static Buffer malformedChunk() {
        return Buffer.buffer("data: " + BROKEN_JSON + "\n\n");
    }

    /** Complete non-streaming body: chat.completion or text_completion with usage. */
    @Override
    public String fullResponse(int promptTokens, int completionTokens) {
        StringBuilder text = new StringBuilder(completionTokens * 8);
        for (int i = 0; i < completionTokens; i++) {
            Vocabulary.appendToken(text, seed, ordinal, i);
        }
        StringBuilder sb = new StringBuilder(text.length() + 320);
        sb.append("{\"id\":").append(OpenAiJson.quote(id))
                .append(",\"object\":\"").append(chat ? "chat.completion" : "text_completion")
                .append("\",\"created\":").append(createdSeconds)
                .append(",\"model\":").append(quotedModel)
                .append(",\"choices\":[{\"index\":0,");
        if (chat) {
            sb.append("\"message\":{\"role\":\"assistant\",\"content\":\"").append(text).append("\"},");
        } else {
            sb.append("\"text\":\"").append(text).append("\",");
        }
        sb.append("\"logprobs\":null,\"finish_reason\":\"length\"}],")
                .append(usage(promptTokens, completionTokens)).append('}');
        return sb.toString();
    }

    static String usage(int promptTokens, int completionTokens) {
        return "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + ((long) promptTokens + completionTokens) + "}";
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
