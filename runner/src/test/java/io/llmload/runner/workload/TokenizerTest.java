package io.llmload.runner.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    private static final Tokenizer CL100K = Tokenizer.forName("cl100k_base");
    private static final Tokenizer O200K = Tokenizer.forName("o200k_base");
    private static final Tokenizer APPROXIMATE = Tokenizer.forName("approximate");

    @Test
    void cl100kCountsWhatOpenAisTokenizerCounts() {
        // Reference counts from OpenAI's tiktoken for cl100k_base.
        assertThat(CL100K.count("hello world")).isEqualTo(2);
        assertThat(CL100K.count("tiktoken is great!")).isEqualTo(6);
        assertThat(CL100K.count("")).isZero();
        assertThat(CL100K.count(null)).isZero();
    }

    @Test
    void o200kIsADifferentVocabulary() {
        // o200k_base packs non-English text tighter than cl100k_base.
        String hindi = "नमस्ते, आप कैसे हैं? मैं ठीक हूँ।";
        assertThat(O200K.count(hindi)).isLessThan(CL100K.count(hindi));
        assertThat(O200K.count("hello world")).isEqualTo(2);
    }

    @Test
    void approximateCountsWordsAndPunctuation() {
        assertThat(APPROXIMATE.count("Hello, world! It's 42.")).isEqualTo(9);
    }

    @Test
    void specialTokenMarkersInPromptsAreCountedAsText() {
        assertThat(CL100K.count("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void namesAreCaseInsensitiveAndTheDefaultIsCl100k() {
        assertThat(Tokenizer.forName(null).name()).isEqualTo("cl100k_base");
        assertThat(Tokenizer.defaultTokenizer()).isSameAs(CL100K);
        assertThat(Tokenizer.forName("O200K_BASE")).isSameAs(O200K);
        assertThatThrownBy(() -> Tokenizer.forName("llama3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown tokenizer 'llama3': use one of cl100k_base, o200k_base, approximate");
    }
}
