package io.llmload.runner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The chunk texts a trace keeps until it is counted off the I/O lane, and what each chunk is counted as. */
class RequestTraceTextTest {

    private static final long MS = 1_000_000L;

    /** A tokenizer whose count is known for any text: one token per character. */
    private static int characters(String text) {
        return text.length();
    }

    @Test
    void eachChunkIsCountedFromItsOwnTextWhateverCameBetween() {
        RequestTrace t = new RequestTrace("r", 0, 0, true, 5);
        t.expectChunks(4);
        t.content(10 * MS, "Hi", true);
        t.content(20 * MS, "", true);
        t.content(30 * MS, null, false);
        // counted on arrival: no text kept, its count stays as given
        t.tokens(40 * MS, 3, true);
        t.content(50 * MS, "think", false);
        // past the expected room: the arrays grow
        t.content(60 * MS, "!", true);
        t.succeeded(70 * MS);

        t.countTokens(RequestTraceTextTest::characters);

        assertThat(t.chunks()).isEqualTo(6);
        int[] perChunk = new int[t.chunks()];
        for (int i = 0; i < perChunk.length; i++) {
            perChunk[i] = t.chunkClientTokens(i);
        }
        assertThat(perChunk).containsExactly(2, 0, 0, 3, 5, 1);
        assertThat(t.clientOutputTokens()).isEqualTo(11);
        assertThat(t.chunkNanos(5)).isEqualTo(60 * MS);
    }

    @Test
    void countingTwiceCountsOnce() {
        RequestTrace t = new RequestTrace("r", 0, 0, true, 5);
        t.content(10 * MS, "abc", true);
        t.countTokens(RequestTraceTextTest::characters);
        t.countTokens(RequestTraceTextTest::characters);
        assertThat(t.clientOutputTokens()).isEqualTo(3);
    }
}
