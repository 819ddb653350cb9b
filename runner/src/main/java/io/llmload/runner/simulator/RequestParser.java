package io.llmload.runner.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.runner.workload.Tokenizer;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates OpenAI/vLLM request bodies. Prompt tokens are counted with the default {@link Tokenizer} (cl100k_base)
 * over every message content / prompt string (arrays of token ids count one per id), so a load generator with the
 * default tokenizer agrees exactly. Sampling parameters (temperature, top_p, stop, n...) are ignored: the output is
 * always exactly max_tokens tokens, as with {@code ignore_eos=true}, which keeps runs deterministic — and meets any
 * min_tokens, which is checked as vLLM checks it (at most max_tokens).
 */
final class RequestParser {

    /** Shared with the client's default: the simulator stands for a server whose tokenizer llmload knows. */
    private static final Tokenizer TOKENIZER = Tokenizer.defaultTokenizer();

    private final String modelName;
    private final SimulatorProfile profile;

    RequestParser(String modelName, SimulatorProfile profile) {
        this.modelName = modelName;
        this.profile = profile;
        // Loaded at start, or the first request's latency would include loading the vocabulary.
        TOKENIZER.preload();
    }

    GenerationRequest parseGeneration(Buffer body, boolean chat) {
        JsonNode root = parseObject(body);
        checkModel(root);
        int promptTokens = chat ? countMessages(root.get("messages")) : countPrompt(root.get("prompt"));
        int maxTokens = maxTokens(root);
        JsonNode minTokens = root.get("min_tokens");
        if (minTokens != null && !minTokens.isNull()) {
            if (!minTokens.canConvertToInt() || !minTokens.isIntegralNumber() || minTokens.intValue() < 0) {
                throw ApiException.badRequest("min_tokens must be a non-negative integer");
            }
            if (minTokens.intValue() > maxTokens) {
                throw ApiException.badRequest("min_tokens must be less than or equal to max_tokens=" + maxTokens
                        + ", got " + minTokens.intValue());
            }
        }
        optionalBoolean(root, "ignore_eos");
        boolean stream = optionalBoolean(root, "stream");
        boolean includeUsage = false;
        JsonNode options = root.get("stream_options");
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                throw ApiException.badRequest("stream_options must be an object");
            }
            includeUsage = optionalBoolean(options, "include_usage");
        }
        if ((long) promptTokens + maxTokens > profile.kvCacheTokens()) {
            throw ApiException.badRequest("This model's maximum context length is " + profile.kvCacheTokens()
                    + " tokens. However, you requested " + ((long) promptTokens + maxTokens) + " tokens ("
                    + promptTokens + " in the " + (chat ? "messages" : "prompt") + ", " + maxTokens
                    + " in the completion). Please reduce the length of the "
                    + (chat ? "messages" : "prompt") + " or completion.");
        }
        PromptBlocks blocks = profile.prefixCaching() ? PromptBlocks.of(PromptText.of(root, chat)) : PromptBlocks.NONE;
        return new GenerationRequest(chat ? RequestTruth.API_CHAT : RequestTruth.API_COMPLETIONS, chat,
                promptTokens, maxTokens, stream, includeUsage, blocks);
    }

    /**
     * A /v1/responses body: {@code input} (a string, or a list of messages / input items with text content),
     * optional {@code instructions}, {@code max_output_tokens}, {@code stream}. Usage is always reported.
     */
    GenerationRequest parseResponses(Buffer body) {
        JsonNode root = parseObject(body);
        checkModel(root);
        JsonNode input = root.get("input");
        int promptTokens;
        if (input != null && input.isTextual()) {
            promptTokens = TOKENIZER.count(input.textValue());
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            promptTokens = countMessages(input);
        } else {
            throw ApiException.badRequest("'input' must be a string or a non-empty array of input items");
        }
        JsonNode instructions = root.get("instructions");
        if (instructions != null && instructions.isTextual()) {
            promptTokens = clampTokens((long) promptTokens + TOKENIZER.count(instructions.textValue()));
        }
        int maxTokens = positiveInt(root, "max_output_tokens", profile.defaultMaxTokens());
        boolean stream = optionalBoolean(root, "stream");
        checkContext(promptTokens, maxTokens, "input");
        PromptBlocks blocks = profile.prefixCaching() ? PromptBlocks.of((instructions != null
                && instructions.isTextual() ? instructions.textValue() : "") + input) : PromptBlocks.NONE;
        return new GenerationRequest(RequestTruth.API_RESPONSES, false, promptTokens, maxTokens, stream, true, blocks);
    }

    /**
     * A rerank ({@code query}, {@code documents}) or score ({@code text_1}, {@code text_2}; also vLLM's newer
     * {@code queries} / {@code documents}) body: the token count of each (query, document) pair a cross-encoder
     * reads.
     */
    List<Integer> parseScoringPairs(Buffer body, boolean rerank) {
        JsonNode root = parseObject(body);
        checkModel(root);
        JsonNode query = rerank ? root.get("query") : first(root, "text_1", "queries");
        JsonNode documents = rerank ? root.get("documents") : first(root, "text_2", "documents");
        if (query == null || !query.isTextual()) {
            throw ApiException.badRequest(rerank ? "'query' must be a string" : "'text_1' must be a string");
        }
        List<String> texts = new ArrayList<>();
        if (documents != null && documents.isTextual()) {
            texts.add(documents.textValue());
        } else if (documents != null && documents.isArray() && !documents.isEmpty()) {
            for (JsonNode d : documents) {
                if (!d.isTextual()) {
                    throw ApiException.badRequest("documents must be strings");
                }
                texts.add(d.textValue());
            }
        } else {
            throw ApiException.badRequest(rerank ? "'documents' must be a non-empty array of strings"
                    : "'text_2' must be a string or a non-empty array of strings");
        }
        int queryTokens = TOKENIZER.count(query.textValue());
        List<Integer> pairs = new ArrayList<>(texts.size());
        for (String text : texts) {
            int tokens = clampTokens((long) queryTokens + TOKENIZER.count(text));
            checkContext(tokens, 0, "query and document");
            pairs.add(tokens);
        }
        return pairs;
    }

    private static JsonNode first(JsonNode root, String name, String alternative) {
        JsonNode value = root.get(name);
        return value != null && !value.isNull() ? value : root.get(alternative);
    }

    private void checkContext(long promptTokens, int maxTokens, String what) {
        if (promptTokens + maxTokens > profile.kvCacheTokens()) {
            throw ApiException.badRequest("This model's maximum context length is " + profile.kvCacheTokens()
                    + " tokens. However, you requested " + (promptTokens + maxTokens) + " tokens (" + promptTokens
                    + " in the " + what + ", " + maxTokens + " in the output).");
        }
    }

    private static int positiveInt(JsonNode root, String field, int fallback) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw ApiException.badRequest("'" + field + "' must be a positive integer");
        }
        return value.intValue();
    }

    /** Token count of each embeddings input. */
    List<Integer> parseEmbeddingInputs(Buffer body) {
        JsonNode root = parseObject(body);
        checkModel(root);
        JsonNode input = root.get("input");
        if (input == null || input.isNull()) {
            throw ApiException.badRequest("'input' is required");
        }
        List<Integer> counts = new ArrayList<>();
        if (input.isTextual()) {
            counts.add(TOKENIZER.count(input.textValue()));
        } else if (input.isArray() && input.size() > 0) {
            if (isTokenIdArray(input)) {
                counts.add(input.size());
            } else {
                for (JsonNode item : input) {
                    if (item.isTextual()) {
                        counts.add(TOKENIZER.count(item.textValue()));
                    } else if (item.isArray() && isTokenIdArray(item)) {
                        counts.add(item.size());
                    } else {
                        throw ApiException.badRequest("'input' items must be strings or arrays of token ids");
                    }
                }
            }
        } else {
            throw ApiException.badRequest("'input' must be a string or a non-empty array");
        }
        for (int c : counts) {
            if (c > profile.kvCacheTokens()) {
                throw ApiException.badRequest("This model's maximum context length is " + profile.kvCacheTokens()
                        + " tokens. However, you requested " + c + " tokens in the input.");
            }
        }
        return counts;
    }

    private static JsonNode parseObject(Buffer body) {
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("request body is empty; expected a JSON object");
        }
        JsonNode root;
        try {
            root = OpenAiJson.MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            throw ApiException.badRequest("request body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        return root;
    }

    private void checkModel(JsonNode root) {
        JsonNode model = root.get("model");
        if (model == null || model.isNull()) {
            return; // vLLM serves its only model when none is named.
        }
        if (!model.isTextual()) {
            throw ApiException.badRequest("'model' must be a string");
        }
        if (!modelName.equals(model.textValue())) {
            throw new ApiException(404, "NotFoundError", "The model `" + model.textValue() + "` does not exist.");
        }
    }

    private static int countMessages(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiException.badRequest("'messages' must be a non-empty array");
        }
        long tokens = 0;
        for (JsonNode message : messages) {
            if (!message.isObject() || !message.path("role").isTextual()) {
                throw ApiException.badRequest("each message must be an object with a string 'role'");
            }
            JsonNode content = message.get("content");
            if (content == null || content.isNull()) {
                continue; // e.g. an assistant message with tool calls only
            }
            if (content.isTextual()) {
                tokens += TOKENIZER.count(content.textValue());
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    JsonNode text = part.get("text");
                    if (text != null && text.isTextual()) {
                        tokens += TOKENIZER.count(text.textValue());
                    }
                }
            } else {
                throw ApiException.badRequest("message 'content' must be a string or an array of parts");
            }
        }
        return clampTokens(tokens);
    }

    /** A string, an array of strings (counted together: one sequence), or token ids. */
    private static int countPrompt(JsonNode prompt) {
        if (prompt == null || prompt.isNull()) {
            throw ApiException.badRequest("'prompt' is required");
        }
        if (prompt.isTextual()) {
            return TOKENIZER.count(prompt.textValue());
        }
        if (!prompt.isArray() || prompt.isEmpty()) {
            throw ApiException.badRequest("'prompt' must be a string or a non-empty array");
        }
        if (isTokenIdArray(prompt)) {
            return prompt.size();
        }
        long tokens = 0;
        for (JsonNode item : prompt) {
            if (item.isTextual()) {
                tokens += TOKENIZER.count(item.textValue());
            } else if (item.isArray() && isTokenIdArray(item)) {
                tokens += item.size();
            } else {
                throw ApiException.badRequest("'prompt' items must be strings or arrays of token ids");
            }
        }
        return clampTokens(tokens);
    }

    private int maxTokens(JsonNode root) {
        JsonNode value = root.get("max_completion_tokens");
        String field = "max_completion_tokens";
        if (value == null || value.isNull()) {
            value = root.get("max_tokens");
            field = "max_tokens";
        }
        if (value == null || value.isNull()) {
            return profile.defaultMaxTokens();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw ApiException.badRequest("'" + field + "' must be a positive integer");
        }
        return value.intValue();
    }

    private static boolean optionalBoolean(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest("'" + field + "' must be a boolean");
        }
        return value.booleanValue();
    }

    private static boolean isTokenIdArray(JsonNode array) {
        if (array.isEmpty()) {
            return false;
        }
        for (JsonNode item : array) {
            if (!item.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    private static int clampTokens(long tokens) {
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
