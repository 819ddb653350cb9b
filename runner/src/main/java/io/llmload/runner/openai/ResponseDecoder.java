package io.llmload.runner.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Decodes non-streamed responses: whole chat / completions / embeddings bodies and error bodies. */
public final class ResponseDecoder {

    private static final int PREVIEW_CHARS = 200;
    /** Bytes decoded for a preview: enough for 200 chars after trimming any plausible leading whitespace. */
    private static final int PREVIEW_BYTES = 4096;

    private ResponseDecoder() {
    }

    /** A decoded chat or completions response; token counts are -1 when the server sent no usage. */
    public record Completion(String text, int promptTokens, int completionTokens, String finishReason) {
    }

    /** A decoded embeddings response: number of vectors, their length, and usage.prompt_tokens (or -1). */
    public record Embeddings(int vectors, int dimensions, int promptTokens) {
    }

    /**
     * A chat ({@code choices[0].message.content}) or completions ({@code choices[0].text}) response. A null chat
     * content (e.g. tool calls only) decodes as "".
     */
    public static Completion decodeCompletion(Api api, Buffer body) throws ProtocolException {
        Objects.requireNonNull(api, "api");
        if (api == Api.EMBEDDINGS) {
            throw new IllegalArgumentException("use decodeEmbeddings for " + api);
        }
        if (body == null || body.length() == 0) {
            throw new ProtocolException("empty response body");
        }
        CompletionJson json = new CompletionJson();
        byte[] bytes = body.getBytes();
        String problem = json.read(bytes, 0, bytes.length);
        if (problem != null) {
            throw new ProtocolException((json.malformed ? "malformed JSON response (" + problem + ")"
                    : "response is " + problem) + ": " + preview(body));
        }
        if (json.serverError != null) {
            throw new ProtocolException("server error: " + json.serverError);
        }
        if (!json.hasChoice) {
            throw new ProtocolException("response has no choices: " + preview(body));
        }
        String text;
        if (api == Api.CHAT) {
            if (!json.hasMessage) {
                throw new ProtocolException("choices[0] has no message: " + preview(body));
            }
            text = json.messageContent == null ? "" : json.messageContent;
        } else {
            if (json.text == null) {
                throw new ProtocolException("choices[0] has no text: " + preview(body));
            }
            text = json.text;
        }
        return new Completion(text, json.promptTokens, json.completionTokens, json.finishReason);
    }

    /** An embeddings response; all vectors must have the same length. */
    public static Embeddings decodeEmbeddings(Buffer body) throws ProtocolException {
        try (JsonParser p = parser(body)) {
            return embeddings(p, body);
        } catch (IOException | RuntimeException e) {
            throw malformed(e, body);
        }
    }

    /**
     * Best-effort message of an error response: OpenAI's {@code error.message} (or a string {@code error}), vLLM's
     * {@code {"object":"error","message":...}}, a top-level {@code message} or FastAPI's string {@code detail};
     * otherwise a trimmed one-line prefix (at most 200 chars) of the body. Never throws.
     */
    public static String errorMessage(Buffer body) {
        if (body == null || body.length() == 0) {
            return "";
        }
        try (JsonParser p = parser(body)) {
            String message = errorMessage(p);
            if (message != null && !message.isBlank()) {
                return message;
            }
        } catch (IOException | RuntimeException e) {
            // not JSON (HTML error page from a proxy, plain text): fall back to the body itself
        }
        return preview(body);
    }

    private static String errorMessage(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String error = null;
        String message = null;
        String detail = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "error":
                    error = Json.errorValue(p);
                    break;
                case "message":
                    message = Json.stringOrNull(p);
                    break;
                case "detail":
                    detail = Json.stringOrNull(p);
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        if (error != null) {
            return error;
        }
        if (message != null) {
            return message; // vLLM's {"object":"error","message":...} and plain {"message":...} alike
        }
        return detail;
    }

    private static Embeddings embeddings(JsonParser p, Buffer body) throws IOException, ProtocolException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new ProtocolException("response is not a JSON object: " + preview(body));
        }
        int vectors = -1;
        int dimensions = 0;
        int promptTokens = -1;
        String error = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "data":
                    if (value != JsonToken.START_ARRAY) {
                        throw new ProtocolException("response \"data\" is not an array: " + preview(body));
                    }
                    vectors = 0;
                    JsonToken t;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                        int length = embeddingLength(p, vectors);
                        if (vectors > 0 && length != dimensions) {
                            throw new ProtocolException("data[" + vectors + "] has " + length
                                    + " dimensions, data[0] has " + dimensions);
                        }
                        dimensions = length;
                        vectors++;
                    }
                    break;
                case "usage":
                    promptTokens = usagePromptTokens(p);
                    break;
                case "error":
                    error = Json.errorValue(p);
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new ProtocolException("truncated JSON response: " + preview(body));
        }
        if (error != null) {
            throw new ProtocolException("server error: " + error);
        }
        if (vectors < 0) {
            throw new ProtocolException("response has no data array: " + preview(body));
        }
        return new Embeddings(vectors, dimensions, promptTokens);
    }

    /** Counts the numbers of data[index].embedding without materializing them. */
    private static int embeddingLength(JsonParser p, int index) throws IOException, ProtocolException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new ProtocolException("data[" + index + "] is not an object");
        }
        int length = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (!"embedding".equals(name)) {
                p.skipChildren();
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                throw new ProtocolException("data[" + index + "].embedding is not an array");
            }
            length = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                if (!t.isNumeric()) {
                    throw new ProtocolException("data[" + index + "].embedding holds a non-number");
                }
                length++;
            }
        }
        if (length < 0) {
            throw new ProtocolException("data[" + index + "] has no embedding");
        }
        return length;
    }

    private static int usagePromptTokens(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return -1;
        }
        int promptTokens = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("prompt_tokens".equals(name)) {
                promptTokens = Json.intOrMinusOne(p);
            } else {
                p.skipChildren();
            }
        }
        return promptTokens;
    }

    private static JsonParser parser(Buffer body) throws IOException {
        if (body == null) {
            throw new IOException("no body");
        }
        return Json.FACTORY.createParser(body.getBytes());
    }

    private static ProtocolException malformed(Exception e, Buffer body) {
        if (body == null || body.length() == 0) {
            return new ProtocolException("empty response body");
        }
        String reason = e instanceof JsonProcessingException ? Json.reason(e) : e.getMessage();
        return new ProtocolException("malformed JSON response (" + reason + "): " + preview(body));
    }

    private static String preview(Buffer body) {
        if (body == null) {
            return "";
        }
        int n = Math.min(body.length(), PREVIEW_BYTES);
        String head = new String(body.getBytes(0, n), StandardCharsets.UTF_8);
        return Json.preview(head, PREVIEW_CHARS);
    }
}
