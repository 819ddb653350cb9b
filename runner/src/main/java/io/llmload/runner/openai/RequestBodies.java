package io.llmload.runner.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/** JSON request bodies for the OpenAI-compatible endpoints, written with Jackson so prompts are escaped correctly. */
public final class RequestBodies {

    /** Room for the JSON around the prompt text, so the buffer rarely grows. */
    private static final int OVERHEAD = 256;

    private RequestBodies() {
    }

    /** A /v1/chat/completions body; {@code systemPrompt} is optional. */
    public static Buffer chat(String model, String systemPrompt, String userPrompt, int maxTokens, boolean stream,
            SamplingParams sampling) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(userPrompt, "userPrompt");
        checkFinite(sampling);
        int size = OVERHEAD + userPrompt.length() + (systemPrompt == null ? 0 : systemPrompt.length());
        Buffer out = Buffer.buffer(size);
        try (JsonGenerator g = Json.FACTORY.createGenerator(new BufferOutputStream(out))) {
            g.writeStartObject();
            g.writeStringField("model", model);
            g.writeArrayFieldStart("messages");
            if (systemPrompt != null) {
                message(g, "system", systemPrompt);
            }
            message(g, "user", userPrompt);
            g.writeEndArray();
            generationFields(g, maxTokens, stream, sampling);
            g.writeEndObject();
        } catch (IOException e) {
            throw encodingFailed(e);
        }
        return out;
    }

    /** A /v1/chat/completions body carrying a whole conversation (a multi-turn session's history). */
    public static Buffer chat(String model, List<ChatMessage> messages, int maxTokens, boolean stream,
            SamplingParams sampling) {
        Objects.requireNonNull(model, "model");
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        checkFinite(sampling);
        int size = OVERHEAD;
        for (ChatMessage m : messages) {
            size += m.content().length() + 32;
        }
        Buffer out = Buffer.buffer(size);
        try (JsonGenerator g = Json.FACTORY.createGenerator(new BufferOutputStream(out))) {
            g.writeStartObject();
            g.writeStringField("model", model);
            g.writeArrayFieldStart("messages");
            for (ChatMessage m : messages) {
                message(g, m.role(), m.content());
            }
            g.writeEndArray();
            generationFields(g, maxTokens, stream, sampling);
            g.writeEndObject();
        } catch (IOException e) {
            throw encodingFailed(e);
        }
        return out;
    }

    /** A /v1/completions body. */
    public static Buffer completions(String model, String prompt, int maxTokens, boolean stream,
            SamplingParams sampling) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        checkFinite(sampling);
        Buffer out = Buffer.buffer(OVERHEAD + prompt.length());
        try (JsonGenerator g = Json.FACTORY.createGenerator(new BufferOutputStream(out))) {
            g.writeStartObject();
            g.writeStringField("model", model);
            g.writeStringField("prompt", prompt);
            generationFields(g, maxTokens, stream, sampling);
            g.writeEndObject();
        } catch (IOException e) {
            throw encodingFailed(e);
        }
        return out;
    }

    /** A /v1/embeddings body; the input is always an array, which every OpenAI-compatible server accepts. */
    public static Buffer embeddings(String model, List<String> inputs) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputs, "inputs");
        int size = OVERHEAD;
        for (String input : inputs) {
            size += Objects.requireNonNull(input, "input").length() + 3;
        }
        Buffer out = Buffer.buffer(size);
        try (JsonGenerator g = Json.FACTORY.createGenerator(new BufferOutputStream(out))) {
            g.writeStartObject();
            g.writeStringField("model", model);
            g.writeArrayFieldStart("input");
            for (String input : inputs) {
                g.writeString(input);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw encodingFailed(e);
        }
        return out;
    }

    private static void message(JsonGenerator g, String role, String content) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", role);
        g.writeStringField("content", content);
        g.writeEndObject();
    }

    private static void generationFields(JsonGenerator g, int maxTokens, boolean stream, SamplingParams sampling)
            throws IOException {
        g.writeNumberField("max_tokens", maxTokens);
        g.writeBooleanField("stream", stream);
        if (stream) {
            // Without it a streamed response carries no usage and token counts fall back to estimates.
            g.writeObjectFieldStart("stream_options");
            g.writeBooleanField("include_usage", true);
            g.writeEndObject();
        }
        SamplingParams s = sampling == null ? SamplingParams.NONE : sampling;
        if (s.ignoreEos() != null) {
            g.writeBooleanField("ignore_eos", s.ignoreEos());
        }
        if (s.minTokens() != null) {
            g.writeNumberField("min_tokens", Math.min(s.minTokens(), maxTokens));
        }
        if (s.temperature() != null) {
            g.writeNumberField("temperature", s.temperature());
        }
        if (s.topP() != null) {
            g.writeNumberField("top_p", s.topP());
        }
        if (s.topK() != null) {
            g.writeNumberField("top_k", s.topK());
        }
        if (s.seed() != null) {
            g.writeNumberField("seed", s.seed());
        }
        if (s.stop() != null) {
            g.writeArrayFieldStart("stop");
            for (String stop : s.stop()) {
                g.writeString(stop);
            }
            g.writeEndArray();
        }
        if (s.frequencyPenalty() != null) {
            g.writeNumberField("frequency_penalty", s.frequencyPenalty());
        }
        if (s.presencePenalty() != null) {
            g.writeNumberField("presence_penalty", s.presencePenalty());
        }
        if (s.extraBody() != null) {
            for (var field : s.extraBody().entrySet()) {
                g.writeFieldName(field.getKey());
                JsonValues.write(g, field.getValue());
            }
        }
    }

    /** NaN or infinity would be written as a non-JSON token or a string, which servers reject with a 400. */
    private static void checkFinite(SamplingParams sampling) {
        if (sampling == null) {
            return;
        }
        checkFinite("temperature", sampling.temperature());
        checkFinite("top_p", sampling.topP());
        checkFinite("frequency_penalty", sampling.frequencyPenalty());
        checkFinite("presence_penalty", sampling.presencePenalty());
    }

    private static void checkFinite(String field, Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, got " + value);
        }
    }

    /** Writing to memory cannot fail on I/O; Jackson only fails on unencodable text such as a lone surrogate. */
    private static IllegalArgumentException encodingFailed(IOException e) {
        return new IllegalArgumentException("cannot encode request body: " + e.getMessage(), e);
    }
}
