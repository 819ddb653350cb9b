package io.llmload.runner.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The worker's one Jackson mapper and the JSON-object reading the plan and the control bodies have in common. */
final class WorkerJson {

    /** Nulls are left out: the plan stays short and absent fields read back as null. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private WorkerJson() {
    }

    /** Parses {@code text} as one JSON object, or fails with a one-line reason (no input echoed beyond Jackson's). */
    static JsonNode readObject(String text) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("not valid JSON" + where + ": " + oneLine(e.getOriginalMessage()));
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return tree;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
