package io.llmload.runner.workload;

import io.llmload.runner.spec.TokenizerFileSpec;
import io.llmload.runner.spec.WorkloadSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts tokens the way a model's tokenizer would. {@code cl100k_base} (the default) and {@code o200k_base} are
 * OpenAI's BPE encodings: exact for OpenAI models, an approximation for the others, which have vocabularies of their
 * own (Llama 3's builds on cl100k's and counts English closely; smaller vocabularies such as Llama 2's or Mistral's
 * need more tokens for the same text). {@code approximate} counts words and punctuation marks, the cheapest and the
 * least exact. A model's own Hugging Face tokenizer.json ({@code spec.workload.tokenizerFile}) is exact for that
 * model. Implementations are thread-safe and shared.
 */
public interface Tokenizer {

    String CL100K = "cl100k_base";
    String O200K = "o200k_base";
    String APPROXIMATE = "approximate";

    /** The names accepted in {@code spec.workload.tokenizer}. */
    List<String> NAMES = List.of(CL100K, O200K, APPROXIMATE);

    /** The manifest's default, and what the simulator counts with. */
    static Tokenizer defaultTokenizer() {
        return BpeTokenizer.CL100K_BASE;
    }

    /** The tokenizer of that name (case-insensitive), empty when there is none. */
    static Optional<Tokenizer> named(String name) {
        if (name == null) {
            return Optional.of(defaultTokenizer());
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case CL100K:
                return Optional.of(BpeTokenizer.CL100K_BASE);
            case O200K:
                return Optional.of(BpeTokenizer.O200K_BASE);
            case APPROXIMATE:
                return Optional.of(ApproximateTokenizer.INSTANCE);
            default:
                return Optional.empty();
        }
    }

    /**
     * The workload's tokenizer: its {@code tokenizerFile} (a Hugging Face tokenizer.json, at a local path by now),
     * else the one {@code tokenizer} names.
     *
     * @throws TokenizerException when the tokenizer file cannot be loaded
     */
    static Tokenizer of(WorkloadSpec workload) {
        TokenizerFileSpec file = workload.tokenizerFile();
        if (file != null && file.path() != null) {
            return HuggingFaceTokenizer.load(Path.of(file.path()));
        }
        return forName(workload.tokenizer());
    }

    /** The tokenizer a manifest names; {@code null} means the default. */
    static Tokenizer forName(String name) {
        return named(name).orElseThrow(() -> new IllegalArgumentException("unknown tokenizer '" + name
                + "': use one of " + String.join(", ", NAMES)));
    }

    String name();

    /** Tokens in {@code text}; 0 for null or empty. Special-token markers such as {@code <|endoftext|>} are text. */
    int count(String text);

    /**
     * Loads the vocabulary now (a BPE encoding takes 0.3–3 s to load, depending on the machine), so that the first
     * request is not the one that pays for it. Returns this tokenizer.
     */
    default Tokenizer preload() {
        return this;
    }
}
