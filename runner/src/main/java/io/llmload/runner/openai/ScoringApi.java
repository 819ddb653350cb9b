package io.llmload.runner.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The cross-encoder endpoints of a RAG pipeline's second stage, as vLLM serves them: {@code rerank}
 * (Jina/Cohere-style: {@code query}, {@code documents}, {@code top_n} → {@code results[].relevance_score}) and
 * {@code score} ({@code text_1} against each {@code text_2} → {@code data[].score}; {@code text_1}/{@code text_2}
 * are accepted by every vLLM version that has the endpoint). Both answer with usage.prompt_tokens (older vLLM
 * rerank: total_tokens only).
 */
public final class ScoringApi {

    /** A decoded answer: how many scores came back, and the prompt tokens the server counted (-1: none). */
    public record Scores(int results, int promptTokens) {
    }

    private ScoringApi() {
    }

    /** A rerank body; {@code topN} null: every document is scored and returned. */
    public static Buffer rerank(String model, String query, List<String> documents, Integer topN) {
        return write(model, g -> {
            g.writeStringField("query", query);
            strings(g, "documents", documents);
            if (topN != null) {
                g.writeNumberField("top_n", topN);
            }
        }, query, documents);
    }

    /** A score body: the query against each document. */
    public static Buffer score(String model, String query, List<String> documents) {
        return write(model, g -> {
            g.writeStringField("text_1", query);
            strings(g, "text_2", documents);
        }, query, documents);
    }

    /** Decodes a rerank ({@code results}) or score ({@code data}) response. */
    public static Scores decode(Api api, Buffer body) throws ProtocolException {
        String array = api == Api.RERANK ? "results" : "data";
        int results = -1;
        int promptTokens = -1;
        int totalTokens = -1;
        String error = null;
        try (JsonParser p = Json.FACTORY.createParser(body.getBytes())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException("response is not a JSON object: " + preview(body));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(array) && value == JsonToken.START_ARRAY) {
                    results = 0;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.skipChildren();
                        results++;
                    }
                } else if (name.equals("usage") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        p.nextToken();
                        if (field.equals("prompt_tokens")) {
                            promptTokens = Json.intOrMinusOne(p);
                        } else if (field.equals("total_tokens")) {
                            totalTokens = Json.intOrMinusOne(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if (name.equals("error")) {
                    error = Json.errorValue(p);
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException("malformed JSON response (" + Json.reason(e) + "): " + preview(body));
        }
        if (error != null) {
            throw new ProtocolException("server error: " + error);
        }
        if (results < 0) {
            throw new ProtocolException("response has no \"" + array + "\" array: " + preview(body));
        }
        return new Scores(results, promptTokens >= 0 ? promptTokens : totalTokens);
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static Buffer write(String model, Fields fields, String query, List<String> documents) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(query, "query");
        int size = 128 + query.length();
        for (String d : documents) {
            size += d.length() + 3;
        }
        Buffer out = Buffer.buffer(size);
        try (JsonGenerator g = Json.FACTORY.createGenerator(new BufferOutputStream(out))) {
            g.writeStartObject();
            g.writeStringField("model", model);
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode request body: " + e.getMessage(), e);
        }
        return out;
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static String preview(Buffer body) {
        return Json.preview(new String(body.getBytes(0, Math.min(body.length(), 4096)), StandardCharsets.UTF_8), 200);
    }
}
