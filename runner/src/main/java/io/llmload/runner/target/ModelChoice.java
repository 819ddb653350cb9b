package io.llmload.runner.target;

import java.net.URI;
import java.time.Duration;

/**
 * Which model a run sends: the one the manifest (or {@code --model}) names, else the server's only model as
 * {@code GET /v1/models} lists it. Several models, none, or no answer are errors that say what to set.
 *
 * @param source how the model was chosen, as the report and the console show it: {@code spec}, {@code --model},
 *     {@code discovered} (the server's only model) or {@code simulator}
 */
public record ModelChoice(String model, String source) {

    public static final String SPEC = "spec";
    public static final String COMMAND_LINE = "--model";
    public static final String DISCOVERED = "discovered";
    public static final String SIMULATOR = "simulator";

    /** The configured model, or the server's only one. */
    public static ModelChoice resolve(String configured, String configuredSource, URI url,
            TargetConnection connection, String apiKey, Duration timeout) {
        if (configured != null && !configured.isBlank()) {
            return new ModelChoice(configured.trim(), configuredSource);
        }
        String fix = ": set spec.target.model (CLI: --model)";
        ModelListing.Answer answer;
        try {
            answer = ModelListing.fetch(url, connection, apiKey, timeout);
        } catch (TargetUnreachableException e) {
            throw new TargetSetupException("spec.target.model: not set, and the server's models cannot be listed ("
                    + e.getMessage() + ")" + fix);
        }
        String where = ModelListing.where(url, connection);
        if (!answer.ok()) {
            throw new TargetSetupException("spec.target.model: not set, and " + where + " answered "
                    + (answer.status() < 0 ? "" : "HTTP " + answer.status() + " ") + answer.message() + fix);
        }
        if (answer.models().isEmpty()) {
            throw new TargetSetupException("spec.target.model: not set, and " + where + " lists no model" + fix);
        }
        if (answer.models().size() > 1) {
            throw new TargetSetupException("spec.target.model: not set, and the server serves "
                    + answer.models().size() + " models (" + String.join(", ", answer.models())
                    + "): set spec.target.model (CLI: --model) to one of them");
        }
        return new ModelChoice(answer.models().get(0), DISCOVERED);
    }

    /** How the console says it. */
    public String describe() {
        return model + (DISCOVERED.equals(source) ? " (the only model at GET /v1/models)"
                : COMMAND_LINE.equals(source) ? " (from --model)" : "");
    }
}
