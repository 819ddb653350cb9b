package io.llmload.runner.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmload.runner.spec.TokenizerFileSpec;
import io.llmload.runner.spec.WorkloadSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's own tokenizer.json through DJL's Hugging Face binding, offline (the native library comes from the jar).
 * The files are tiny tokenizers trained by src/test/resources/tokenizers/generate.py in the two layouts real models
 * use: Llama 3 / Qwen (byte-level BPE, regex pre-tokenizer) and Mistral / Llama 2 (Metaspace, SentencePiece-like).
 * Expected counts come from the reference Python library (tokenizers 0.23.3) on the same files.
 */
class HuggingFaceTokenizerTest {

    private static final String SENTENCE = "The quick brown fox jumps over the lazy dog.";

    @TempDir
    Path dir;

    @Test
    void countsMatchTheReferenceImplementation() {
        Tokenizer llama = tokenizer("llama3-style-tiny.json");
        Tokenizer mistral = tokenizer("mistral-style-tiny.json");
        assertThat(llama.count(SENTENCE)).isEqualTo(25);
        assertThat(llama.count("Latency percentiles come from histograms, never from averages.")).isEqualTo(33);
        assertThat(mistral.count(SENTENCE)).isEqualTo(24);
        assertThat(mistral.count("Latency percentiles come from histograms, never from averages.")).isEqualTo(33);
        assertThat(llama.count("")).isZero();
        assertThat(llama.name()).isEqualTo("tokenizer.json:llama3-style-tiny.json");
    }

    @Test
    void syntheticPromptsHaveExactlyTheRequestedCountUnderTheModelsTokenizer() {
        for (String file : List.of("llama3-style-tiny.json", "mistral-style-tiny.json")) {
            HuggingFaceTokenizer tokenizer = (HuggingFaceTokenizer) tokenizer(file);
            assertThat(tokenizer.additive()).as(file + ": one-token words that add up").isTrue();
            SplittableRandom random = new SplittableRandom(7);
            for (int tokens : new int[] { 1, 2, 3, 16, 100, 511, 2048 }) {
                String prompt = SyntheticText.ofTokens(tokenizer, tokens, random);
                assertThat(tokenizer.count(prompt)).as(file + ", " + tokens + " tokens").isEqualTo(tokens);
            }
            // cl100k's words would not do: the same length of cl100k text is longer under this small vocabulary.
            String cl100kText = SyntheticPrompt.ofTokens(200, new SplittableRandom(7));
            assertThat(tokenizer.count(cl100kText)).isGreaterThan(200);
        }
    }

    @Test
    void theWorkloadsTokenizerFileReplacesTheNamedTokenizer() {
        Path file = resource("llama3-style-tiny.json");
        WorkloadSpec workload = new WorkloadSpec(List.of(), 1L, null, null,
                new TokenizerFileSpec(file.toString(), null, null));
        assertThat(Tokenizer.of(workload).count(SENTENCE)).isEqualTo(25);
        assertThat(Tokenizer.of(new WorkloadSpec(List.of(), 1L)).name()).isEqualTo("cl100k_base");
    }

    @Test
    void aMissingOrBrokenFileNamesTheFieldAndTheFile() throws Exception {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> HuggingFaceTokenizer.load(missing)).isInstanceOf(TokenizerException.class)
                .hasMessage("spec.workload.tokenizerFile: file not found: " + missing);
        Path broken = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": 42}");
        assertThatThrownBy(() -> HuggingFaceTokenizer.load(broken)).isInstanceOf(TokenizerException.class)
                .hasMessageStartingWith("spec.workload.tokenizerFile: cannot load " + broken
                        + " as a Hugging Face tokenizer.json (");
    }

    static Path resource(String name) {
        return Path.of(System.getProperty("llmload.repo.root"), "runner/src/test/resources/tokenizers", name);
    }

    private static Tokenizer tokenizer(String name) {
        return HuggingFaceTokenizer.load(resource(name));
    }
}
