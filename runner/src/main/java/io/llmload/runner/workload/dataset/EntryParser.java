package io.llmload.runner.workload.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.runner.spec.DatasetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks one entry's fields and keeps its texts: a ShareGPT conversation {@code {"id", "conversations": [{"from",
 * "value"}]}} or a plain {@code {"prompt", "max_tokens"}} line. With no format given each entry is taken for what its
 * fields say. Unknown extra fields are ignored (public datasets carry many). No tokenizing here: all runners check
 * every entry, but each counts tokens only of its own.
 */
final class EntryParser {

    private static final Set<String> HUMAN = Set.of("human", "user");
    private static final Set<String> REPLY = Set.of("gpt", "assistant", "chatgpt");
    private static final String SYSTEM = "system";

    /** Null: detect per entry. */
    private final String format;

    EntryParser(String format) {
        this.format = format == null ? null : format.toLowerCase(Locale.ROOT);
    }

    /** @throws BadEntry naming what is wrong with the entry */
    ParsedEntry parse(JsonNode json) throws BadEntry {
        if (json == null || !json.isObject()) {
            throw new BadEntry("expected a JSON object");
        }
        boolean conversation = json.has("conversations");
        boolean plain = json.has("prompt");
        if (DatasetSpec.SHAREGPT.equals(format) || format == null && conversation) {
            return conversation(json);
        }
        if (DatasetSpec.JSONL.equals(format) || format == null && plain) {
            return plain(json);
        }
        throw new BadEntry("has neither \"conversations\" (ShareGPT) nor \"prompt\" (plain JSONL)");
    }

    private ParsedEntry conversation(JsonNode json) throws BadEntry {
        JsonNode messages = json.get("conversations");
        if (messages == null || !messages.isArray()) {
            throw new BadEntry("\"conversations\" must be a list of {\"from\", \"value\"} messages");
        }
        String system = null;
        List<String> users = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            JsonNode from = message.get("from");
            JsonNode value = message.get("value");
            if (!message.isObject() || from == null || !from.isTextual() || value == null || !value.isTextual()) {
                throw new BadEntry("conversations[" + i + "] must be {\"from\": \"human\"|\"gpt\"|\"system\", "
                        + "\"value\": \"text\"}");
            }
            String speaker = from.textValue().toLowerCase(Locale.ROOT);
            if (HUMAN.contains(speaker)) {
                if (value.textValue().isBlank()) {
                    throw new BadEntry("conversations[" + i + "] is an empty human message");
                }
                users.add(value.textValue());
                replies.add(null);
            } else if (REPLY.contains(speaker)) {
                // A reply answers the human message before it; one that answers nothing (a conversation opening
                // with the assistant) has no request to go with.
                int last = users.size() - 1;
                if (last >= 0 && replies.get(last) == null) {
                    replies.set(last, value.textValue());
                }
            } else if (SYSTEM.equals(speaker)) {
                if (system == null && users.isEmpty()) {
                    system = value.textValue();
                }
            } else {
                throw new BadEntry("conversations[" + i + "] is from '" + from.textValue()
                        + "': expected human, gpt or system");
            }
        }
        if (users.isEmpty()) {
            throw new BadEntry("the conversation has no human message");
        }
        return new ParsedEntry(id(json), system, users, replies, null);
    }

    private ParsedEntry plain(JsonNode json) throws BadEntry {
        JsonNode prompt = json.get("prompt");
        if (prompt == null || !prompt.isTextual() || prompt.textValue().isBlank()) {
            throw new BadEntry("\"prompt\" must be a non-empty string");
        }
        JsonNode maxTokens = json.get("max_tokens");
        Integer outputTokens = null;
        if (maxTokens != null && !maxTokens.isNull()) {
            if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt() || maxTokens.intValue() < 1) {
                throw new BadEntry("\"max_tokens\" must be a positive whole number");
            }
            outputTokens = maxTokens.intValue();
        }
        List<String> users = List.of(prompt.textValue());
        List<String> replies = new ArrayList<>();
        replies.add(null);
        return new ParsedEntry(id(json), null, users, replies, outputTokens);
    }

    private static String id(JsonNode json) {
        JsonNode id = json.get("id");
        return id != null && (id.isTextual() || id.isNumber()) ? id.asText() : null;
    }

    /** What is wrong with one entry; the reader adds where it is. */
    static final class BadEntry extends Exception {
        BadEntry(String message) {
            super(message, null, false, false);
        }
    }
}
