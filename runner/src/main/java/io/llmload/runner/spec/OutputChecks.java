package io.llmload.runner.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The sampling parameters of one request type's output section (its maxTokens is a distribution, checked apart). */
final class OutputChecks {

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
        List<Violation> found = new ArrayList<>();
        if (output == null) {
            return found;
        }
        if (output.minTokens() != null) {
            Double largest = output.maxTokens() == null ? null : output.maxTokens().largestDraw();
            if (output.minTokens() < 0) {
                found.add(new Violation(at + ".minTokens", "must be 0 or more"));
            } else if (largest != null && output.minTokens() > largest) {
                found.add(new Violation(at + ".minTokens", "is above every max_tokens this type draws (at most "
                        + Math.round(largest) + "): lower it or raise output.maxTokens"));
            }
        }
        if (output.topP() != null && !(output.topP() > 0 && output.topP() <= 1)) {
            found.add(new Violation(at + ".topP", "must be greater than 0 and at most 1"));
        }
        if (output.topK() != null && output.topK() < -1) {
            found.add(new Violation(at + ".topK", "must be -1 or 0 (disabled) or a positive number of tokens"));
        }
        penalty(at + ".frequencyPenalty", output.frequencyPenalty(), found);
        penalty(at + ".presencePenalty", output.presencePenalty(), found);
        if (output.stop() != null) {
            for (int i = 0; i < output.stop().size(); i++) {
                String stop = output.stop().get(i);
                if (stop == null || stop.isEmpty()) {
                    found.add(new Violation(at + ".stop[" + i + "]", "must be a non-empty string"));
                }
            }
        }
        if (output.extraBody() != null) {
            output.extraBody().keySet().stream().filter(MANAGED_FIELDS::contains).sorted().forEach(key ->
                    found.add(new Violation(at + ".extraBody." + key, "llmload sets '" + key + "' itself: use the "
                            + "output or prompt fields instead (extraBody is for server-specific parameters)")));
        }
        return found;
    }

    private static void penalty(String path, Double value, List<Violation> found) {
        if (value != null && !(value >= -2 && value <= 2)) {
            found.add(new Violation(path, "must be between -2 and 2"));
        }
    }
}
