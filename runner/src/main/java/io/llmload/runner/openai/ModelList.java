package io.llmload.runner.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes {@code GET /v1/models}: {@code {"object":"list","data":[{"id":"meta-llama/...", ...}, ...]}} (OpenAI,
 * vLLM — which also lists LoRA adapters —, TGI, SGLang, NIM). Only the ids matter here.
 */
public final class ModelList {

    private ModelList() {
    }

    /** The model ids in the server's order. */
    public static List<String> ids(Buffer body) throws ProtocolException {
        List<String> ids = new ArrayList<>();
        boolean sawData = false;
        try (JsonParser p = Json.FACTORY.createParser(body.getBytes())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException("GET /models did not answer a JSON object: " + preview(body));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!"data".equals(name) || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                sawData = true;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String id = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        p.nextToken();
                        if ("id".equals(field)) {
                            id = Json.stringOrNull(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                    if (id != null && !id.isBlank()) {
                        ids.add(id);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException("GET /models answered malformed JSON (" + Json.reason(e) + "): "
                    + preview(body));
        }
        if (!sawData) {
            throw new ProtocolException("GET /models has no \"data\" array: " + preview(body));
        }
        return ids;
    }

    private static String preview(Buffer body) {
        String head = new String(body.getBytes(0, Math.min(body.length(), 2048)), StandardCharsets.UTF_8);
        return Json.preview(head, 200);
    }
}
