package io.llmload.runner.workload.dataset;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry as read from the file, before its fields are checked.
 *
 * @param json the entry, or null when it is not valid JSON ({@code syntaxError} says why)
 */
record RawEntry(String where, JsonNode json, String syntaxError) {
}
