package io.llmload.runner.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * OpenAI's Responses API as vLLM serves it at {@code /v1/responses}: the request body ({@code input},
 * {@code instructions} for the system prompt, {@code max_output_tokens}) and the whole (non-streamed) response.
 * Streamed responses are decoded by {@link ResponsesStreamDecoder}.
 */
public final class ResponsesApi {

    private ResponsesApi() {
    }

    /** A /v1/responses body; {@code instructions} (the system prompt) is optional. */
    public static Buffer body(String model, String instructions, String input, int maxOutputTokens, boolean stream,
            SamplingParams sampling) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(input, "input");
        SamplingParams s = sampling == null ? SamplingParams.NONE : sampling;
        Buffer out = Buffer.buffer(256 + input.length() + (instructions == null ? 0 : instructions.length()));
        try (JsonGenerator g = Json.FACTORY.createGenerator(new BufferOutputStream(out))) {
            g.writeStartObject();
            g.writeStringField("model", model);
            if (instructions != null) {
                g.writeStringField("instructions", instructions);
            }
            g.writeStringField("input", input);
            g.writeNumberField("max_output_tokens", maxOutputTokens);
            g.writeBooleanField("stream", stream);
            // Nothing to keep server-side: vLLM ignores store unless its response store is enabled.
            g.writeBooleanField("store", false);
            if (s.temperature() != null) {
                finite("temperature", s.temperature());
                g.writeNumberField("temperature", s.temperature());
            }
            if (s.topP() != null) {
                finite("top_p", s.topP());
                g.writeNumberField("top_p", s.topP());
            }
            if (s.extraBody() != null) {
                for (var field : s.extraBody().entrySet()) {
                    g.writeFieldName(field.getKey());
                    JsonValues.write(g, field.getValue());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode request body: " + e.getMessage(), e);
        }
        return out;
    }

    /** A whole response: its output text and usage (-1 when absent). */
    public static ResponseDecoder.Completion decode(Buffer body) throws ProtocolException {
        ResponsesJson json = new ResponsesJson();
        String problem;
        try (JsonParser p = Json.FACTORY.createParser(body.getBytes())) {
            problem = json.read(p);
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException("malformed JSON response (" + Json.reason(e) + "): " + preview(body));
        }
        if (problem != null) {
            throw new ProtocolException("response is " + problem + ": " + preview(body));
        }
        if (json.error != null || "failed".equals(json.status)) {
            throw new ProtocolException("server error: " + (json.error != null ? json.error : "response failed"));
        }
        if (!json.hasOutput) {
            throw new ProtocolException("response has no output: " + preview(body));
        }
        return new ResponseDecoder.Completion(json.outputText.toString(), json.inputTokens, json.outputTokens,
                json.status);
    }

    private static void finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, got " + value);
        }
    }

    private static String preview(Buffer body) {
        return Json.preview(new String(body.getBytes(0, Math.min(body.length(), 4096)), StandardCharsets.UTF_8), 200);
    }
}
