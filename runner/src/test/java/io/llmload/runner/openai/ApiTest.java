package io.llmload.runner.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiTest {

    @Test
    void parsesNamesCaseInsensitively() {
        assertThat(Api.parse("chat")).isEqualTo(Api.CHAT);
        assertThat(Api.parse("Completions")).isEqualTo(Api.COMPLETIONS);
        assertThat(Api.parse("EMBEDDINGS")).isEqualTo(Api.EMBEDDINGS);
        assertThat(Api.parse(" chat ")).isEqualTo(Api.CHAT);
        assertThat(Api.parse("responses")).isEqualTo(Api.RESPONSES);
        assertThat(Api.parse("Rerank")).isEqualTo(Api.RERANK);
        assertThat(Api.parse("score")).isEqualTo(Api.SCORE);
    }

    @Test
    void rejectsUnknownNames() {
        assertThatThrownBy(() -> Api.parse("x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown api 'x': use one of chat, completions, embeddings, responses, rerank, score");
        assertThatThrownBy(() -> Api.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Api.parse("chat/completions")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathsBelowTheApiBaseAndStreaming() {
        assertThat(Api.CHAT.path()).isEqualTo("/chat/completions");
        assertThat(Api.COMPLETIONS.path()).isEqualTo("/completions");
        assertThat(Api.EMBEDDINGS.path()).isEqualTo("/embeddings");
        assertThat(Api.RESPONSES.path()).isEqualTo("/responses");
        assertThat(Api.RERANK.path()).isEqualTo("/rerank");
        assertThat(Api.SCORE.path()).isEqualTo("/score");
        assertThat(Api.CHAT.streams()).isTrue();
        assertThat(Api.COMPLETIONS.streams()).isTrue();
        assertThat(Api.RESPONSES.streams()).isTrue();
        assertThat(Api.EMBEDDINGS.streams()).isFalse();
        assertThat(Api.RERANK.streams()).isFalse();
        assertThat(Api.SCORE.scores()).isTrue();
    }
}
