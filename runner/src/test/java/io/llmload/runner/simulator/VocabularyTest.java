package io.llmload.runner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.workload.Tokenizer;
import org.junit.jupiter.api.Test;

/** The simulator's output is one token per generated token, under the client's tokenizers too. */
class VocabularyTest {

    @Test
    void everyOutputWordWithItsLeadingSpaceIsExactlyOneTokenUnderEveryTokenizer() {
        assertThat(Vocabulary.words()).hasSize(64).doesNotHaveDuplicates();
        for (String name : Tokenizer.NAMES) {
            Tokenizer tokenizer = Tokenizer.forName(name);
            for (String word : Vocabulary.words()) {
                assertThat(tokenizer.count(" " + word)).as("%s: ' %s'", name, word).isEqualTo(1);
            }
        }
    }

    @Test
    void aGeneratedTextOfNTokensCountsNTokens() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            Vocabulary.appendToken(text, 42, 7, i);
        }
        assertThat(Tokenizer.defaultTokenizer().count(text.toString())).isEqualTo(500);
        assertThat(Tokenizer.forName(Tokenizer.O200K).count(text.toString())).isEqualTo(500);
    }
}
