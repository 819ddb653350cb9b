package io.llmload.runner.workload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A model's own Hugging Face {@code tokenizer.json} (Llama 3, Qwen, Mistral...), run by the Hugging Face tokenizers
 * library through DJL's JNI binding. Counts ordinary text: no special tokens (BOS) are added, as for the other
 * tokenizers; a chat template's tokens are the server's business.
 *
 * <p>Synthetic prompts stay exact under it: at load time the synthetic-prompt words are kept that cost exactly one
 * token as a prompt's first word and one more token after another word; then the whole text is checked once to add
 * up (it does for the byte-level, Metaspace and whitespace pre-tokenizers those models use). If a tokenizer does not
 * add up, every prompt is fitted to its count by measuring instead (slower, still exact).
 *
 * <p>DJL runs offline: the native library comes from the jar (never a download), telemetry is off, and it is
 * unpacked under {@code java.io.tmpdir} unless {@code DJL_CACHE_DIR} says otherwise (runner pods have a read-only
 * root filesystem and a writable /tmp).
 */
final class HuggingFaceTokenizer implements Tokenizer, SyntheticText {

    /** Below this many usable words the prompts would repeat too much: fit by measuring instead. */
    private static final int MIN_WORDS = 32;
    private static final String ANCHOR = "time";

    private final String name;
    private final ai.djl.huggingface.tokenizers.HuggingFaceTokenizer tokenizer;
    private final List<String> firstWords;
    private final List<String> nextWords;
    private final boolean additive;

    private HuggingFaceTokenizer(String name, ai.djl.huggingface.tokenizers.HuggingFaceTokenizer tokenizer) {
        this.name = name;
        this.tokenizer = tokenizer;
        List<String> first = new ArrayList<>();
        List<String> next = new ArrayList<>();
        int anchor = count(ANCHOR);
        for (String word : SyntheticPrompt.words()) {
            if (count(word) == 1) {
                first.add(word);
            }
            if (count(ANCHOR + " " + word) - anchor == 1) {
                next.add(word);
            }
        }
        this.firstWords = List.copyOf(first);
        this.nextWords = List.copyOf(next);
        this.additive = first.size() >= 1 && next.size() >= MIN_WORDS && addsUp();
    }

    /**
     * Loads {@code file} (a tokenizer.json).
     *
     * @throws TokenizerException naming the file when it is missing or not a tokenizer the library understands
     */
    static HuggingFaceTokenizer load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TokenizerException("spec.workload.tokenizerFile: file not found: " + file);
        }
        configureOffline();
        try {
            return new HuggingFaceTokenizer("tokenizer.json:" + file.getFileName(),
                    ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(file,
                            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false")));
        } catch (Exception | UnsatisfiedLinkError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            throw new TokenizerException("spec.workload.tokenizerFile: cannot load " + file
                    + " as a Hugging Face tokenizer.json (" + why + ")");
        }
    }

    /** DJL defaults that would reach the network or a read-only home directory; a user's own settings win. */
    private static synchronized void configureOffline() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null
                && System.getProperty("ENGINE_CACHE_DIR") == null && System.getenv("ENGINE_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "llmload-djl")
                    .toString());
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return tokenizer.encode(text, false, false).getIds().length;
    }

    @Override
    public String ofTokens(int tokens, SplittableRandom random) {
        if (tokens <= 0) {
            return "";
        }
        if (additive) {
            return words(tokens, random);
        }
        return fitted(tokens, random);
    }

    /** Whether the usable words, strung together, cost exactly one token each. */
    private boolean addsUp() {
        SplittableRandom random = new SplittableRandom(42);
        for (int length : new int[] { 1, 2, 17, 256 }) {
            if (count(words(length, random)) != length) {
                return false;
            }
        }
        return true;
    }

    private String words(int tokens, SplittableRandom random) {
        StringBuilder text = new StringBuilder(tokens * 7);
        text.append(firstWords.get(random.nextInt(firstWords.size())));
        for (int i = 1; i < tokens; i++) {
            text.append(' ').append(nextWords.get(random.nextInt(nextWords.size())));
        }
        return text.toString();
    }

    /** Words added (or taken away) until the text measures {@code tokens}; the closest text when none does. */
    private String fitted(int tokens, SplittableRandom random) {
        List<String> pool = nextWords.isEmpty() ? List.of(SyntheticPrompt.words()) : nextWords;
        List<String> words = new ArrayList<>();
        while (words.size() < tokens) {
            words.add(pool.get(random.nextInt(pool.size())));
        }
        String best = String.join(" ", words);
        int bestDistance = Math.abs(count(best) - tokens);
        for (int round = 0; round < 64 && bestDistance > 0; round++) {
            int measured = count(String.join(" ", words));
            if (measured > tokens && words.size() > 1) {
                words.remove(words.size() - 1);
            } else if (measured < tokens) {
                words.add(pool.get(random.nextInt(pool.size())));
            }
            String candidate = String.join(" ", words);
            int distance = Math.abs(count(candidate) - tokens);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Whether synthetic prompts are built from one-token words (false: fitted by measuring). */
    boolean additive() {
        return additive;
    }

    @Override
    public String toString() {
        return name;
    }
}
