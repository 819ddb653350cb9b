package io.llmload.runner.spec;

import java.util.List;
import java.util.Set;

/** The sampling parameters of one request type's output section (its maxTokens is a distribution, checked apart). */
final class OutputChecks extends Checks {

    /**
     * Request fields llmload writes itself: extraBody must not set them (a second value would make the body
     * ambiguous, and stream/model/messages are what the measurement depends on).
     */
    static final Set<String> MANAGED_FIELDS = Set.of("model", "messages", "prompt", "input", "stream",
            "stream_options", "max_tokens", "max_completion_tokens", "ignore_eos", "min_tokens", "temperature",
            "top_p", "top_k", "seed", "stop", "frequency_penalty", "presence_penalty");

    private OutputChecks() {
    }

    /** @param at the output section's path, e.g. spec.workload.mix[0].output */
    static List<Violation> check(String at, OutputSpec output) {
        OutputChecks checks = new OutputChecks();
        if (output != null) {
            checks.checkOutput(at, output);
        }
        return checks.violations;
    }

    private void checkOutput(String at, OutputSpec output) {
        if (output.temperature() != null && !(output.temperature() >= 0 && output.temperature() <= 2)) {
            add(at + ".temperature", "must be between 0 and 2");
        }
        if (output.minTokens() != null) {
            Double largest = output.maxTokens() == null ? null : output.maxTokens().largestDraw();
            if (output.minTokens() < 0) {
                add(at + ".minTokens", "must be 0 or more");
            } else if (largest != null && output.minTokens() > largest) {
                add(at + ".minTokens", "is above every max_tokens this type draws (at most "
                        + Math.round(largest) + "): lower it or raise output.maxTokens");
            }
        }
        if (output.topP() != null && !(output.topP() > 0 && output.topP() <= 1)) {
            add(at + ".topP", "must be greater than 0 and at most 1");
        }
        if (output.topK() != null && output.topK() < -1) {
            add(at + ".topK", "must be -1 or 0 (disabled) or a positive number of tokens");
        }
        penalty(at + ".frequencyPenalty", output.frequencyPenalty());
        penalty(at + ".presencePenalty", output.presencePenalty());
        if (output.stop() != null) {
            for (int i = 0; i < output.stop().size(); i++) {
                String stop = output.stop().get(i);
                if (stop == null || stop.isEmpty()) {
                    add(at + ".stop[" + i + "]", "must be a non-empty string");
                }
            }
        }
        if (output.extraBody() != null) {
            output.extraBody().keySet().stream().filter(MANAGED_FIELDS::contains).sorted().forEach(key ->
                    add(at + ".extraBody." + key, "llmload sets '" + key + "' itself: use the "
                            + "output or prompt fields instead (extraBody is for server-specific parameters)"));
        }
    }

    private void penalty(String path, Double value) {
        if (value != null && !(value >= -2 && value <= 2)) {
            add(path, "must be between -2 and 2");
        }
    }
}
