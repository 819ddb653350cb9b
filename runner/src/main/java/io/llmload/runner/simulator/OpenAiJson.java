package io.llmload.runner.simulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;

/** Shared JSON helpers: one ObjectMapper, string quoting, and OpenAI-style error responses. */
final class OpenAiJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String APPLICATION_JSON = "application/json";

    private OpenAiJson() {
    }

    /** {@code s} as a JSON string literal, quotes included. */
    static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    /** {@code {"error":{"message":..,"type":..,"code":status}}} */
    static String errorBody(int status, String type, String message) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("code", status);
        return root.toString();
    }

    static void error(HttpServerResponse response, int status, String type, String message) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("content-type", APPLICATION_JSON)
                .end(errorBody(status, type, message));
    }

    static void error(HttpServerResponse response, ApiException e) {
        error(response, e.status, e.type, e.getMessage());
    }
}
