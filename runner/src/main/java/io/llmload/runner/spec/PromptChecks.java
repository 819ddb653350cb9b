package io.llmload.runner.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The prompt section of one request type: exactly one source, and each source complete for where the test runs. */
final class PromptChecks extends Checks {

    static final int MAX_SHARED_PREFIX_TOKENS = 1_000_000;

    private final String at;
    private final ManifestValidator.Mode mode;

    private PromptChecks(String at, ManifestValidator.Mode mode) {
        this.at = at;
        this.mode = mode;
    }

    /** @param at the prompt section's path, e.g. spec.workload.mix[0].prompt */
    static List<Violation> check(String at, PromptSpec prompt, ManifestValidator.Mode mode) {
        PromptChecks checks = new PromptChecks(at, mode);
        checks.check(prompt);
        return checks.violations;
    }

    private void check(PromptSpec prompt) {
        List<String> sources = prompt == null ? List.of() : sources(prompt);
        if (sources.size() != 1) {
            add(at, "set exactly one of prompt.text, prompt.inputTokens, prompt.prompts or prompt.dataset"
                    + (sources.isEmpty() ? "" : " (found " + String.join(" and ", sources) + ")"));
        }
        if (prompt == null) {
            return;
        }
        if (prompt.prompts() != null) {
            checkPrompts(prompt.prompts());
        }
        if (prompt.dataset() != null) {
            checkDataset(prompt.dataset());
        }
        Integer prefix = prompt.sharedPrefixTokens();
        if (prefix != null && (prefix < 1 || prefix > MAX_SHARED_PREFIX_TOKENS)) {
            add(at + ".sharedPrefixTokens", "must be between 1 and " + MAX_SHARED_PREFIX_TOKENS + " tokens");
        }
    }

    private static List<String> sources(PromptSpec prompt) {
        List<String> found = new ArrayList<>();
        if (prompt.text() != null && !prompt.text().isBlank()) {
            found.add("text");
        }
        if (prompt.inputTokens() != null) {
            found.add("inputTokens");
        }
        if (prompt.prompts() != null) {
            found.add("prompts");
        }
        if (prompt.dataset() != null) {
            found.add("dataset");
        }
        return found;
    }

    private void checkPrompts(List<WeightedPrompt> prompts) {
        String p = at + ".prompts";
        if (prompts.isEmpty()) {
            add(p, "list at least one prompt, e.g. [{text: Hello, weight: 3}, {text: Summarize this}]");
        }
        for (int i = 0; i < prompts.size(); i++) {
            WeightedPrompt entry = prompts.get(i);
            if (entry == null || entry.text() == null || entry.text().isBlank()) {
                add(p + "[" + i + "].text", "required: the prompt text");
            }
            if (entry != null && entry.weight() != null && !(entry.weight() > 0 && Double.isFinite(entry.weight()))) {
                add(p + "[" + i + "].weight", "must be greater than 0");
            }
        }
    }

    private void checkDataset(DatasetSpec dataset) {
        String p = at + ".dataset";
        boolean path = dataset.path() != null;
        boolean configMap = dataset.configMapRef() != null;
        boolean volume = dataset.persistentVolumeClaim() != null;
        int given = (path ? 1 : 0) + (configMap ? 1 : 0) + (volume ? 1 : 0);
        if (given != 1) {
            add(p, "set exactly one of dataset.path (CLI), dataset.configMapRef or dataset.persistentVolumeClaim "
                    + "(operator)");
        }
        if (dataset.format() != null && !DatasetSpec.SHAREGPT.equals(dataset.format().toLowerCase(Locale.ROOT))
                && !DatasetSpec.JSONL.equals(dataset.format().toLowerCase(Locale.ROOT))) {
            add(p + ".format", "must be sharegpt (conversations) or jsonl ({\"prompt\", \"max_tokens\"} lines); "
                    + "leave it out to detect it from the file");
        }
        if (path) {
            if (dataset.path().isBlank()) {
                add(p + ".path", "required: the dataset file, e.g. data/sharegpt.jsonl");
            } else if (mode == ManifestValidator.Mode.CLUSTER) {
                add(p + ".path", "a local file is not visible to runner pods: put the dataset in a ConfigMap "
                        + "(dataset.configMapRef) or on a volume (dataset.persistentVolumeClaim)");
            }
        }
        if (configMap) {
            ConfigMapKeyRef ref = dataset.configMapRef();
            localOnly(p + ".configMapRef", "a ConfigMap");
            required(p + ".configMapRef.name", ref.name(), "the ConfigMap's name");
            required(p + ".configMapRef.key", ref.key(), "the key holding the file, e.g. sharegpt.jsonl");
        }
        if (volume) {
            PvcFileRef ref = dataset.persistentVolumeClaim();
            localOnly(p + ".persistentVolumeClaim", "a PersistentVolumeClaim");
            required(p + ".persistentVolumeClaim.claimName", ref.claimName(), "the claim's name");
            if (required(p + ".persistentVolumeClaim.path", ref.path(), "the file within the volume")
                    && (ref.path().startsWith("/") || List.of(ref.path().split("/")).contains(".."))) {
                add(p + ".persistentVolumeClaim.path", "must be a path inside the volume, relative and without '..'");
            }
        }
    }

    private void localOnly(String path, String what) {
        if (mode == ManifestValidator.Mode.LOCAL) {
            add(path, what + " is read by the operator's runner pods only: for the CLI, save the file locally and set "
                    + "dataset.path");
        }
    }

    private boolean required(String path, String value, String what) {
        if (value == null || value.isBlank()) {
            add(path, "required: " + what);
            return false;
        }
        return true;
    }
}
